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

fn generated(name: &str, events: &str, seed: &str) -> String {
    let file = tmp(name);
    let (ok, _, err) = fairlog(&["generate", "--events", events, "--seed", seed, "--out", &file]);
    assert!(ok, "{err}");
    file
}

fn exit_code(args: &[&str]) -> (Option<i32>, String) {
    let out = Command::new(env!("CARGO_BIN_EXE_fairlog")).args(args).output().expect("runs");
    (out.status.code(), String::from_utf8_lossy(&out.stderr).into())
}

#[test]
fn verify_prints_the_count_and_the_last_hash_of_the_header() {
    let file = generated("verify.jsonl", "300", "11");
    let text = std::fs::read_to_string(&file).unwrap();
    let header: serde_json::Value = serde_json::from_str(text.lines().next().unwrap()).unwrap();
    let (ok, out, _) = fairlog(&["verify", &file]);
    assert!(ok);
    let count = header["count"].as_u64().unwrap();
    let hash = header["last_hash"].as_str().unwrap();
    assert_eq!(hash.len(), 64);
    assert_eq!(count as usize, text.lines().count() - 1);
    assert!(out.starts_with(&format!("OK {count} events")), "{out}");
    assert!(out.contains(hash), "{out}");
}

#[test]
fn summary_counts_fairs_by_status_mode_and_district() {
    let file = generated("summary.jsonl", "400", "5");
    let (ok, out, err) = fairlog(&["summary", &file]);
    assert!(ok, "{err}");
    let figures: std::collections::BTreeMap<&str, u64> = out
        .lines()
        .map(|l| {
            let mut parts = l.split_whitespace();
            (parts.next().unwrap(), parts.next().unwrap().parse().unwrap())
        })
        .collect();
    let fairs = figures["fairs"];
    assert!(fairs > 0);
    assert!(figures["events"] >= 400);
    assert!(figures.contains_key("series"));
    let sum = |prefix: &str| figures.iter().filter(|(k, _)| k.starts_with(prefix)).map(|(_, v)| v).sum::<u64>();
    assert_eq!(sum("fairs.status."), fairs, "{out}");
    assert_eq!(sum("fairs.mode."), fairs, "{out}");
    // Online fairs have no venue, hence no district.
    assert_eq!(sum("fairs.district."), fairs - figures.get("fairs.mode.online").copied().unwrap_or(0), "{out}");
    assert!(figures.keys().any(|k| k.starts_with("fairs.status.published")), "{out}");
}

#[test]
fn replay_reports_its_timings() {
    let file = generated("replay.jsonl", "200", "2");
    let (ok, out, err) = fairlog(&["replay", &file]);
    assert!(ok, "{err}");
    assert!(out.contains(" events: ") && out.contains(" ms"), "{out}");
}

#[test]
fn generate_is_deterministic_and_writes_to_stdout_without_out() {
    let a = std::fs::read(generated("det-a.jsonl", "250", "9")).unwrap();
    let b = std::fs::read(generated("det-b.jsonl", "250", "9")).unwrap();
    let c = std::fs::read(generated("det-c.jsonl", "250", "10")).unwrap();
    assert_eq!(a, b);
    assert_ne!(a, c);
    let out = Command::new(env!("CARGO_BIN_EXE_fairlog"))
        .args(["generate", "--events", "250", "--seed", "9"])
        .output()
        .unwrap();
    assert!(out.status.success());
    assert_eq!(out.stdout, a);
}

#[test]
fn a_truncated_log_fails_verification_with_exit_code_1() {
    let file = generated("truncated.jsonl", "100", "4");
    let text = std::fs::read_to_string(&file).unwrap();
    // One whole event missing at the end: the header's count gives it away.
    let lines: Vec<&str> = text.lines().collect();
    std::fs::write(&file, lines[..lines.len() - 1].join("\n")).unwrap();
    let (code, err) = exit_code(&["verify", &file]);
    assert_eq!(code, Some(1));
    assert!(err.contains("the header announces"), "{err}");
    // Cut in the middle of a line.
    std::fs::write(&file, &text[..text.len() - 30]).unwrap();
    let (code, err) = exit_code(&["verify", &file]);
    assert_eq!(code, Some(1));
    assert!(err.contains("invalid JSON"), "{err}");
    // Summary and replay refuse it too.
    assert_eq!(exit_code(&["summary", &file]).0, Some(1));
    assert_eq!(exit_code(&["replay", &file]).0, Some(1));
}

#[test]
fn a_missing_file_or_reordered_lines_fail_with_exit_code_1() {
    let (code, err) = exit_code(&["verify", &tmp("does-not-exist.jsonl")]);
    assert_eq!(code, Some(1));
    assert!(err.contains("cannot read"), "{err}");
    let file = generated("reordered.jsonl", "20", "4");
    let text = std::fs::read_to_string(&file).unwrap();
    let mut lines: Vec<&str> = text.lines().collect();
    lines.swap(3, 4);
    std::fs::write(&file, lines.join("\n")).unwrap();
    let (code, err) = exit_code(&["verify", &file]);
    assert_eq!(code, Some(1));
    assert!(err.contains("sequence"), "{err}");
}

#[test]
fn a_valid_chain_of_an_impossible_event_fails_verification_naming_the_line_the_event_and_the_rule() {
    use fairlog_domain::envelope::{Actor, EventEnvelope, Role};
    use fairlog_domain::log::{hash_line, to_line};
    // Given a generated log (which verifies)
    let file = generated("approved-by-enterprise.jsonl", "200", "6");
    let text = std::fs::read_to_string(&file).unwrap();
    assert!(fairlog(&["verify", &file]).0);
    let imported = fairlog_domain::codec::import(&text).unwrap();
    let last = imported.envelopes.last().unwrap().clone();
    let booking = fairlog_domain::ids::BookingId::from_u128(0xDEAD);
    // When someone appends, with a correct hash chain and header, an enterprise's approval
    let crafted = EventEnvelope {
        id: uuid::Uuid::from_u128(0xBAD),
        seq: last.seq + 1,
        prev: hash_line(text.lines().last().unwrap()),
        actor: Actor { role: Role::Enterprise, name: "张经理".into(), subject: None, account: None },
        cmd: None,
        event: fairlog_domain::booking::BookingEvent::BookingApproved { booking_id: booking }.into(),
        redacted: None,
        ..last
    };
    let line = to_line(&crafted);
    let header = fairlog_domain::codec::Header { count: crafted.seq, last_hash: hash_line(&line), ..imported.header };
    let body: Vec<&str> = text.lines().skip(1).collect();
    let forged = format!("{}\n{}\n{}\n", serde_json::to_string(&header).unwrap(), body.join("\n"), line);
    std::fs::write(&file, forged).unwrap();
    // Then verify exits 1 and names the line, the event and the rule it breaks
    let (code, err) = exit_code(&["verify", &file]);
    assert_eq!(code, Some(1));
    let expected_line = format!("line {}", crafted.seq + 1);
    assert!(err.contains(&expected_line), "{err}");
    assert!(err.contains("BookingApproved"), "{err}");
    assert!(err.contains("forbidden"), "{err}");
    // ... and summary refuses it too
    assert_eq!(exit_code(&["summary", &file]).0, Some(1));
}

/// The seeds' season, a twentieth of its size (the same generator and structure): the figures
/// the dashboard shows are the seeds' figures over twenty, and the file verifies.
#[test]
fn a_seed_scale_season_divided_shows_the_seeds_figures_in_proportion_and_verifies() {
    let file = tmp("seed-scale-20.jsonl");
    let (ok, _, err) = fairlog(&["generate", "--seed-scale", "--divide-by", "20", "--seed", "5", "--out", &file]);
    assert!(ok, "{err}");
    let (ok, out, err) = fairlog(&["verify", &file]);
    assert!(ok && out.starts_with("OK "), "{out} {err}");
    let (ok, out, err) = fairlog(&["figures", &file]);
    assert!(ok, "{err}");
    let v: serde_json::Value = serde_json::from_str(&out).unwrap();
    assert!(v["fairs_held"].as_u64().unwrap() >= 1_100 / 20, "{out}");
    assert!(v["enterprises"].as_u64().unwrap() >= 25_600 / 20, "{out}");
    assert!(v["jobs_offered"].as_u64().unwrap() >= 480_000 / 20, "{out}");
}

/// The full seed scale, in an optimised build only (`cargo test --release -p fairlog-cli`):
/// at least 1,100 fairs held, 25,600 enterprises and 480,000 jobs offered, and the file verifies.
#[test]
#[cfg_attr(debug_assertions, ignore = "the full seed scale runs in release builds")]
fn the_seed_scale_season_shows_the_seeds_figures_and_verifies() {
    let file = tmp("seed-scale.jsonl");
    let (ok, _, err) = fairlog(&["generate", "--seed-scale", "--out", &file]);
    assert!(ok, "{err}");
    let (ok, out, err) = fairlog(&["verify", &file]);
    assert!(ok && out.starts_with("OK "), "{out} {err}");
    let (ok, out, err) = fairlog(&["figures", &file]);
    assert!(ok, "{err}");
    let v: serde_json::Value = serde_json::from_str(&out).unwrap();
    assert!(v["fairs_held"].as_u64().unwrap() >= 1_100, "{out}");
    assert!(v["enterprises"].as_u64().unwrap() >= 25_600, "{out}");
    assert!(v["jobs_offered"].as_u64().unwrap() >= 480_000, "{out}");
}
