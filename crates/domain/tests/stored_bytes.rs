//! The chain over stored bytes (issue 13, item 4; native layer): hashes come from the exact line
//! as stored or read, never from a re-serialisation, so a file with a leading blank line or a
//! line in another JSON form (key order, `+00:00` for `Z`) is stored exactly as read and a merge
//! after it still chains.
use fairlog_domain::codec;
use fairlog_domain::engine::Engine;
use fairlog_domain::fair::FairCommand;
use fairlog_domain::ids::FairId;
use fairlog_domain::log::{hash_line, to_line};
use fairlog_domain::testing::{counter_ids, organizer, organizer_cmd, sample_engine, t, xuhui_fair};
use fairlog_domain::Command;

/// The file of `engine`'s log with its last event written in another JSON form: keys sorted
/// (serde_json's map order, not the struct's) and `+00:00` instead of `Z`, sealed as written.
fn non_canonical_file(engine: &Engine) -> String {
    let mut lines: Vec<String> = engine.log().entries().iter().map(to_line).collect();
    let last = lines.last_mut().unwrap();
    let v: serde_json::Value = serde_json::from_str(last).unwrap();
    let other = serde_json::to_string(&v).unwrap().replace("Z\"", "+00:00\"");
    assert_ne!(&other, last, "a different form of the same event");
    *last = other;
    let header = codec::Header {
        format: codec::FORMAT.into(),
        schema: fairlog_domain::SCHEMA_VERSION,
        count: lines.len() as u64,
        last_hash: hash_line(lines.last().unwrap()),
    };
    format!("{}\n{}\n", serde_json::to_string(&header).unwrap(), lines.join("\n"))
}

/// What the app stores for a fresh import, restored as it restores on start.
fn stored_and_restored(text: &str) -> (Vec<String>, Engine) {
    let lines: Vec<String> = codec::event_lines(text).into_iter().map(String::from).collect();
    let (engine, problem) = Engine::restore(lines.iter().enumerate().map(|(i, l)| (i as u64 + 1, Some(l.clone()))));
    assert_eq!(problem, None);
    (lines, engine)
}

#[test]
fn a_leading_blank_line_is_not_stored_as_a_record() {
    // Given an exported log with a blank line and a byte-order mark in front
    let engine = sample_engine();
    let text = format!("\u{feff}\n\r\n{}", codec::export(engine.log()));
    // When it is imported and its lines stored
    assert!(codec::import(&text).is_ok());
    let (lines, restored) = stored_and_restored(&text);
    // Then the stored records are exactly the event lines, and restore gives the same log
    assert_eq!(lines.len(), engine.log().len());
    assert!(lines.iter().all(|l| l.starts_with("{\"id\"")), "{:?}", &lines[0]);
    assert_eq!(restored.log().last_hash(), engine.log().last_hash());
}

#[test]
fn a_non_canonical_line_is_stored_as_read_and_a_merge_after_it_chains() {
    // Given a file whose last line is the same event in another JSON form
    let engine = sample_engine();
    let text = non_canonical_file(&engine);
    codec::import(&text).expect("it verifies: the chain covers the bytes as written");
    let (mut stored, mut local) = stored_and_restored(&text);
    assert_eq!(stored.last(), codec::event_lines(&text).last().map(|l| l.to_string()).as_ref(), "stored as read");
    // When a log with one more event is merged into it (the shared prefix ends on that line)
    let mut other = sample_engine();
    let cmd = Command {
        now: t("2026-03-02T09:00"),
        ..organizer_cmd(FairCommand::CreateFair { fair_id: FairId::from_u128(0x77), details: xuhui_fair("又一场") })
    };
    other.execute(cmd, counter_ids(0x7700)).unwrap();
    let remote = codec::import(&codec::export(other.log())).unwrap();
    let plan =
        local.plan_merge(&remote, "other.jsonl", &organizer(), t("2026-03-02T10:00"), uuid::Uuid::nil()).unwrap();
    // Then the merged events chain to the stored lines, and the store restores after the merge
    stored.truncate(plan.keep as usize);
    stored.extend(plan.sealed.iter().map(|s| s.line.clone()));
    local.apply_merge(plan).unwrap();
    let (restored, problem) = Engine::restore(stored.iter().enumerate().map(|(i, l)| (i as u64 + 1, Some(l.clone()))));
    assert_eq!(problem, None, "the merge broke the stored chain");
    assert_eq!(restored.state(), local.state());
    assert_eq!(restored.log().last_hash(), local.log().last_hash());
}
