//! The two loops of server mode: the pusher (outbox → server) and the follower (server → local
//! log: catch-up pull, then the live stream), each retrying with jittered back-off.
use std::rc::Rc;

use fairlog_domain::sync_protocol::{Mutation, MutationResult, PullResponse};
use fairlog_domain::Command;
use futures::channel::mpsc::{unbounded, UnboundedReceiver};
use futures::StreamExt;
use gloo_storage::Storage;
use gloo_timers::future::sleep;
use std::time::Duration;
use uuid::Uuid;
use wasm_bindgen::prelude::*;
use yew::Callback;

use super::net::{self, NetError};
use super::refused::RefusedChange;
use super::{backoff_ms, refusal_of};
use crate::store::{Notice, Store};

const CLIENT_ID_KEY: &str = "fairlog.client_id";

/// This browser profile's client id (shared by its tabs, which share the outbox).
pub fn client_id() -> Uuid {
    if let Ok(id) = gloo_storage::LocalStorage::get::<Uuid>(CLIENT_ID_KEY) {
        return id;
    }
    let id = Uuid::new_v4();
    let _ = gloo_storage::LocalStorage::set(CLIENT_ID_KEY, id);
    id
}

/// Start syncing a loaded replica. `changed` re-renders (with a notice when there is one).
pub fn start(store: Rc<Store>, changed: Callback<Option<Notice>>) {
    let (kick, kicks) = unbounded();
    store.with_replica(|r| r.kick = Some(kick.clone()));
    if let Some(window) = web_sys::window() {
        let on_online = Closure::<dyn FnMut()>::new(move || {
            let _ = kick.unbounded_send(());
        });
        let _ = window.add_event_listener_with_callback("online", on_online.as_ref().unchecked_ref());
        on_online.forget();
    }
    yew::platform::spawn_local(pusher(Rc::clone(&store), kicks, changed.clone()));
    yew::platform::spawn_local(follower(store, changed));
}

fn set_status(store: &Store, online: bool) {
    store.with_replica(|r| {
        r.status.online = online;
        r.status.heard = true;
        if online {
            r.status.last_synced = Some(js_sys::Date::now());
        }
    });
    store.tell_status();
}

async fn pusher(store: Rc<Store>, mut kicks: UnboundedReceiver<()>, changed: Callback<Option<Notice>>) {
    let mut tries = 0;
    loop {
        let Some(db) = store.db_handle() else { return };
        let queued = db.outbox().await.unwrap_or_default();
        if queued.is_empty() {
            tries = 0;
            if kicks.next().await.is_none() {
                return;
            }
            continue;
        }
        let mutations: Vec<Mutation> = queued
            .iter()
            .take(fairlog_domain::sync_protocol::MAX_MUTATIONS_PER_PUSH)
            .filter_map(|(n, json)| {
                let cmd: Command = serde_json::from_str(json).ok()?;
                Some(Mutation { n: *n, actor: cmd.actor, intent: serde_json::to_value(cmd.intent).ok()? })
            })
            .collect();
        match net::push(client_id(), mutations).await {
            Ok(answer) => {
                tries = 0;
                set_status(&store, true);
                let results: Vec<MutationResult> =
                    answer.results.iter().filter_map(MutationResult::from_answer).collect();
                let notice = settle(&store, &results).await;
                changed.emit(notice);
            }
            Err(NetError::Refused { status: 401, .. }) => return crate::account::session_ended(),
            Err(_) => {
                set_status(&store, false);
                changed.emit(None);
                let wait = sleep(Duration::from_millis(u64::from(backoff_ms(tries))));
                futures::future::select(Box::pin(wait), kicks.next()).await;
                tries += 1;
            }
        }
    }
}

/// Take the server's answers: drop what it decided from the outbox, keep accepted commands on
/// screen until their events arrive, and say why a refused one was refused.
async fn settle(store: &Store, results: &[MutationResult]) -> Option<Notice> {
    let db = store.db_handle()?;
    let mut done = Vec::new();
    let mut notice = None;
    let mut renumber_from = None;
    let mut refused = Vec::new();
    for r in results {
        match r {
            MutationResult::Accepted { n, last_seq, .. } => {
                done.push(*n);
                notice.get_or_insert(Notice::Confirmed);
                store.with_replica(|rep| {
                    if let Some(p) = rep.pending.iter_mut().find(|p| p.n == *n) {
                        p.confirmed_at = Some(last_seq.unwrap_or(0));
                    }
                });
            }
            MutationResult::Refused { n, .. } => {
                done.push(*n);
                let gone = store.with_replica(|rep| {
                    let i = rep.pending.iter().position(|p| p.n == *n)?;
                    Some(rep.pending.remove(i))
                });
                let refusal = refusal_of(r);
                if let (Some(Some(p)), Some(refusal)) = (gone, refusal.clone()) {
                    refused.push(RefusedChange {
                        n: *n,
                        actor: p.cmd.actor,
                        events: p.events,
                        refusal,
                        at: js_sys::Date::now(),
                    });
                }
                notice = refusal.map(Notice::RefusedByServer).or(notice);
            }
            MutationResult::OutOfOrder { expected, .. } => {
                renumber_from.get_or_insert(*expected);
            }
            MutationResult::Deferred { .. } => {}
        }
    }
    let _ = db.outbox_remove(&done).await;
    if !done.is_empty() {
        // The other tabs may have read the outbox before this (when the events came first):
        // they read it again, or they would keep showing these as waiting.
        store.tell_tabs(crate::store::OUTBOX_CHANGED);
    }
    store.add_refused(refused);
    if let Some(first) = renumber_from {
        if let Ok(moves) = db.outbox_renumber(first).await {
            store.with_replica(|rep| {
                for p in rep.pending.iter_mut() {
                    if let Some((_, new)) = moves.iter().find(|(old, _)| *old == p.n) {
                        p.n = *new;
                    }
                }
            });
        }
    }
    store.rebase();
    notice
}

/// Pull everything after our last event, page by page, asking for the next page while this one
/// is checked, applied and stored (the server reads it on its own core meanwhile). Says in the
/// console how long it took and where the time went (waiting for and reading pages, then
/// checking, applying and storing them).
async fn catch_up(store: &Rc<Store>, changed: &Callback<Option<Notice>>) -> Result<(), NetError> {
    let (started, mut fetching, mut applying, mut events) = (js_sys::Date::now(), 0.0, 0.0, 0usize);
    let filtered = store.is_filtered();
    let mut next: Option<(u64, String)> = None;
    let mut prefetched: Option<futures::future::LocalBoxFuture<'static, Result<PullResponse, NetError>>> = None;
    let mut from_snapshot = String::new();
    if store.engine().log().last_seq() == 0 {
        if let Some(started) = start_from_snapshot(store, changed).await? {
            fetching += started.fetch_ms;
            applying += started.apply_ms;
            events += started.lines;
            from_snapshot = format!(
                " from the server's snapshot at event {} ({} bytes, fetched in {:.0} ms)",
                started.seq, started.bytes, started.fetch_ms
            );
        }
    }
    loop {
        // Where this page starts: after the last event held, or where the previous page said
        // the server looked further (a filtered stream withholds some events; docs/SYNC.md).
        let (after, hash) = {
            let engine = store.engine();
            match next.take() {
                Some((s, h)) if s > engine.log().last_seq() => (s, h),
                _ => (engine.log().last_seq(), engine.log().last_hash().to_owned()),
            }
        };
        let t0 = js_sys::Date::now();
        let mut page = match prefetched.take() {
            Some(fetch) => fetch.await?,
            None => net::pull(after, &hash).await?,
        };
        let t1 = js_sys::Date::now();
        // Each line carries its sequence; a filtered page has gaps.
        let lines: Vec<(u64, String)> = std::mem::take(&mut page.events)
            .into_iter()
            .enumerate()
            .map(|(i, l)| (crate::store::idb::line_seq(&l).unwrap_or(after + 1 + i as u64), l))
            .collect();
        next = following(&page, &lines, filtered);
        if page.more {
            if let Some((a, h)) = next.clone() {
                prefetched = Some(Box::pin(async move { net::pull(a, &h).await }));
            }
        }
        events += lines.len();
        // Check and apply this page, start storing it, and only then wait for the previous page's
        // write: IndexedDB writes one page while the engine takes the next. The next page's
        // request was started before the work on this one (a future does nothing until first
        // polled) and goes on in the background.
        if let Some(fetch) = prefetched.as_mut() {
            if let std::task::Poll::Ready(done) = futures::poll!(fetch.as_mut()) {
                prefetched = Some(Box::pin(futures::future::ready(done)));
            }
        }
        let applied = store.apply_confirmed(lines).await;
        if after == 0 && page.more {
            // A new browser and a long log: show the progress rather than half a schedule.
            store.with_replica(|r| r.status.first_sync = Some((0, page.last_seq)));
        }
        let progress = store.with_replica(|r| {
            if let Some((done, _)) = r.status.first_sync.as_mut() {
                *done = after + events as u64;
            }
            r.status.first_sync.is_some()
        });
        if progress == Some(true) {
            changed.emit(None);
        }
        applied.map_err(|e| NetError::Offline(e.to_string()))?;
        fetching += t1 - t0;
        applying += js_sys::Date::now() - t1;
        if !page.more {
            store.with_replica(|r| r.status.first_sync = None);
            if events > 0 {
                let (apply, write) = store.with_replica(|r| std::mem::take(&mut r.timing)).unwrap_or_default();
                web_sys::console::info_1(
                    &format!(
                        "fairlog: caught up {events} events{from_snapshot} in {:.0} ms (waiting for and reading pages {fetching:.0} ms; check, apply and store {applying:.0} ms: engine {apply:.0} ms, IndexedDB {write:.0} ms)",
                        js_sys::Date::now() - started
                    )
                    .into(),
                );
            }
            return Ok(());
        }
    }
}

/// How a new replica started from the server's snapshot.
struct Started {
    seq: u64,
    bytes: usize,
    /// Lines stored with it (the one it covers and those after it on the first page).
    lines: usize,
    fetch_ms: f64,
    apply_ms: f64,
}

/// A new replica: fetch the server's snapshot for this account and the page of lines from its
/// sequence on, and start from them (docs/SYNC.md "Starting from the server's snapshot"). `None` when the
/// server has none or it cannot be used here; the catch-up then pulls from the start.
async fn start_from_snapshot(
    store: &Rc<Store>,
    changed: &Callback<Option<Notice>>,
) -> Result<Option<Started>, NetError> {
    let t0 = js_sys::Date::now();
    let Some((seq, bytes)) = net::snapshot().await? else { return Ok(None) };
    if seq == 0 {
        return Ok(None);
    }
    store.with_replica(|r| r.status.first_sync = Some((0, seq)));
    changed.emit(None);
    let page = net::pull(seq - 1, "").await?;
    // (A filtered page has gaps: each line's sequence is its own.)
    let lines: Vec<(u64, String)> = page
        .events
        .into_iter()
        .enumerate()
        .map(|(i, l)| (crate::store::idb::line_seq(&l).unwrap_or(seq + i as u64), l))
        .collect();
    let t1 = js_sys::Date::now();
    let (count, size) = (lines.len(), bytes.len());
    let started = store.start_from_server(bytes, lines).await.map_err(|e| NetError::Offline(e.to_string()))?;
    store.with_replica(|r| r.status.first_sync = None);
    Ok(started.then(|| Started {
        seq,
        bytes: size,
        lines: count,
        fetch_ms: t1 - t0,
        apply_ms: js_sys::Date::now() - t1,
    }))
}

/// The cursor after `page`, when it is known without applying the page: where a filtered page
/// says the server looked, or a whole log's last line (its hash is the line's own). Otherwise
/// `None`, and the next pull starts from what the engine holds.
fn following(page: &PullResponse, lines: &[(u64, String)], filtered: bool) -> Option<(u64, String)> {
    if let Some(scanned) = page.scanned.zip(page.scanned_hash.clone()) {
        return Some(scanned);
    }
    match lines.last() {
        Some((seq, line)) if !filtered => Some((*seq, fairlog_domain::log::hash_line(line))),
        _ => None,
    }
}

async fn follower(store: Rc<Store>, changed: Callback<Option<Notice>>) {
    let mut tries = 0;
    loop {
        match catch_up(&store, &changed).await {
            Ok(()) => {
                tries = 0;
                store.with_replica(|r| r.status.caught_up = true);
                set_status(&store, true);
                changed.emit(None);
            }
            Err(NetError::Refused { code, .. }) if code.starts_with("sync.cursor") => {
                store.with_replica(|r| r.status.diverged = true);
                changed.emit(None);
                return;
            }
            Err(NetError::Refused { status: 401, .. }) => return crate::account::session_ended(),
            Err(_) => {
                set_status(&store, false);
                changed.emit(None);
                sleep(Duration::from_millis(u64::from(backoff_ms(tries)))).await;
                tries += 1;
                continue;
            }
        }
        let after = store.engine().log().last_seq();
        let Ok(mut source) = gloo_net::eventsource::futures::EventSource::new(&format!("/api/stream?after={after}"))
        else {
            sleep(Duration::from_millis(u64::from(backoff_ms(tries)))).await;
            continue;
        };
        let Ok(mut events) = source.subscribe("event") else {
            source.close();
            continue;
        };
        while let Some(item) = events.next().await {
            let Ok((_, message)) = item else { break };
            let seq: u64 = message.last_event_id().parse().unwrap_or(0);
            let Some(line) = message.data().as_string() else { break };
            let last = store.engine().log().last_seq();
            if seq <= last {
                continue;
            }
            if seq != last + 1 && !store.is_filtered() {
                // A gap in the whole log: catch up by pulling instead. (A filtered stream has
                // gaps: the events withheld from this account.)
                break;
            }
            match store.apply_confirmed(vec![(seq, line)]).await {
                Ok(_) => {
                    set_status(&store, true);
                    changed.emit(None);
                }
                Err(_) => break,
            }
        }
        source.close();
        set_status(&store, false);
        changed.emit(None);
        sleep(Duration::from_millis(u64::from(backoff_ms(tries)))).await;
        tries += 1;
    }
}
