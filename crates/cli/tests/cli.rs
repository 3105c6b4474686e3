//! The CLI binary on generated, damaged and foreign files.
use std::process::Command;

fn fairlog(args: &[&str]) -> (bool, String, String) {
    let out = Command::new(env!("CARGO_BIN_EXE_fairlog")).args(args).output().expect("runs");
    (out.status.success(), String::from_utf8_lossy(&out.stdout).into(), String::from_utf8_lossy(&out.stderr).into())
}

fn tmp(name: &str) -> String {
    let dir = std::env::temp_dir().join(format!("fairlog-cli-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    dir.join(name).to_string_lossy().into_owned()
}

#[test]
fn a_generated_log_verifies_and_summarises() {
    let file = tmp("gen.jsonl");
    let (ok, _, err) = fairlog(&["generate", "--events", "500", "--seed", "3", "--out", &file]);
    assert!(ok, "{err}");
    let (ok, out, _) = fairlog(&["verify", &file]);
    assert!(ok);
    assert!(out.starts_with("OK "), "{out}");
    let (ok, out, _) = fairlog(&["summary", &file, "--json"]);
    assert!(ok);
    let v: serde_json::Value = serde_json::from_str(&out).unwrap();
    assert!(v["events"].as_u64().unwrap() >= 500);
    assert!(v["fairs"].as_u64().unwrap() > 0);
}

#[test]
fn an_edited_log_fails_verification_with_exit_code_1() {
    let file = tmp("edited.jsonl");
    assert!(fairlog(&["generate", "--events", "50", "--out", &file]).0);
    let text = std::fs::read_to_string(&file).unwrap();
    let edited = text.replacen("专场招聘会", "专场招骋会", 1);
    assert_ne!(edited, text);
    std::fs::write(&file, edited).unwrap();
    let out = Command::new(env!("CARGO_BIN_EXE_fairlog")).args(["verify", &file]).output().unwrap();
    assert_eq!(out.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&out.stderr).contains("hash chain"));
}

#[test]
fn a_file_that_is_not_a_log_is_refused() {
    let file = tmp("notes.txt");
    std::fs::write(&file, "购物清单\n牛奶\n").unwrap();
    let (ok, _, err) = fairlog(&["verify", &file]);
    assert!(!ok);
    assert!(err.contains("not a Fairlog event log"), "{err}");
}
