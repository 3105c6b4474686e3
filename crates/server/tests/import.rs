//! `fairlog-server import`: a verified file starts an empty log, exactly; anything else stores
//! nothing. On SQLite and PostgreSQL alike.
mod common;

use fairlog_domain::{codec, Engine};
use fairlog_server::import::{import, ImportError, CHUNK};
use fairlog_server::store::Head;

/// A log of the demo season, exported as the app exports it.
fn demo_file() -> (Engine, String) {
    let mut engine = Engine::new();
    let now = chrono::DateTime::parse_from_rfc3339("2026-03-01T09:00:00Z").unwrap().to_utc();
    let mut n = 0u128;
    let cmds = fairlog_domain::demo::demo_commands(now, || {
        n += 1;
        uuid::Uuid::from_u128(n)
    });
    let receipt = engine.prepare_all(cmds, uuid::Uuid::new_v4).expect("the demo is decided");
    engine.commit(receipt).unwrap();
    let text = codec::export(engine.log());
    (engine, text)
}

/// A generated log longer than one transaction's chunk.
fn generated_file(events: usize) -> (Engine, String) {
    let engine = fairlog_domain::synth::season_log(events, 7);
    let text = codec::export(engine.log());
    (engine, text)
}

#[tokio::test]
async fn an_exported_log_starts_an_empty_store_line_for_line() {
    for (kind, store) in common::stores().await {
        // Given an empty store and a log longer than one chunk
        let (engine, text) = generated_file(CHUNK + 300);
        // When it is imported
        let n = import(store.as_ref(), &text).await.unwrap();
        // Then the store holds its lines exactly, and its head is the file's
        assert_eq!(n, engine.log().last_seq(), "{kind}");
        let head = store.head().await.unwrap();
        assert_eq!(head, Head { last_seq: n, last_hash: engine.log().last_hash().to_owned() }, "{kind}");
        let stored: Vec<String> = store.read_after(0, n + 10).await.unwrap().into_iter().map(|e| e.line).collect();
        let file: Vec<&str> = text.lines().skip(1).collect();
        assert_eq!(stored, file, "{kind}");
        // And the server's authority restores it (the same state the file replays to)
        assert_eq!(common::replay(&stored).state(), engine.state(), "{kind}");
    }
}

#[tokio::test]
async fn a_store_that_holds_events_is_left_alone() {
    for (kind, store) in common::stores().await {
        // Given a store that already holds the demo
        let (_, demo) = demo_file();
        import(store.as_ref(), &demo).await.unwrap();
        let before = store.head().await.unwrap();
        // When another file is imported
        let (_, other) = generated_file(50);
        let refused = import(store.as_ref(), &other).await;
        // Then it is refused and the store is as it was
        assert!(matches!(refused, Err(ImportError::NotEmpty(n)) if n == before.last_seq), "{kind}: {refused:?}");
        assert_eq!(store.head().await.unwrap(), before, "{kind}");
    }
}

#[tokio::test]
async fn a_file_with_a_broken_line_stores_nothing() {
    for (kind, store) in common::stores().await {
        // Given a demo file with one event's text changed after it was sealed
        let (_, text) = demo_file();
        let mut lines: Vec<String> = text.lines().map(str::to_owned).collect();
        let victim = lines.len() / 2;
        lines[victim] = lines[victim].replacen("\"seq\"", "\"seq\" ", 1);
        let tampered = lines.join("\n") + "\n";
        // When it is imported
        let refused = import(store.as_ref(), &tampered).await;
        // Then nothing is stored
        assert!(refused.is_err(), "{kind}");
        assert_eq!(store.head().await.unwrap(), Head::default(), "{kind}");
        assert!(store.read_after(0, 10).await.unwrap().is_empty(), "{kind}");
    }
}
