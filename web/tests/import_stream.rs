//! Streamed import in a real headless Chromium: a Blob read in slices, lines across slice
//! borders, IndexedDB written in batches, and a cancel or a refused line leaving the store
//! empty. Run with `cargo test -p fairlog-web --target wasm32-unknown-unknown`.
#![cfg(target_arch = "wasm32")]

use std::cell::RefCell;
use std::rc::Rc;

use fairlog_domain::codec::{self, CodecError};
use fairlog_domain::testing::engine_with_fair_named;
use fairlog_web::store::idb::EventStore;
use fairlog_web::store::import_stream::{blob_lines, CancelFlag, Progress};
use fairlog_web::store::{ImportError, Phase, Store};
use wasm_bindgen::JsValue;
use wasm_bindgen_test::*;

mod common;
use common::fresh;

wasm_bindgen_test_configure!(run_in_browser);

fn blob(text: &str) -> web_sys::Blob {
    web_sys::Blob::new_with_str_sequence(&js_sys::Array::of1(&JsValue::from_str(text))).unwrap()
}

/// A log of `n` events whose names hold multi-byte characters.
fn log_text(n: usize) -> String {
    let mut engine = engine_with_fair_named("徐汇区春季招聘会🎉");
    let mut i = 0u128;
    while engine.log().len() < n {
        i += 1;
        let cmd = fairlog_domain::testing::organizer_cmd(fairlog_domain::fair::FairCommand::CreateFair {
            fair_id: fairlog_domain::ids::FairId::from_u128(1000 + i),
            details: fairlog_domain::testing::xuhui_fair(&format!("千企万岗·第{i}场")),
        });
        engine.execute(cmd, uuid::Uuid::new_v4).unwrap();
    }
    codec::export(engine.log())
}

#[wasm_bindgen_test]
async fn lines_split_across_slices_come_out_whole_even_inside_a_character() {
    // given a file whose characters take 3 and 4 bytes, with CRLF and a blank line
    let text = "徐汇区\r\n🎉千企万岗\n\n最后一行";
    for chunk in [1, 2, 3, 5, 1 << 20] {
        // when it is read in slices of that many bytes
        let lines = blob_lines(&blob(text), chunk).await.unwrap();
        // then the lines are the text's lines, whole
        assert_eq!(lines, text.lines().collect::<Vec<_>>(), "chunk {chunk}");
    }
}

#[wasm_bindgen_test]
async fn a_streamed_import_stores_the_file_and_reopens() {
    // given an empty store and a log of 2,500 events (three records of lines)
    let name = fresh("stream-ok").await;
    let store = Store::new(&name);
    assert_eq!(store.load().await, Phase::Ready);
    let text = log_text(2_500);
    // when it streams in, in small slices
    let seen = Rc::new(RefCell::new(Vec::<Progress>::new()));
    let log = Rc::clone(&seen);
    let last = store.import_stream(&blob(&text), move |p| log.borrow_mut().push(p), CancelFlag::default()).await;
    // then every event is stored, progress reached the end, and a reopened store has the same log
    assert_eq!(last, Ok(2_500));
    let end = seen.borrow().last().map(|p| (p.events, p.bytes));
    assert_eq!(end, Some((2_500, text.len() as u64)));
    let again = Store::new(&name);
    assert_eq!(again.load().await, Phase::Ready);
    assert_eq!(again.engine().log().last_hash(), store.engine().log().last_hash());
    assert_eq!(codec::export(again.engine().log()), text);
}

#[wasm_bindgen_test]
async fn a_cancelled_import_leaves_the_store_empty() {
    // given an empty store and a log larger than one slice
    let name = fresh("stream-cancel").await;
    let store = Store::new(&name);
    store.load().await;
    let text = log_text(12_000);
    assert!(text.len() as u64 > fairlog_web::store::import_stream::CHUNK_BYTES, "{} bytes", text.len());
    // when the user cancels once the first slice is stored
    let cancel = CancelFlag::default();
    let flag = cancel.clone();
    let written = Rc::new(RefCell::new(0u64));
    let w = Rc::clone(&written);
    let outcome = store
        .import_stream(
            &blob(&text),
            move |p| {
                *w.borrow_mut() = p.events;
                if p.events > 0 {
                    flag.cancel();
                }
            },
            cancel,
        )
        .await;
    // then it stops, after having written some, and the store holds nothing
    assert_eq!(outcome, Err(ImportError::Cancelled));
    assert!(*written.borrow() > 0);
    assert!(store.engine().log().is_empty());
    let db = EventStore::open(&name).await.unwrap();
    assert_eq!(db.read_after(0).await.unwrap().len(), 0);
    assert_eq!(Store::new(&name).load().await, Phase::Ready);
}

#[wasm_bindgen_test]
async fn a_refused_line_after_stored_batches_leaves_the_store_empty() {
    // given a log whose last line was edited (the chain breaks there)
    let name = fresh("stream-refused").await;
    let store = Store::new(&name);
    store.load().await;
    let text = log_text(12_000);
    let mut lines: Vec<&str> = text.lines().collect();
    let edited = lines[lines.len() - 2].replacen("千企万岗", "千企万岗改", 1);
    let n = lines.len();
    lines[n - 2] = &edited;
    let spoiled = lines.join("\n");
    // when it streams in
    let outcome = store.import_stream(&blob(&spoiled), |_| {}, CancelFlag::default()).await;
    // then it is refused as `codec::import` refuses it, and nothing stays stored
    let expected = codec::import_within(&spoiled, usize::MAX).unwrap_err();
    assert!(matches!(expected, CodecError::BrokenChain { .. }));
    assert_eq!(outcome, Err(ImportError::Codec(expected)));
    let db = EventStore::open(&name).await.unwrap();
    assert_eq!(db.read_after(0).await.unwrap().len(), 0);
}
