//! Storage faults in a real headless Chromium: merge backups kept to the newest few, a
//! connection closed by another tab's upgrade, strict durability for imports and merges, quota
//! errors read from an abort's name, and a tab whose log another tab replaced (undo, reload,
//! damage). Run with `cargo test -p fairlog-web --target wasm32-unknown-unknown`.
#![cfg(target_arch = "wasm32")]

use std::cell::{Cell, RefCell};
use std::rc::Rc;

use fairlog_domain::codec;
use fairlog_domain::engine::RestoreProblem;
use fairlog_domain::fair::FairCommand;
use fairlog_domain::history::UndoError;
use fairlog_domain::ids::FairId;
use fairlog_domain::testing::{organizer, organizer_cmd};
use fairlog_domain::Engine;
use fairlog_web::store::idb::{storage_error_of_abort, EventStore, Purpose, KEEP_BACKUPS};
use fairlog_web::store::{ImportPlan, Phase, StorageError, Store, UiError};
use wasm_bindgen::JsValue;
use wasm_bindgen_test::*;
use yew::Callback;

mod common;
use common::{create, fresh};

wasm_bindgen_test_configure!(run_in_browser);

async fn sleep_ms(ms: i32) {
    let p = js_sys::Promise::new(&mut |resolve, _| {
        let _ = web_sys::window().unwrap().set_timeout_with_callback_and_timeout_and_arguments_0(&resolve, ms);
    });
    let _ = wasm_bindgen_futures::JsFuture::from(p).await;
}

/// Open `name` at a newer version, as a tab with a newer app would; `None` if the open is still
/// blocked after two seconds (some connection did not let go).
async fn upgrade_elsewhere(name: &str) -> Option<idb::Database> {
    let factory = idb::Factory::new().unwrap();
    let opening = std::future::IntoFuture::into_future(factory.open(name, Some(100)).unwrap());
    futures::pin_mut!(opening);
    let timeout = sleep_ms(2_000);
    futures::pin_mut!(timeout);
    match futures::future::select(opening, timeout).await {
        futures::future::Either::Left((db, _)) => db.ok(),
        futures::future::Either::Right(_) => None,
    }
}

/// A log of `n` fairs made on another device, as an exported file.
fn other_device_file(first: u128, n: u128) -> String {
    let mut engine = Engine::new();
    for i in 0..n {
        let receipt = engine.prepare(create(first + i, &format!("外来招聘会 {i}")), uuid::Uuid::new_v4).unwrap();
        engine.commit(receipt).unwrap();
    }
    codec::export(engine.log())
}

#[wasm_bindgen_test]
async fn merges_keep_only_the_newest_backups() {
    // given a store with one event
    let name = fresh("backups-pruned").await;
    let db = EventStore::open(&name).await.unwrap();
    let mut engine = Engine::new();
    let first = engine.prepare(create(1, "甲"), uuid::Uuid::new_v4).unwrap();
    db.append(&first.sealed).await.unwrap();
    engine.commit(first).unwrap();
    // when five merges each add one event after it
    for i in 0..5u128 {
        let merged = engine.prepare(create(10 + i, "合并进来"), uuid::Uuid::new_v4).unwrap();
        let last = engine.log().last_seq();
        db.replace_after(last, last, &merged.sealed, 1_000.0 + i as f64).await.unwrap();
        engine.commit(merged).unwrap();
    }
    // then only the newest three backups are left, and the newest holds the log before the last merge
    let backups = db.backups().await.unwrap();
    assert_eq!(KEEP_BACKUPS, 3);
    assert_eq!(backups.iter().map(|(k, _)| *k).collect::<Vec<_>>(), vec![1_002.0, 1_003.0, 1_004.0]);
    assert_eq!(backups[2].1.lines().count(), 1 + 5, "header and the five events before the fifth merge");
    assert_eq!(db.read_after(0).await.unwrap().len(), 6);
}

#[wasm_bindgen_test]
async fn a_backup_the_user_deletes_is_gone_and_the_others_stay() {
    let name = fresh("backup-delete").await;
    let db = EventStore::open(&name).await.unwrap();
    let mut engine = Engine::new();
    for (i, key) in [(1u128, 5.0), (2, 6.0)] {
        let merged = engine.prepare(create(i, "乙"), uuid::Uuid::new_v4).unwrap();
        let last = engine.log().last_seq();
        db.replace_after(last, last, &merged.sealed, key).await.unwrap();
        engine.commit(merged).unwrap();
    }
    db.delete_backup(5.0).await.unwrap();
    let keys: Vec<f64> = db.backups().await.unwrap().iter().map(|(k, _)| *k).collect();
    assert_eq!(keys, vec![6.0]);
    assert_eq!(db.read_after(0).await.unwrap().len(), 2, "the log is untouched");
}

#[wasm_bindgen_test]
async fn another_tab_upgrading_closes_the_connection_and_writes_say_closed() {
    // given an open store that is told when its connection closes
    let name = fresh("versionchange").await;
    let db = EventStore::open(&name).await.unwrap();
    let told = Rc::new(Cell::new(0));
    let count = Rc::clone(&told);
    db.when_closed(move || count.set(count.get() + 1));
    // when another tab opens a newer version
    let newer = upgrade_elsewhere(&name).await;
    // then the upgrade went through (this connection let go), this tab was told once, and
    // reads and writes say Closed instead of failing generically
    assert!(newer.is_some(), "the upgrade was not blocked");
    assert_eq!(told.get(), 1);
    assert!(db.is_closed());
    let sealed = Engine::new().prepare(create(1, "甲"), uuid::Uuid::new_v4).unwrap();
    assert_eq!(db.append(&sealed.sealed).await, Err(StorageError::Closed));
    assert_eq!(db.read_after(0).await.err(), Some(StorageError::Closed));
    newer.unwrap().close();
}

#[wasm_bindgen_test]
async fn a_store_whose_connection_was_closed_says_so_to_the_page_and_refuses_commands_with_closed() {
    let name = fresh("versionchange-store").await;
    let store = Store::new(&name);
    let closed = Rc::new(Cell::new(false));
    let flag = Rc::clone(&closed);
    store.watch(Callback::from(|_| {}), Callback::from(move |()| flag.set(true)));
    assert_eq!(store.load().await, Phase::Ready);
    store.run(vec![create(1, "甲")]).await.unwrap();
    let newer = upgrade_elsewhere(&name).await.expect("the upgrade was not blocked");
    assert!(closed.get(), "the page was told");
    let err = store.run(vec![create(2, "乙")]).await.unwrap_err().error;
    assert_eq!(err, UiError::Storage(StorageError::Closed));
    newer.close();
}

#[wasm_bindgen_test]
async fn imports_and_merges_are_strictly_durable_and_appends_keep_the_default() {
    let name = fresh("durability").await;
    let db = EventStore::open(&name).await.unwrap();
    assert_eq!(db.durability_for(Purpose::Import).unwrap().as_deref(), Some("strict"));
    assert_eq!(db.durability_for(Purpose::Merge).unwrap().as_deref(), Some("strict"));
    assert_eq!(db.durability_for(Purpose::Append).unwrap().as_deref(), Some("default"));
    // and a strict import transaction writes and commits
    let file = other_device_file(1, 3);
    db.write_lines(&codec::event_lines(&file)).await.unwrap();
    let stored = db.read_after(0).await.unwrap();
    assert_eq!(fairlog_web::store::idb::StoredLines::new(&stored, 0, false).len(), 3);
}

#[wasm_bindgen_test]
fn an_abort_for_quota_is_storage_full_and_other_aborts_are_not() {
    let abort = |name: &str| {
        let e = web_sys::DomException::new_with_message_and_name("the transaction was aborted", name).unwrap();
        storage_error_of_abort(&JsValue::from(e))
    };
    assert_eq!(abort("QuotaExceededError"), StorageError::Quota);
    assert_eq!(abort("ConstraintError"), StorageError::Conflict);
    assert!(matches!(abort("UnknownError"), StorageError::Failed(m) if m.starts_with("UnknownError")));
}

/// Tab `a` merges a file from another device into the store that tab `b` has open; `b` is not
/// told (the BroadcastChannel message has not arrived).
async fn merged_behind_b(name: &str) -> (Rc<Store>, Rc<Store>) {
    let a = Store::new(name);
    let b = Store::new(name);
    a.load().await;
    b.load().await;
    // b's command is later than the other device's events, so the merge puts it after them.
    let mut own = create(1, "乙的招聘会");
    own.now += chrono::Duration::hours(1);
    b.run(vec![own]).await.unwrap();
    let mut publish = organizer_cmd(FairCommand::PublishFair { fair_id: FairId::from_u128(1) });
    publish.now += chrono::Duration::hours(2);
    b.run(vec![publish]).await.unwrap();
    a.sync().await.unwrap();
    let plan = a.plan_import(&other_device_file(100, 2), "other.jsonl", &organizer()).unwrap();
    assert!(matches!(plan, ImportPlan::Merge { .. }));
    a.apply_import(plan).await.unwrap();
    (a, b)
}

#[wasm_bindgen_test]
async fn an_undo_planned_before_another_tab_replaced_the_log_is_refused_and_the_stacks_are_cleared() {
    // given b's own command, then a's merge that renumbers it
    let name = fresh("undo-replace").await;
    let (a, b) = merged_behind_b(&name).await;
    assert!(b.undo_redo_heads(&organizer()).0.is_some());
    // when b undoes
    let answer = b.undo(&organizer(), false).await;
    // then b says another tab changed the log, has read it again, and has nothing to undo
    assert_eq!(answer, Err(UiError::Storage(StorageError::Conflict)));
    assert_eq!(b.engine().log().last_hash(), a.engine().log().last_hash());
    assert_eq!(b.undo_redo_heads(&organizer()), (None, None));
    assert_eq!(b.undo(&organizer(), false).await, Err(UiError::Undo(UndoError::Nothing)));
    // and a plain command after it is decided on the new log and stored after it
    let seq = b.run(vec![create(2, "乙的第二个")]).await.unwrap().last_seq;
    assert_eq!(seq, a.engine().log().last_seq() + 1);
}

#[wasm_bindgen_test]
async fn a_tab_that_reads_a_replaced_store_reloads_it_and_tells_the_page() {
    let name = fresh("reload-replaced").await;
    let (a, b) = merged_behind_b(&name).await;
    let heard = Rc::new(RefCell::new(None::<Phase>));
    let h = Rc::clone(&heard);
    b.watch(Callback::from(move |p| *h.borrow_mut() = Some(p)), Callback::from(|()| {}));
    // when b hears of a new last sequence and reads what follows its own end
    b.sync().await.unwrap();
    // then it has read the whole store again and said so
    assert_eq!(*heard.borrow(), Some(Phase::Ready));
    assert_eq!(b.engine().state(), a.engine().state());
    assert_eq!(b.engine().log().last_hash(), a.engine().log().last_hash());
}

#[wasm_bindgen_test]
async fn a_replaced_store_that_is_damaged_is_shown_damaged_after_the_reload() {
    let name = fresh("reload-damaged").await;
    let (a, b) = merged_behind_b(&name).await;
    let heard = Rc::new(RefCell::new(None::<Phase>));
    let h = Rc::clone(&heard);
    b.watch(Callback::from(move |p| *h.borrow_mut() = Some(p)), Callback::from(|()| {}));
    let raw = EventStore::open(&name).await.unwrap();
    raw.put_raw(2, &JsValue::from_f64(7.0)).await.unwrap();
    raw.close();
    b.sync().await.unwrap();
    // (the merge stored its log as one batch record, keyed 4: a record put at key 2 comes first)
    assert_eq!(*heard.borrow(), Some(Phase::Damaged(RestoreProblem::OutOfOrder { key: 2, expected: 1 })));
    assert!(b.engine().log().is_empty(), "nothing before the bad record");
    let err = b.run(vec![create(3, "丙")]).await.unwrap_err().error;
    assert_eq!(err, UiError::ReadOnly);
    drop(a);
}

#[wasm_bindgen_test]
async fn an_import_that_another_tab_got_ahead_of_is_refused_and_the_next_try_is_planned_on_the_stored_log() {
    // given two tabs on an empty store; a plans to import a file
    let name = fresh("import-race").await;
    let a = Store::new(&name);
    let b = Store::new(&name);
    a.load().await;
    b.load().await;
    let file = other_device_file(100, 2);
    let plan = a.plan_import(&file, "other.jsonl", &organizer()).unwrap();
    assert!(matches!(plan, ImportPlan::Fresh { .. }));
    // when b stores an event first
    b.run(vec![create(1, "乙先保存的")]).await.unwrap();
    // then a's import is refused, a has read b's event, and the next plan merges with it
    assert_eq!(a.apply_import(plan).await, Err(fairlog_web::store::ImportError::Storage(StorageError::Conflict)));
    assert_eq!(a.engine().log().len(), 1);
    let again = a.plan_import(&file, "other.jsonl", &organizer()).unwrap();
    assert!(matches!(again, ImportPlan::Merge { .. }));
    a.apply_import(again).await.unwrap();
    assert_eq!(a.engine().state().fairs.len(), 3, "b's fair and the two of the file");
}
