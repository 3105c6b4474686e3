//! The state snapshot's build fingerprint (`snapshot::FINGERPRINT`): a hash of the domain's
//! source files, so that a snapshot written by a build whose state layout or `evolve` may differ
//! is refused and the log replayed instead (see `src/snapshot/mod.rs`).
use std::path::{Path, PathBuf};

fn files(dir: &Path, out: &mut Vec<PathBuf>) {
    let Ok(entries) = std::fs::read_dir(dir) else { return };
    for entry in entries.flatten() {
        let path = entry.path();
        if path.is_dir() {
            files(&path, out);
        } else if path.extension().is_some_and(|e| e == "rs") && path.file_name().is_some_and(|n| n != "tests.rs") {
            out.push(path);
        }
    }
}

fn main() {
    println!("cargo:rerun-if-changed=src");
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut all = Vec::new();
    files(&root.join("src"), &mut all);
    all.sort();
    // FNV-1a, 64 bits: stable, dependency-free; not a defence against a crafted file (a snapshot
    // is the app's own data, as trusted as its log), only a way to tell builds apart.
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    let mut eat = |bytes: &[u8]| {
        for b in bytes {
            h ^= *b as u64;
            h = h.wrapping_mul(0x0100_0000_01b3);
        }
    };
    for path in &all {
        let rel = path.strip_prefix(root).unwrap_or(path).to_string_lossy().replace('\\', "/");
        eat(rel.as_bytes());
        eat(&[0]);
        // Line endings do not change the code (a checkout on Windows hashes the same).
        let text = std::fs::read(path).unwrap_or_default();
        let text: Vec<u8> = text.into_iter().filter(|b| *b != b'\r').collect();
        eat(&text);
        eat(&[0]);
    }
    println!("cargo:rustc-env=FAIRLOG_STATE_FINGERPRINT={h:016x}");
}
