//! Browser-side storage, in a real headless Chromium: IndexedDB writes, reads, conflicts and
//! damaged stores. Run with `cargo test -p fairlog-web --target wasm32-unknown-unknown`.
#![cfg(target_arch = "wasm32")]

use fairlog_domain::engine::RestoreProblem;
use fairlog_domain::fair::{FairCommand, FairError};
use fairlog_domain::ids::FairId;
use fairlog_domain::testing::{organizer_cmd, xuhui_fair};
use fairlog_domain::{DomainError, Engine};
use fairlog_web::store::idb::{EventStore, StoredLines, BATCH_BYTES};
use fairlog_web::store::{Phase, StorageError, Store, UiError};
use wasm_bindgen::JsValue;
use wasm_bindgen_test::*;

mod common;
use common::{create, fresh};

wasm_bindgen_test_configure!(run_in_browser);

#[wasm_bindgen_test]
async fn appended_events_are_read_back_exactly() {
    let name = fresh("roundtrip").await;
    let db = EventStore::open(&name).await.unwrap();
    let engine = Engine::new();
    let sealed = engine
        .prepare_all(vec![create(1, "徐汇区春季招聘会"), create(2, "<b>not bold</b>")], uuid::Uuid::new_v4)
        .unwrap();
    db.append(&sealed.sealed).await.unwrap();
    let back = db.read_after(0).await.unwrap();
    assert_eq!(back.len(), 2);
    assert_eq!(back[0].seq(), Some(1));
    assert_eq!(back[1].text().as_deref(), Some(sealed.sealed[1].line.as_str()));
    let tail = db.read_after(1).await.unwrap();
    assert_eq!(tail.len(), 1);
    assert_eq!(tail[0].seq(), Some(2));
}

#[wasm_bindgen_test]
async fn a_second_writer_of_the_same_sequence_gets_a_conflict_and_overwrites_nothing() {
    let name = fresh("conflict").await;
    let db = EventStore::open(&name).await.unwrap();
    let engine = Engine::new();
    let mine = engine.prepare(create(1, "甲"), uuid::Uuid::new_v4).unwrap();
    let theirs = engine.prepare(create(2, "乙"), uuid::Uuid::new_v4).unwrap();
    db.append(&mine.sealed).await.unwrap();
    assert_eq!(db.append(&theirs.sealed).await, Err(StorageError::Conflict));
    let back = db.read_after(0).await.unwrap();
    assert_eq!(back.len(), 1);
    assert_eq!(back[0].text().as_deref(), Some(mine.sealed[0].line.as_str()));
}

#[wasm_bindgen_test]
async fn the_store_survives_a_reload() {
    let name = fresh("reload").await;
    let store = Store::new(&name);
    assert_eq!(store.load().await, Phase::Ready);
    store.run(vec![create(1, "徐汇区春季招聘会")]).await.unwrap();
    store.run(vec![organizer_cmd(FairCommand::PublishFair { fair_id: FairId::from_u128(1) })]).await.unwrap();
    let before = store.engine().state().clone();

    let again = Store::new(&name);
    assert_eq!(again.load().await, Phase::Ready);
    assert_eq!(again.engine().state(), &before);
    assert_eq!(again.engine().log().last_hash(), store.engine().log().last_hash());
}

#[wasm_bindgen_test]
async fn a_refused_command_writes_nothing() {
    let name = fresh("refused").await;
    let store = Store::new(&name);
    store.load().await;
    store.run(vec![create(1, "甲")]).await.unwrap();
    let mut bad = xuhui_fair("乙");
    bad.name = "  ".into();
    let err = store
        .run(vec![organizer_cmd(FairCommand::CreateFair { fair_id: FairId::from_u128(2), details: bad })])
        .await
        .unwrap_err()
        .error;
    assert_eq!(err, UiError::Rule(DomainError::Fair(FairError::NameRequired)));
    let db = EventStore::open(&name).await.unwrap();
    assert_eq!(db.read_after(0).await.unwrap().len(), 1);
    assert_eq!(store.engine().log().len(), 1);
}

#[wasm_bindgen_test]
async fn another_tab_writing_first_is_pulled_in_and_the_command_retried() {
    let name = fresh("tabs").await;
    let a = Store::new(&name);
    let b = Store::new(&name);
    a.load().await;
    b.load().await;
    a.run(vec![create(1, "甲")]).await.unwrap();
    // b has not seen a's event; its write of sequence 1 conflicts, it pulls a's and retries.
    let seq = b.run(vec![create(2, "乙")]).await.unwrap().last_seq;
    assert_eq!(seq, 2);
    assert_eq!(b.engine().state().fairs.len(), 2);
    assert_eq!(a.sync().await.unwrap(), 1);
    assert_eq!(a.engine().state(), b.engine().state());
}

#[wasm_bindgen_test]
async fn a_damaged_record_makes_the_store_read_only_and_keeps_every_record() {
    let name = fresh("damaged").await;
    let store = Store::new(&name);
    store.load().await;
    store.run(vec![create(1, "甲"), create(2, "乙"), create(3, "丙")]).await.unwrap();
    let db = EventStore::open(&name).await.unwrap();
    db.put_raw(2, &JsValue::from_f64(42.0)).await.unwrap();

    let reopened = Store::new(&name);
    assert_eq!(reopened.load().await, Phase::Damaged(RestoreProblem::NotText { key: 2 }));
    assert_eq!(reopened.engine().log().len(), 1);
    assert_eq!(
        reopened.run(vec![create(4, "丁")]).await.map_err(|f| f.error).map(|r| r.last_seq),
        Err(UiError::ReadOnly)
    );
    let raw = reopened.export_raw().await.unwrap();
    assert_eq!(raw.lines().count(), 3, "every record, good or bad, can be exported");
    assert_eq!(db.read_after(0).await.unwrap().len(), 3, "nothing was deleted");
}

#[wasm_bindgen_test]
async fn garbage_text_is_reported_with_its_record() {
    let name = fresh("garbage").await;
    let store = Store::new(&name);
    store.load().await;
    store.run(vec![create(1, "甲"), create(2, "乙")]).await.unwrap();
    let db = EventStore::open(&name).await.unwrap();
    db.put_raw(2, &JsValue::from_str("{\"truncated\": ")).await.unwrap();
    let reopened = Store::new(&name);
    assert!(matches!(reopened.load().await, Phase::Damaged(RestoreProblem::Unreadable { key: 2, .. })));
}

#[wasm_bindgen_test]
async fn an_open_blocked_by_an_older_connection_says_so_and_goes_on_once_it_closes() {
    use std::cell::Cell;
    use std::rc::Rc;
    let name = fresh("blocked").await;
    // Another tab with an older version of the app: version 1, and it does not close on
    // `versionchange`.
    let factory = idb::Factory::new().unwrap();
    let old = factory.open(&name, Some(1)).unwrap().await.unwrap();
    let blocked = Rc::new(Cell::new(false));
    let flag = Rc::clone(&blocked);
    let opening = EventStore::open_with(&name, move || flag.set(true));
    let close_later = async {
        // Give the open a moment to be blocked, then close the old connection.
        for _ in 0..50 {
            if blocked.get() {
                break;
            }
            sleep_ms(20).await;
        }
        old.close();
    };
    let (db, ()) = futures::future::join(opening, close_later).await;
    assert!(blocked.get(), "the blocked open was reported");
    let db = db.expect("the open completes once the older connection closes");
    assert!(db.read_after(0).await.unwrap().is_empty());
}

/// Wait `ms` milliseconds (a browser timer).
async fn sleep_ms(ms: i32) {
    let p = js_sys::Promise::new(&mut |resolve, _| {
        let _ = web_sys::window().unwrap().set_timeout_with_callback_and_timeout_and_arguments_0(&resolve, ms);
    });
    let _ = wasm_bindgen_futures::JsFuture::from(p).await;
}

#[wasm_bindgen_test]
async fn a_merge_by_a_tab_that_has_not_seen_the_last_record_deletes_nothing() {
    // given a store with two events, of which this tab has read only the first
    let name = fresh("merge-race").await;
    let db = EventStore::open(&name).await.unwrap();
    let mut engine = Engine::new();
    let first = engine.prepare(create(1, "甲"), uuid::Uuid::new_v4).unwrap();
    db.append(&first.sealed).await.unwrap();
    engine.commit(first).unwrap();
    let theirs = engine.prepare(create(2, "乙（另一个标签页）"), uuid::Uuid::new_v4).unwrap();
    db.append(&theirs.sealed).await.unwrap();
    let merged = engine.prepare(create(3, "丙（合并进来）"), uuid::Uuid::new_v4).unwrap();
    // when this tab merges after its own last event (1)
    let answer = db.replace_after(1, 1, &merged.sealed, 1.0).await;
    // then it is told the store moved, and the other tab's event is still there, with no backup
    assert_eq!(answer, Err(StorageError::Conflict));
    let back = db.read_after(0).await.unwrap();
    assert_eq!(back.len(), 2);
    assert_eq!(back[1].text().as_deref(), Some(theirs.sealed[0].line.as_str()));
    assert!(db.backups().await.unwrap().is_empty());
}

#[wasm_bindgen_test]
async fn a_merge_keeps_a_backup_of_the_store_as_stored() {
    // given a store with one event this tab has read
    let name = fresh("merge-backup").await;
    let db = EventStore::open(&name).await.unwrap();
    let mut engine = Engine::new();
    let first = engine.prepare(create(1, "甲"), uuid::Uuid::new_v4).unwrap();
    db.append(&first.sealed).await.unwrap();
    let stored_line = first.sealed[0].line.clone();
    engine.commit(first).unwrap();
    let merged = engine.prepare(create(2, "乙"), uuid::Uuid::new_v4).unwrap();
    // when it merges after its last event
    db.replace_after(1, 1, &merged.sealed, 7.0).await.unwrap();
    // then the backup holds the stored line byte for byte, and the merged event follows it
    let backups = db.backups().await.unwrap();
    assert_eq!(backups.len(), 1);
    assert_eq!(backups[0].1.lines().nth(1), Some(stored_line.as_str()));
    assert_eq!(db.read_after(0).await.unwrap().len(), 2);
}

/// `n` fairs created in one go: their sealed lines, sequences 1..=n.
fn long_log(n: u128) -> Vec<String> {
    let cmds = (1..=n).map(|i| create(i, &format!("招聘会 {i}"))).collect();
    Engine::new().prepare_all(cmds, uuid::Uuid::new_v4).unwrap().sealed.into_iter().map(|s| s.line).collect()
}

fn engine_of(lines: &[String]) -> Engine {
    let (engine, problem) = Engine::restore(lines.iter().enumerate().map(|(i, l)| (i as u64 + 1, Some(l.as_str()))));
    assert_eq!(problem, None);
    engine
}

#[wasm_bindgen_test]
async fn a_long_write_is_stored_in_batches_and_read_back_line_for_line() {
    // given an empty store
    let name = fresh("batches").await;
    let db = EventStore::open(&name).await.unwrap();
    let lines = long_log(2500);
    // when 2,500 lines are written at once
    db.write_lines(&lines.iter().map(String::as_str).collect::<Vec<_>>()).await.unwrap();
    // then they take a few records of at most BATCH_BYTES, each keyed by its last line's sequence
    let records = db.read_after(0).await.unwrap();
    let keys: Vec<u64> = records.iter().map(|r| r.seq().unwrap()).collect();
    let sizes: Vec<usize> = records.iter().map(|r| r.text().unwrap().len()).collect();
    assert!(keys.len() > 2 && keys.len() < 100, "{keys:?}");
    assert_eq!(keys.last(), Some(&2500));
    assert!(sizes.iter().all(|n| *n <= BATCH_BYTES), "{sizes:?}");
    let read = StoredLines::new(&records, 0, false);
    let back: Vec<(u64, &str)> = read.iter().map(|(s, l)| (s, l.unwrap())).collect();
    assert_eq!(back.len(), 2500);
    assert!(back.iter().zip(&lines).enumerate().all(|(i, ((s, l), want))| *s == i as u64 + 1 && l == want));
    assert_eq!(db.last_seq().await.unwrap(), 2500);
    // and reading after a sequence inside a batch gives only the lines after it
    let tail = db.read_after(1500).await.unwrap();
    let tail = StoredLines::new(&tail, 1500, false);
    let seqs: Vec<u64> = tail.iter().map(|(s, _)| s).collect();
    assert_eq!(seqs, (1501..=2500).collect::<Vec<_>>());
    // and the app opens it
    let store = Store::new(&name);
    assert_eq!(store.load().await, Phase::Ready);
    assert_eq!(store.engine().log().len(), 2500);
}

#[wasm_bindgen_test]
async fn a_tab_behind_the_store_cannot_append_between_batch_keys() {
    // given a store of 2,500 events in batches, and a tab that has read only 1,500 of them
    let name = fresh("stale-append").await;
    let db = EventStore::open(&name).await.unwrap();
    let lines = long_log(2500);
    db.write_lines(&lines.iter().map(String::as_str).collect::<Vec<_>>()).await.unwrap();
    let behind = engine_of(&lines[..1500]);
    let mine = behind.prepare(create(9_999, "迟到的"), uuid::Uuid::new_v4).unwrap();
    assert_eq!(mine.sealed[0].envelope.seq, 1501);
    // when it appends its event 1,501 (no record has that key: it lies inside a batch)
    let answer = db.append(&mine.sealed).await;
    // then it is told the store moved on, and nothing was written
    assert_eq!(answer, Err(StorageError::Conflict));
    assert_eq!(StoredLines::new(&db.read_after(0).await.unwrap(), 0, false).len(), 2500);
    assert_eq!(db.last_seq().await.unwrap(), 2500);
}

#[wasm_bindgen_test]
async fn a_merge_inside_a_batch_keeps_the_lines_before_it_and_backs_up_all() {
    // given a store of 2,500 events in batches
    let name = fresh("merge-batch").await;
    let db = EventStore::open(&name).await.unwrap();
    let lines = long_log(2500);
    db.write_lines(&lines.iter().map(String::as_str).collect::<Vec<_>>()).await.unwrap();
    let merged = engine_of(&lines[..1500]).prepare(create(9_999, "合并进来的"), uuid::Uuid::new_v4).unwrap();
    // when a merge keeps the first 1,500 (inside the second batch) and adds one event
    db.replace_after(1500, 2500, &merged.sealed, 3.0).await.unwrap();
    // then the store holds lines 1..=1500 as they were, then the merged one
    let records = db.read_after(0).await.unwrap();
    let read = StoredLines::new(&records, 0, false);
    let back: Vec<&str> = read.iter().map(|(_, l)| l.unwrap()).collect();
    assert_eq!(back.len(), 1501);
    assert_eq!(&back[..1500], &lines.iter().map(String::as_str).collect::<Vec<_>>()[..1500]);
    assert_eq!(back[1500], merged.sealed[0].line);
    // and the backup holds all 2,500 stored lines after its header
    let backups = db.backups().await.unwrap();
    assert_eq!(backups[0].1.lines().count(), 2501);
    // and the app opens the merged store
    let store = Store::new(&name);
    assert_eq!(store.load().await, Phase::Ready);
    assert_eq!(store.engine().log().len(), 1501);
}

#[wasm_bindgen_test]
async fn the_app_starts_from_its_snapshot_and_reads_the_earlier_events_only_when_asked() {
    // given a store of 2,500 events, opened once (a full replay) and its snapshot kept
    let name = fresh("snapshot").await;
    let db = EventStore::open(&name).await.unwrap();
    let lines = long_log(2500);
    db.write_lines(&lines.iter().map(String::as_str).collect::<Vec<_>>()).await.unwrap();
    let first = Store::new(&name);
    assert_eq!(first.load().await, Phase::Ready);
    assert!(first.is_complete());
    assert_eq!(first.keep_snapshot().await, Some(2500));
    assert_eq!(first.keep_snapshot().await, None, "not due again until the log grows");
    // and one more event after it
    first.run(vec![create(9_999, "快照之后")]).await.unwrap();
    // when the app opens again
    let again = Store::new(&name);
    assert_eq!(again.load().await, Phase::Ready);
    // then it holds the same state from the snapshot and the one event after it
    assert!(!again.is_complete());
    assert_eq!(again.engine().state(), first.engine().state());
    assert_eq!(again.engine().log().last_hash(), first.engine().log().last_hash());
    assert_eq!(again.engine().log().count(), 2501);
    // and when a page needs the whole log, it reads the earlier events and is a full log again
    again.ensure_complete().await.unwrap();
    assert!(again.is_complete());
    assert_eq!(again.engine().log().len(), 2501);
    assert_eq!(again.engine().state_at(1200), first.engine().state_at(1200));
}

#[wasm_bindgen_test]
async fn a_snapshot_of_another_log_or_garbage_is_ignored_and_the_log_replayed() {
    // given a store of 2,500 events, and the snapshot of another store's log
    let name = fresh("snapshot-other").await;
    let db = EventStore::open(&name).await.unwrap();
    let lines = long_log(2500);
    db.write_lines(&lines.iter().map(String::as_str).collect::<Vec<_>>()).await.unwrap();
    let other = engine_of(&long_log(2500));
    db.put_snapshot(&fairlog_domain::snapshot::encode(&other)).await.unwrap();
    // when the app opens, then it replays its own log
    let store = Store::new(&name);
    assert_eq!(store.load().await, Phase::Ready);
    assert!(store.is_complete());
    assert_eq!(store.engine().state(), engine_of(&lines).state());
    // given a truncated snapshot of its own log, the same
    let mut cut = fairlog_domain::snapshot::encode(&engine_of(&lines));
    cut.truncate(cut.len() / 2);
    db.put_snapshot(&cut).await.unwrap();
    let store = Store::new(&name);
    assert_eq!(store.load().await, Phase::Ready);
    assert!(store.is_complete());
    assert_eq!(store.engine().log().len(), 2500);
}
