//! The dashboard's figures (the domain's `figures::compute`, which `fairlog figures` prints) equal
//! an independent computation over the exported log (`tests/tools/figures.py`, which replays the
//! events itself), for the demo season and for a generated season.
use std::process::Command;

fn tmp(name: &str) -> String {
    let dir = std::env::temp_dir().join(format!("fairlog-figures-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    dir.join(name).to_string_lossy().into_owned()
}

fn cli(args: &[&str]) -> String {
    let out = Command::new(env!("CARGO_BIN_EXE_fairlog")).args(args).output().expect("fairlog runs");
    assert!(out.status.success(), "fairlog {args:?}: {}", String::from_utf8_lossy(&out.stderr));
    String::from_utf8(out.stdout).unwrap()
}

fn python(args: &[&str]) -> serde_json::Value {
    let script = concat!(env!("CARGO_MANIFEST_DIR"), "/../../tests/tools/figures.py");
    let out = Command::new("python3").arg(script).args(args).output().expect("python3 runs");
    assert!(out.status.success(), "figures.py: {}", String::from_utf8_lossy(&out.stderr));
    serde_json::from_slice(&out.stdout).unwrap()
}

fn compare(file: &str, extra: &[&str]) -> serde_json::Value {
    let mut args = vec!["figures", file];
    args.extend(extra);
    let ours: serde_json::Value = serde_json::from_str(&cli(&args)).unwrap();
    let mut pargs = vec![file];
    pargs.extend(extra);
    let theirs = python(&pargs);
    for key in [
        "fairs_held",
        "enterprises",
        "jobs_offered",
        "posts",
        "booths",
        "booths_booked",
        "visitors",
        "applications",
        "hires",
        "returned_to_work",
        "by_mode",
        "sessions",
        "session_viewers",
        "session_applications",
    ] {
        assert_eq!(ours[key], theirs[key], "{key} differs for {file} {extra:?}");
    }
    ours
}

#[test]
fn the_demo_season_figures_match_an_independent_computation() {
    let file = tmp("demo.jsonl");
    cli(&["demo", "--now", "2026-11-24T02:00:00Z", "--out", &file]);
    let f = compare(&file, &[]);
    assert_eq!(f["fairs_held"], 5);
    assert!(f["jobs_offered"].as_u64().unwrap() > 100);
    assert!(f["visitors"].as_u64().unwrap() > 0);
    assert!(f["sessions"].as_u64().unwrap() > 0, "the demo has an ended livestream session");
    compare(&file, &["--district", "Xuhui"]);
    compare(&file, &["--district", "Baoshan"]);
    compare(&file, &["--from", "2026-11-20", "--to", "2026-12-31"]);
}

#[test]
fn a_generated_season_figures_match_an_independent_computation() {
    let file = tmp("season.jsonl");
    cli(&["generate", "--season", "--events", "20000", "--seed", "5", "--out", &file]);
    let f = compare(&file, &[]);
    assert!(f["fairs_held"].as_u64().unwrap() > 50);
    assert!(f["booths_booked"].as_u64().unwrap() > 100);
    assert!(f["hires"].as_u64().unwrap() > 0);
    compare(&file, &["--from", "2026-02-01", "--to", "2026-03-31"]);
    compare(&file, &["--district", "Pudong"]);
}
