//! Starting from a snapshot: the state as of some event, kept in IndexedDB
//! (`fairlog_domain::snapshot`: versioned, checksummed postcard, with the sequence and chain hash
//! it covers), so that opening the app reads the snapshot and the events after it instead of
//! replaying the whole log. A snapshot that does not decode, comes from another build of the
//! domain, or does not match the stored log is ignored, and the log is replayed as before;
//! nothing is lost either way, since the snapshot is only ever a shortcut over the log.
//!
//! Written after a change once the log has grown by [`SNAPSHOT_EVERY`] events since the last one
//! (or holds [`SNAPSHOT_FROM`] and there is none), by `hooks::use_snapshot_keeper` a few seconds
//! after the last change, never inside a command. An engine started from a snapshot holds only
//! the events after it; what needs the earlier ones (the history, time travel, a merge, an
//! export) calls [`Store::ensure_complete`] first, which reads and checks them once.
//! Filtered replicas (non-organizer accounts) keep no snapshot of their own: one that replayed its
//! stream from the start always replays.
//!
//! In server mode a new replica starts from the server's snapshot instead
//! ([`Store::start_from_server`], docs/SYNC.md; a filtered one from its audience's filtered
//! snapshot, resumed with `Engine::resume_filtered`): it is kept here as if written here, with
//! the lines from its sequence on. Such a store holds no lines before it, so the earlier events come
//! from the server when they are needed ([`Store::ensure_complete`]), and a snapshot this build
//! cannot read (after an upgrade) makes the replica catch up from the server again.
use std::cell::{Cell, RefCell};

use fairlog_domain::engine::RestoreProblem;
use fairlog_domain::{snapshot, Engine};
use wasm_bindgen::JsCast;

use super::idb::StoredLines;
use super::{EventStore, StorageError, Store};

/// Events between two snapshots.
pub const SNAPSHOT_EVERY: u64 = 5_000;
/// The smallest log worth a snapshot (a shorter one replays in well under 100 ms).
pub const SNAPSHOT_FROM: u64 = 2_000;

#[derive(Default)]
pub(super) struct Snapshots {
    /// The sequence the kept snapshot covers (0: none known to match the log).
    covered: Cell<u64>,
    /// Where the last start from the snapshot spent its time (for the console line at open).
    pub(super) timing: RefCell<String>,
}

impl Snapshots {
    /// The log was replaced (import, merge): the kept snapshot may not match it any more.
    pub(super) fn forget(&self) {
        self.covered.set(0);
    }
}

impl Store {
    /// Start from the kept snapshot and the records after it; `None` when there is none or it
    /// cannot start this log (the caller replays the whole log).
    pub(super) async fn resume(&self, db: &EventStore) -> Option<(Engine, Option<RestoreProblem>)> {
        let t0 = js_sys::Date::now();
        let (bytes, early) = match self.early_snapshot().await {
            Some(bytes) => (bytes, " (begun by loader.js)"),
            None => (db.snapshot().await.ok()??, ""),
        };
        super::rest_of_app::rest_of_app().await;
        let t1 = js_sys::Date::now();
        let snap = match snapshot::decode(&bytes) {
            Ok(s) => s,
            Err(e) => {
                web_sys::console::info_1(
                    &format!("fairlog: snapshot not used ({}), replaying the log", e.code()).into(),
                );
                return None;
            }
        };
        let t2 = js_sys::Date::now();
        let seq = snap.cursor.seq;
        let from = seq.saturating_sub(1);
        let records = db.read_after(from).await.ok()?;
        let t3 = js_sys::Date::now();
        let filtered = self.filtered.get();
        let lines = StoredLines::new(&records, from, filtered);
        let mut tail = lines.iter().peekable();
        let covered = match tail.peek() {
            Some((s, Some(line))) if seq > 0 && *s == seq => Some(*line),
            _ => None,
        };
        if covered.is_some() {
            tail.next();
        }
        let resumed =
            if filtered { Engine::resume_filtered(snap, covered, tail) } else { Engine::resume(snap, covered, tail) };
        match resumed {
            Ok(resumed) => {
                self.snapshots.covered.set(seq);
                *self.snapshots.timing.borrow_mut() = format!(
                    "{} bytes read in {:.0} ms{early}, decoded in {:.0} ms, {} records after it read in {:.0} ms, resumed in {:.0} ms",
                    bytes.len(),
                    t1 - t0,
                    t2 - t1,
                    records.len(),
                    t3 - t2,
                    js_sys::Date::now() - t3
                );
                Some(resumed)
            }
            Err(e) => {
                web_sys::console::info_1(
                    &format!("fairlog: snapshot not used ({}), replaying the log", e.code()).into(),
                );
                None
            }
        }
    }

    /// The snapshot `web/loader.js` began reading from the default database while the wasm was
    /// still loading (taken once; `None` for another database, or when there was none). It is
    /// checked as any snapshot is: one that another tab replaced since is older than the log or
    /// of another log, and `resume` then reads more of the tail or replays.
    async fn early_snapshot(&self) -> Option<Vec<u8>> {
        let window = web_sys::window()?;
        let key = wasm_bindgen::JsValue::from_str("fairlogSnapshot");
        let promise: js_sys::Promise = js_sys::Reflect::get(&window, &key).ok()?.dyn_into().ok()?;
        // Taken (and so freed) whichever database this is: a replica's is named after its
        // account, which the loader does not know.
        let _ = js_sys::Reflect::delete_property(&window, &key);
        if *self.db_name.borrow() != super::idb::DB_NAME {
            return None;
        }
        let value = wasm_bindgen_futures::JsFuture::from(promise).await.ok()?;
        value.dyn_ref::<js_sys::Uint8Array>().map(|a| a.to_vec())
    }

    /// Keep a snapshot of the state now, if one is due (see the module's comment). Returns the
    /// sequence it covers when it wrote one.
    pub async fn keep_snapshot(&self) -> Option<u64> {
        if self.filtered.get() || !self.may_write() || self.travel().is_some() {
            return None;
        }
        let db = self.db()?;
        let (count, last) = {
            let engine = self.engine.borrow();
            (engine.log().count(), engine.log().last_seq())
        };
        let covered = self.snapshots.covered.get();
        let due = if covered == 0 { count >= SNAPSHOT_FROM } else { last >= covered + SNAPSHOT_EVERY };
        if !due {
            return None;
        }
        let bytes = snapshot::encode(&self.engine.borrow());
        db.put_snapshot(&bytes).await.ok()?;
        self.snapshots.covered.set(last);
        Some(last)
    }

    /// Server mode, a new replica: start from the server's snapshot `bytes` and the
    /// lines from its sequence on (the first is the line it covers; the rest are checked as a
    /// replay checks them), stored with it in one transaction. `Ok(false)` when they cannot start
    /// this replica (another build of the domain, lines that do not match, a replica that holds
    /// lines already): the caller pulls the log from the start instead.
    pub(crate) async fn start_from_server(
        &self,
        bytes: Vec<u8>,
        lines: Vec<(u64, String)>,
    ) -> Result<bool, StorageError> {
        let Some(db) = self.db() else { return Ok(false) };
        super::rest_of_app::rest_of_app().await;
        let _guard = self.lock.lock().await;
        if self.engine.borrow().log().last_seq() > 0 {
            return Ok(false);
        }
        let t0 = js_sys::Date::now();
        let not_used = |why: String| {
            web_sys::console::info_1(
                &format!("fairlog: the server's snapshot not used ({why}), pulling the log").into(),
            );
            Ok(false)
        };
        let snap = match snapshot::decode(&bytes) {
            Ok(s) => s,
            Err(e) => return not_used(e.code()),
        };
        let seq = snap.cursor.seq;
        let Some((_, covered)) = lines.first().filter(|(first, _)| *first == seq) else {
            return not_used(format!("no line at {seq}"));
        };
        let tail = lines[1..].iter().map(|(s, l)| (*s, Some(l.as_str())));
        let resumed = if self.filtered.get() {
            Engine::resume_filtered(snap, Some(covered), tail)
        } else {
            Engine::resume(snap, Some(covered), tail)
        };
        let engine = match resumed {
            Ok((engine, None)) => engine,
            Ok((_, Some(p))) => return not_used(format!("{p:?}")),
            Err(e) => return not_used(e.code()),
        };
        let t1 = js_sys::Date::now();
        match db.start_from(&bytes, &lines).await {
            Ok(()) => {}
            Err(StorageError::Conflict) => {
                // Another tab started the replica first: take what it stored.
                self.pull(&db).await?;
                return Ok(false);
            }
            Err(e) => return Err(e),
        }
        self.with_replica(|r| {
            r.timing.0 += t1 - t0;
            r.timing.1 += js_sys::Date::now() - t1;
        });
        let last = engine.log().last_seq();
        *self.engine.borrow_mut() = engine;
        self.snapshots.covered.set(seq);
        self.time_travel.forget_states();
        self.rebase();
        self.announce(last);
        Ok(true)
    }

    /// Whether the engine holds every event (not only those after a snapshot).
    pub fn is_complete(&self) -> bool {
        self.engine.borrow().log().is_complete()
    }

    /// Read and check the events before the snapshot the engine started from, once: the history,
    /// time travel, a merge and an export need them.
    pub async fn ensure_complete(&self) -> Result<(), StorageError> {
        if self.is_complete() {
            return Ok(());
        }
        let Some(db) = self.db() else { return Ok(()) };
        let base = {
            let _guard = self.lock.lock().await;
            let base = self.engine.borrow().history_starts_at();
            let records = db.read_after(0).await?;
            let lines = StoredLines::new(&records, 0, false);
            // (A filtered replica is incomplete only when it started from the server's snapshot.)
            if !self.is_replica() || (!self.filtered.get() && lines.iter().next().map(|(seq, _)| seq) == Some(1)) {
                let done = self.engine.borrow_mut().backfill(lines.iter().take_while(|(seq, _)| *seq <= base));
                self.time_travel.forget_states();
                return done.map_err(|p| StorageError::Failed(format!("{p:?}")));
            }
            base
        };
        // A replica started from the server's snapshot: the earlier events are the server's
        // (fetched without holding the lock, so live events keep arriving meanwhile).
        let earlier = crate::sync::net::pull_range(base).await.map_err(|e| StorageError::Failed(e.to_string()))?;
        let _guard = self.lock.lock().await;
        if self.is_complete() {
            return Ok(());
        }
        let earlier = earlier.iter().map(|(seq, l)| (*seq, Some(l.as_str())));
        let done = if self.filtered.get() {
            self.engine.borrow_mut().backfill_filtered(earlier)
        } else {
            self.engine.borrow_mut().backfill(earlier)
        };
        self.time_travel.forget_states();
        done.map_err(|p| StorageError::Failed(format!("{p:?}")))
    }
}
