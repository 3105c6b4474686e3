//! The app's store: the domain engine (log + state) in memory, IndexedDB underneath, and the
//! other tabs beside it.
//!
//! One command: `Commander::run` decides it against the in-memory state (`Engine::prepare`),
//! writes the sealed events to IndexedDB in one transaction, and only after the commit appends
//! them to the in-memory log and state (`Engine::commit`), bumps the revision (Yew re-renders)
//! and tells other tabs over a BroadcastChannel. A refused command or a failed write leaves
//! memory and storage as they were.
pub mod idb;
pub mod undo;

use std::cell::{Ref, RefCell};
use std::rc::Rc;

use self::undo::{Origin, Step, UndoBook};
use chrono::{DateTime, Utc};
use fairlog_domain::codec::{self, CodecError};
use fairlog_domain::engine::RestoreProblem;
use fairlog_domain::history::{self, UndoError};
use fairlog_domain::merge::MergePlan;
use fairlog_domain::{Actor, Command, DomainError, Engine, Intent, Receipt, State};
use futures::lock::Mutex;
use wasm_bindgen::prelude::*;
use yew::prelude::*;

pub use self::idb::{EventStore, StorageError, DB_NAME};

/// BroadcastChannel messages besides a new last sequence: another tab merged or imported.
const RELOAD: &str = "reload";
/// Server mode: another tab queued commands, or the syncing tab settled some.
pub(crate) const OUTBOX_CHANGED: &str = "outbox";
/// Server mode: the list of refused changes changed.
const REFUSED_CHANGED: &str = "refused";
/// A tab that has just opened asks the syncing tab for the sync status.
const HELLO: &str = "hello";
const STATUS: &str = "status:";
use crate::sync::{Replica, SyncStatus};

/// Where the app stands with its local data.
#[derive(Debug, Clone, PartialEq)]
pub enum Phase {
    Loading,
    Ready,
    /// The store could be read only up to a bad record: read-only until the user deals with it.
    Damaged(RestoreProblem),
    /// Opening IndexedDB waits for another tab that holds an older version of the database.
    Blocked,
    /// IndexedDB could not be opened at all.
    Unavailable(String),
}

/// Why a command did not go through.
#[derive(Debug, Clone, PartialEq)]
pub enum UiError {
    Rule(DomainError),
    Storage(StorageError),
    ReadOnly,
    Undo(UndoError),
}

impl From<DomainError> for UiError {
    fn from(e: DomainError) -> Self {
        UiError::Rule(e)
    }
}

/// A short message shown after something happened.
#[derive(Debug, Clone, PartialEq)]
pub enum Notice {
    Saved {
        seq: u64,
    },
    /// Server mode: decided here and waiting for the server.
    Queued,
    /// Server mode: the server accepted what this browser had queued.
    Confirmed,
    Synced,
    /// Server mode: the server refused a command this browser had queued.
    RefusedByServer(crate::sync::Refusal),
    Failed(UiError),
}

pub struct Store {
    db_name: RefCell<String>,
    engine: RefCell<Engine>,
    db: RefCell<Option<Rc<EventStore>>>,
    channel: RefCell<Option<web_sys::BroadcastChannel>>,
    /// False while the stored log is damaged: nothing may be appended after a bad record.
    writable: std::cell::Cell<bool>,
    /// Serialises writes and syncs so that the in-memory log and IndexedDB never disagree.
    lock: Mutex<()>,
    /// Each actor's recent commands, for undo and redo (kept in localStorage).
    undo_book: RefCell<UndoBook>,
    /// The last state computed for time travel.
    travel_cache: RefCell<Option<(u64, Rc<State>)>>,
    /// The point the app is shown at while time-travelling: nothing is written meanwhile.
    travel: std::cell::Cell<Option<u64>>,
    /// Server mode: the replica's pending commands, the state they leave, the sync status
    /// (`None`: the local-only app).
    replica: RefCell<Option<Replica>>,
    /// This account's server sends a filtered stream (see `use_server`).
    filtered: std::cell::Cell<bool>,
}

pub use self::undo::Span;

/// What `Store::run` did: the span it saved (`None`: the command changed nothing), the log's
/// last sequence after it, and how many events of other tabs a retry pulled in on the way.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Ran {
    pub saved: Option<Span>,
    pub last_seq: u64,
    pub pulled: usize,
}

/// A run that failed, and how many events of other tabs it pulled in before it did.
#[derive(Debug, Clone)]
pub struct Failed {
    pub error: UiError,
    pub pulled: usize,
}

/// What importing a file will do.
#[derive(Debug, Clone, PartialEq)]
pub enum ImportPlan {
    /// The store is empty: the file's events are stored as they are.
    Fresh { text: Rc<str>, count: u64 },
    /// Merge with what is here.
    Merge { plan: Rc<MergePlan> },
    /// The file holds nothing new.
    NothingNew,
}

/// Why a file cannot be imported.
#[derive(Debug, Clone, PartialEq)]
pub enum ImportError {
    Codec(CodecError),
    Storage(StorageError),
    ReadOnly,
}

impl Store {
    pub fn new(db_name: &str) -> Rc<Store> {
        Rc::new(Store {
            db_name: RefCell::new(db_name.to_owned()),
            engine: RefCell::new(Engine::new()),
            db: RefCell::new(None),
            channel: RefCell::new(None),
            writable: std::cell::Cell::new(false),
            lock: Mutex::new(()),
            undo_book: RefCell::new(UndoBook::default()),
            travel_cache: RefCell::new(None),
            travel: std::cell::Cell::new(None),
            replica: RefCell::new(None),
            filtered: std::cell::Cell::new(false),
        })
    }

    /// Become a replica of fairlog-server's log (before `load`): the confirmed events live in a
    /// database of their own, commands go to the outbox and the server.
    /// `db_name` is the signed-in account's replica (`Account::replica_name`); `filtered`: the
    /// server sends this account a filtered stream (every role but the organizers', docs/SYNC.md
    /// "Filtered streams"), replayed with gaps and redactions.
    pub fn use_server(&self, db_name: &str, filtered: bool) {
        self.filtered.set(filtered);
        *self.db_name.borrow_mut() = db_name.to_owned();
        *self.replica.borrow_mut() = Some(Replica { refused: crate::sync::refused::load(), ..Replica::default() });
    }

    /// Server mode for an account that receives a filtered stream.
    pub fn is_filtered(&self) -> bool {
        self.filtered.get()
    }

    pub fn is_replica(&self) -> bool {
        self.replica.borrow().is_some()
    }

    /// The sync indicator's figures (server mode only).
    pub fn sync_status(&self) -> Option<SyncStatus> {
        self.replica.borrow().as_ref().map(|r| r.status.clone())
    }

    /// The state with this browser's pending commands on top, while any are pending.
    pub fn speculative(&self) -> Option<Rc<State>> {
        self.replica.borrow().as_ref().and_then(|r| r.speculative.clone())
    }

    pub(crate) fn with_replica<R>(&self, f: impl FnOnce(&mut Replica) -> R) -> Option<R> {
        self.replica.borrow_mut().as_mut().map(f)
    }

    pub(crate) fn db_handle(&self) -> Option<Rc<EventStore>> {
        self.db()
    }

    /// Decide the pending commands again on the confirmed state.
    pub(crate) fn rebase(&self) {
        let engine = self.engine.borrow();
        let (state, seq, hash) = (engine.state(), engine.log().last_seq(), engine.log().last_hash().to_owned());
        if let Some(r) = self.replica.borrow_mut().as_mut() {
            r.rebase(state, seq, &hash);
        }
    }

    /// Server mode: decide on the state the pending commands leave (a refusal comes back at
    /// once), then queue the commands in the outbox and wake the pusher.
    async fn queue(&self, cmds: Vec<Command>) -> Result<u64, UiError> {
        let db = self.db().filter(|_| self.may_write()).ok_or(UiError::ReadOnly)?;
        let _guard = self.lock.lock().await;
        let (mut state, mut seq, mut hash) = {
            let engine = self.engine.borrow();
            let replica = self.replica.borrow();
            match replica.as_ref().and_then(|r| r.speculative.clone().map(|s| (s, r.spec_head.clone()))) {
                Some((s, (seq, hash))) => ((*s).clone(), seq, hash),
                None => (engine.state().clone(), engine.log().last_seq(), engine.log().last_hash().to_owned()),
            }
        };
        let mut given = Vec::with_capacity(cmds.len());
        for cmd in &cmds {
            given.push(crate::sync::apply_speculatively(&mut state, &mut seq, &mut hash, cmd.clone())?);
        }
        let json: Vec<String> = cmds.iter().map(|c| serde_json::to_string(c).unwrap_or_default()).collect();
        let numbers = db.outbox_add(&json).await.map_err(UiError::Storage)?;
        self.with_replica(|r| {
            for ((n, cmd), events) in numbers.into_iter().zip(cmds).zip(given) {
                r.pending.push(crate::sync::Pending { events, ..crate::sync::Pending::new(n, cmd) });
            }
            r.speculative = Some(Rc::new(state));
            r.spec_head = (seq, hash);
            r.status.waiting = r.pending.len();
            r.kick();
        });
        // The syncing tab may be another one: tell it there is something to push.
        self.tell_tabs(OUTBOX_CHANGED);
        Ok(self.engine.borrow().log().last_seq())
    }

    /// Server mode: take the server's confirmed lines that follow ours: the engine checks and
    /// applies them (sequence, chain, the domain's judgement; each line parsed once), then the
    /// lines it took are stored in one transaction; should that write fail, the engine is read
    /// back from IndexedDB, so memory never holds what storage does not. Then the pending
    /// commands are decided again on top. Returns how many were new.
    pub(crate) async fn apply_confirmed(&self, lines: Vec<(u64, String)>) -> Result<usize, StorageError> {
        let Some(db) = self.db() else { return Ok(0) };
        let _guard = self.lock.lock().await;
        let last = self.engine.borrow().log().last_seq();
        let fresh: Vec<(u64, String)> = lines.into_iter().filter(|(seq, _)| *seq > last).collect();
        if fresh.is_empty() {
            return Ok(0);
        }
        let t0 = js_sys::Date::now();
        let before = self.engine.borrow().log().len();
        let checked = self.extend(fresh.iter().map(|(seq, l)| (*seq, Some(l.as_str()))));
        let taken = self.engine.borrow().log().len() - before;
        let t1 = js_sys::Date::now();
        if taken > 0 {
            let written = db.add_lines(&fresh[..taken]).await;
            self.with_replica(|r| {
                r.timing.0 += t1 - t0;
                r.timing.1 += js_sys::Date::now() - t1;
            });
            if let Err(e) = written {
                // Not stored (another tab stored them first, or the write failed): read the
                // store back instead, which holds whatever was really written.
                let records = db.read_after(0).await?;
                let (engine, _) = self.restore(&records);
                *self.engine.borrow_mut() = engine;
                if e != StorageError::Conflict {
                    return Err(e);
                }
            }
        }
        *self.travel_cache.borrow_mut() = None;
        let now_last = self.engine.borrow().log().last_seq();
        self.rebase();
        self.announce(now_last);
        checked.map_err(|p| StorageError::Failed(format!("{p:?}")))?;
        Ok(taken)
    }

    /// Server mode: read the outbox (after a reload, or when another tab queued or settled
    /// commands): the pending commands are the outbox's, plus those the server accepted whose
    /// events have not arrived yet.
    pub(crate) async fn restore_outbox(&self) {
        let Some(db) = self.db() else { return };
        let Ok(queued) = db.outbox().await else { return };
        self.with_replica(|r| {
            let mut known = std::mem::take(&mut r.pending);
            let mut pending: Vec<crate::sync::Pending> = queued
                .into_iter()
                .filter_map(|(n, json)| match known.iter().position(|p| p.n == n) {
                    Some(i) => Some(known.swap_remove(i)),
                    None => Some(crate::sync::Pending::new(n, serde_json::from_str(&json).ok()?)),
                })
                .collect();
            pending.extend(known.into_iter().filter(|p| p.confirmed_at.is_some()));
            pending.sort_by_key(|p| p.n);
            r.pending = pending;
        });
        self.rebase();
    }

    /// Server mode: the changes the server refused that the user has not dismissed yet.
    pub fn refused(&self) -> Vec<crate::sync::refused::RefusedChange> {
        self.replica.borrow().as_ref().map(|r| r.refused.clone()).unwrap_or_default()
    }

    /// Keep refusals the server just sent, here and for the other tabs.
    pub(crate) fn add_refused(&self, new: Vec<crate::sync::refused::RefusedChange>) {
        if new.is_empty() {
            return;
        }
        let list = crate::sync::refused::add(new);
        self.with_replica(|r| r.refused = list);
        self.tell_tabs(REFUSED_CHANGED);
    }

    /// The user has read a refusal.
    pub fn dismiss_refused(&self, n: u64) {
        let list = crate::sync::refused::dismiss(n);
        self.with_replica(|r| r.refused = list);
        self.tell_tabs(REFUSED_CHANGED);
    }

    /// The syncing tab tells the others whether the server answers (their indicator shows it).
    pub(crate) fn tell_status(&self) {
        let status = self.replica.borrow().as_ref().filter(|r| r.kick.is_some()).map(|r| r.status.clone());
        if let Some(s) = status {
            self.tell_tabs(&format!("{STATUS}{}:{}", s.online, s.last_synced.unwrap_or(0.0)));
        }
    }

    /// Another tab's word on the server (see `tell_status`).
    fn hear_status(&self, message: &str) {
        let mut parts = message.trim_start_matches(STATUS).split(':');
        let online = parts.next() == Some("true");
        let last = parts.next().and_then(|t| t.parse::<f64>().ok()).filter(|t| *t > 0.0);
        self.with_replica(|r| {
            if r.kick.is_none() {
                r.status.online = online;
                r.status.last_synced = last.or(r.status.last_synced);
            }
        });
    }

    pub(crate) fn tell_tabs(&self, message: &str) {
        if let Some(ch) = self.channel.borrow().as_ref() {
            let _ = ch.post_message(&JsValue::from_str(message));
        }
    }

    pub fn engine(&self) -> Ref<'_, Engine> {
        self.engine.borrow()
    }

    fn db(&self) -> Option<Rc<EventStore>> {
        self.db.borrow().clone()
    }

    /// Open IndexedDB and replay what it holds.
    pub async fn load(&self) -> Phase {
        self.load_with(|| {}).await
    }

    /// Like `load`; `on_blocked` runs if the open waits for other tabs (see `Phase::Blocked`).
    /// Replay stored records: the whole log, or an account's filtered view of it.
    fn restore(&self, records: &[idb::RawRecord]) -> (Engine, Option<RestoreProblem>) {
        let records = records.iter().map(|r| (r.seq().unwrap_or(0), r.text()));
        if self.filtered.get() {
            Engine::restore_filtered(records)
        } else {
            Engine::restore(records)
        }
    }

    /// Take records that follow the engine's end (see `restore`).
    fn extend<S: AsRef<str>>(&self, records: impl IntoIterator<Item = (u64, Option<S>)>) -> Result<usize, RestoreProblem> {
        let mut engine = self.engine.borrow_mut();
        if self.filtered.get() {
            engine.extend_filtered(records)
        } else {
            engine.extend_stored(records)
        }
    }

    pub async fn load_with(&self, on_blocked: impl FnOnce() + 'static) -> Phase {
        let name = self.db_name.borrow().clone();
        let db = match EventStore::open_with(&name, on_blocked).await {
            Ok(db) => Rc::new(db),
            Err(e) => return Phase::Unavailable(e.to_string()),
        };
        let records = match db.read_after(0).await {
            Ok(r) => r,
            Err(e) => return Phase::Unavailable(e.to_string()),
        };
        let (engine, problem) = self.restore(&records);
        *self.undo_book.borrow_mut() = UndoBook::load(&self.db_name.borrow(), engine.log().entries());
        *self.engine.borrow_mut() = engine;
        *self.db.borrow_mut() = Some(db);
        self.writable.set(problem.is_none());
        match problem {
            Some(p) => Phase::Damaged(p),
            None => Phase::Ready,
        }
    }

    /// Decide, store, then apply. Says what was saved (from the engine's receipt) and how many
    /// events of other tabs arrived on the way (a retry pulls them), also when it fails. A
    /// single actor's command becomes a step of their undo.
    pub async fn run(&self, cmds: Vec<Command>) -> Result<Ran, Failed> {
        let actor = cmds.first().map(|c| c.actor.clone()).filter(|a| cmds.iter().all(|c| &c.actor == a));
        let ran = self.run_inner(cmds).await?;
        if let (Some(actor), Some(span)) = (actor, ran.saved) {
            self.remember(&actor, span, Origin::Command);
        }
        Ok(ran)
    }

    /// Like `run`, for what the app does by itself (recording expired holds): not a step of
    /// anyone's to undo, and it leaves the redo stacks alone.
    pub async fn run_unrecorded(&self, cmds: Vec<Command>) -> Result<u64, UiError> {
        self.run_inner(cmds).await.map(|ran| ran.last_seq).map_err(|f| f.error)
    }

    /// Can anything be written now? Not after a bad record, and not while time-travelling.
    fn may_write(&self) -> bool {
        self.writable.get() && self.travel.get().is_none()
    }

    /// Show the app as it was after `seq` events (`None`: now). Returns the point kept: a point
    /// at or past the last event is now.
    pub fn set_travel(&self, seq: Option<u64>) -> Option<u64> {
        let last = self.engine.borrow().log().last_seq();
        let seq = seq.filter(|s| *s < last);
        self.travel.set(seq);
        seq
    }

    async fn run_inner(&self, cmds: Vec<Command>) -> Result<Ran, Failed> {
        if self.is_replica() {
            return match self.queue(cmds).await {
                Ok(last_seq) => Ok(Ran { saved: None, last_seq, pulled: 0 }),
                Err(error) => Err(Failed { error, pulled: 0 }),
            };
        }
        let db = self.db().filter(|_| self.may_write()).ok_or(Failed { error: UiError::ReadOnly, pulled: 0 })?;
        let _guard = self.lock.lock().await;
        // Tabs take turns writing (the store's transactions check its real end besides).
        let lock = self.write_lock();
        crate::sync::leader::exclusively(&lock, self.append_deciding(&db, cmds)).await
    }

    /// The Web Lock under which this database's tabs append, merge and import.
    fn write_lock(&self) -> String {
        format!("fairlog-write-{}", self.db_name.borrow())
    }

    async fn append_deciding(&self, db: &EventStore, cmds: Vec<Command>) -> Result<Ran, Failed> {
        let fail = |error: UiError, pulled: usize| Failed { error, pulled };
        let mut pulled = 0;
        for attempt in 0..2 {
            let receipt = self.prepare(cmds.clone()).map_err(|e| fail(e, pulled))?;
            if receipt.is_empty() {
                return Ok(Ran { saved: None, last_seq: receipt.last_seq(), pulled });
            }
            match db.append(&receipt.sealed).await {
                Ok(()) => return Ok(Ran { saved: self.commit(receipt), last_seq: self.last_seq(), pulled }),
                Err(StorageError::Conflict) if attempt == 0 => {
                    // Another tab wrote first: take its events, then decide again.
                    pulled += self.pull(db).await.map_err(|e| fail(UiError::Storage(e), pulled))?;
                }
                Err(e) => return Err(fail(UiError::Storage(e), pulled)),
            }
        }
        Err(fail(UiError::Storage(StorageError::Conflict), pulled))
    }

    fn last_seq(&self) -> u64 {
        self.engine.borrow().log().last_seq()
    }

    fn prepare(&self, cmds: Vec<Command>) -> Result<Receipt, UiError> {
        let engine = self.engine.borrow();
        engine.prepare_all(cmds, uuid::Uuid::new_v4).map_err(|(_, e)| UiError::Rule(e))
    }

    /// Keep a stored receipt in memory; returns the span it saved.
    fn commit(&self, receipt: Receipt) -> Option<Span> {
        let span = receipt.span();
        self.engine.borrow_mut().commit(receipt).expect("the lock keeps memory in step with storage");
        if let Some((_, last)) = span {
            self.announce(last);
        }
        span
    }

    /// Read events other tabs stored after our last one.
    async fn pull(&self, db: &EventStore) -> Result<usize, StorageError> {
        let after = self.engine.borrow().log().last_seq();
        let records = db.read_after(after).await?;
        self.extend(records.iter().map(|r| (r.seq().unwrap_or(0), r.text())))
            .map_err(|p| StorageError::Failed(format!("{p:?}")))
    }

    /// Take other tabs' new events. Returns how many arrived.
    pub async fn sync(&self) -> Result<usize, StorageError> {
        let Some(db) = self.db() else { return Ok(0) };
        let _guard = self.lock.lock().await;
        self.pull(&db).await
    }

    fn announce(&self, last_seq: u64) {
        if let Some(ch) = self.channel.borrow().as_ref() {
            let _ = ch.post_message(&JsValue::from_f64(last_seq as f64));
        }
    }

    /// Listen for other tabs' writes; `on_change` runs after their events were applied.
    pub fn listen(self: &Rc<Self>, on_change: Callback<usize>) {
        let Ok(ch) = web_sys::BroadcastChannel::new(&format!("{}-events", self.db_name.borrow())) else { return };
        let store = Rc::downgrade(self);
        let handler = Closure::<dyn FnMut(web_sys::MessageEvent)>::new(move |e: web_sys::MessageEvent| {
            let Some(store) = store.upgrade() else { return };
            let on_change = on_change.clone();
            let message = e.data().as_string();
            wasm_bindgen_futures::spawn_local(async move {
                if message.as_deref() == Some(OUTBOX_CHANGED) {
                    // Another tab queued a command (or settled some): push it if we sync.
                    store.restore_outbox().await;
                    store.with_replica(|r| r.kick());
                    on_change.emit(0);
                } else if message.as_deref() == Some(HELLO) {
                    store.tell_status();
                } else if let Some(status) = message.as_deref().filter(|m| m.starts_with(STATUS)) {
                    store.hear_status(status);
                    on_change.emit(0);
                } else if message.as_deref() == Some(REFUSED_CHANGED) {
                    store.with_replica(|r| r.refused = crate::sync::refused::load());
                    on_change.emit(0);
                } else if message.as_deref() == Some(RELOAD) {
                    // Another tab merged or imported: events were renumbered; read them again.
                    let _guard = store.lock.lock().await;
                    store.load().await;
                    on_change.emit(1);
                } else if let Ok(n) = store.sync().await {
                    if store.is_replica() {
                        // The syncing tab stored the server's events: what is pending changed too.
                        store.restore_outbox().await;
                        on_change.emit(0);
                    } else if n > 0 {
                        on_change.emit(n);
                    }
                }
            });
        });
        ch.set_onmessage(Some(handler.as_ref().unchecked_ref()));
        handler.forget();
        *self.channel.borrow_mut() = Some(ch);
        if self.is_replica() {
            self.tell_tabs(HELLO);
        }
    }

    /// The state after the first `seq` events (time travel), cached for the current point.
    pub fn state_at(&self, seq: u64) -> Rc<State> {
        if let Some((s, st)) = self.travel_cache.borrow().as_ref() {
            if *s == seq {
                return Rc::clone(st);
            }
        }
        let st = Rc::new(self.engine.borrow().state_at(seq));
        *self.travel_cache.borrow_mut() = Some((seq, Rc::clone(&st)));
        st
    }

    /// Remember a command of `actor` for undo (a new command clears the redo stack).
    fn remember(&self, actor: &Actor, span: Span, origin: Origin) {
        let (first, last) = span;
        // Only a single command is undone as one: a batch of commands (the demo season) is not.
        let step = {
            let engine = self.engine.borrow();
            let events = &engine.log().entries()[first as usize - 1..last as usize];
            let single = events.iter().all(|e| e.command_id() == events[0].command_id());
            (single || origin != Origin::Command).then(|| Step { first, last, id: events[0].id })
        };
        if let Some(step) = step {
            let mut book = self.undo_book.borrow_mut();
            book.record(actor, step, origin);
            book.save(&self.db_name.borrow());
        }
    }

    /// The command undo would reverse, and redo would re-apply, for `actor`.
    pub fn undo_redo_heads(&self, actor: &Actor) -> (Option<Span>, Option<Span>) {
        let book = self.undo_book.borrow();
        let s = book.stacks(actor);
        (s.and_then(|s| s.undo.last()).map(Step::span), s.and_then(|s| s.redo.last()).map(Step::span))
    }

    /// The commands that would undo (or, with `redo`, redo) `actor`'s last step, checked by the
    /// domain without writing anything; or why it cannot be done.
    pub fn undo_plan(&self, actor: &Actor, redo: bool) -> Result<Vec<Command>, UiError> {
        let book = self.undo_book.borrow();
        let stacks = book.stacks(actor).ok_or(UiError::Undo(UndoError::Nothing))?;
        let top = if redo { stacks.redo.last() } else { stacks.undo.last() };
        let Step { first, last, .. } = *top.ok_or(UiError::Undo(UndoError::Nothing))?;
        let engine = self.engine.borrow();
        let ignore = |seq: u64| stacks.is_own(seq);
        let intents = history::undo_ignoring(&engine, first, last, actor, &ignore).map_err(UiError::Undo)?;
        let now = now();
        let cmds: Vec<Command> =
            intents.into_iter().map(|intent| Command { actor: actor.clone(), now, intent }).collect();
        engine.prepare_all(cmds.clone(), uuid::Uuid::new_v4).map_err(|(_, e)| UiError::Rule(e))?;
        Ok(cmds)
    }

    /// Undo (or, with `redo`, redo) `actor`'s last step, as new compensating events.
    pub async fn undo(&self, actor: &Actor, redo: bool) -> Result<u64, UiError> {
        if !self.may_write() {
            return Err(UiError::ReadOnly);
        }
        let cmds = self.undo_plan(actor, redo)?;
        let ran = self.run_inner(cmds).await.map_err(|f| f.error)?;
        self.undo_book.borrow_mut().pop(actor, redo);
        // An undo can be redone; a redo can be undone again.
        if let Some(span) = ran.saved {
            self.remember(actor, span, if redo { Origin::Redo } else { Origin::Undo });
        }
        Ok(ran.last_seq)
    }

    /// Read and verify a file, and say what importing it would do. Changes nothing.
    pub fn plan_import(&self, text: &str, source: &str, actor: &Actor) -> Result<ImportPlan, ImportError> {
        if !self.may_write() {
            return Err(ImportError::ReadOnly);
        }
        let imported = codec::import(text).map_err(ImportError::Codec)?;
        let engine = self.engine.borrow();
        if engine.log().is_empty() {
            return Ok(ImportPlan::Fresh { text: text.into(), count: imported.header.count });
        }
        Ok(match engine.plan_merge(&imported, source, actor, now(), uuid::Uuid::new_v4()) {
            Some(plan) => ImportPlan::Merge { plan: Rc::new(plan) },
            None => ImportPlan::NothingNew,
        })
    }

    /// Carry out an import plan: one IndexedDB transaction, then memory.
    pub async fn apply_import(&self, plan: ImportPlan) -> Result<u64, ImportError> {
        let db = self.db().filter(|_| self.may_write()).ok_or(ImportError::ReadOnly)?;
        let _guard = self.lock.lock().await;
        let lock = self.write_lock();
        crate::sync::leader::exclusively(&lock, self.import_exclusively(&db, plan)).await
    }

    async fn import_exclusively(&self, db: &EventStore, plan: ImportPlan) -> Result<u64, ImportError> {
        match plan {
            ImportPlan::NothingNew => {}
            ImportPlan::Fresh { text, .. } => {
                if !self.engine.borrow().log().is_empty() {
                    return Err(ImportError::Storage(StorageError::Conflict));
                }
                // Exactly the lines the import verified (a leading blank line or a byte-order mark
                // is not a record), stored as read.
                let lines: Vec<&str> = codec::event_lines(&text);
                db.write_lines(&lines).await.map_err(ImportError::Storage)?;
                let (engine, problem) =
                    Engine::restore(lines.iter().enumerate().map(|(i, l)| (i as u64 + 1, Some(*l))));
                if problem.is_some() {
                    self.writable.set(false);
                }
                *self.engine.borrow_mut() = engine;
            }
            ImportPlan::Merge { plan } => {
                let plan = Rc::try_unwrap(plan).unwrap_or_else(|rc| (*rc).clone());
                if plan.keep + plan.renumbered != self.engine.borrow().log().last_seq() {
                    // The log moved (another tab) since the plan was made: plan again.
                    return Err(ImportError::Storage(StorageError::Conflict));
                }
                let expected_last = self.engine.borrow().log().last_seq();
                db.replace_after(plan.keep, expected_last, &plan.sealed, js_sys::Date::now())
                    .await
                    .map_err(ImportError::Storage)?;
                self.engine
                    .borrow_mut()
                    .apply_merge(plan)
                    .map_err(|e| ImportError::Storage(StorageError::Failed(e.to_string())))?;
            }
        }
        {
            let mut book = self.undo_book.borrow_mut();
            book.clear();
            book.save(&self.db_name.borrow());
        }
        *self.travel_cache.borrow_mut() = None;
        let last = self.engine.borrow().log().last_seq();
        self.announce_reload();
        Ok(last)
    }

    fn announce_reload(&self) {
        self.tell_tabs(RELOAD);
    }

    /// Logs kept before merges: (time in ms, JSON Lines).
    pub async fn backups(&self) -> Vec<(f64, String)> {
        match self.db() {
            Some(db) => db.backups().await.unwrap_or_default(),
            None => vec![],
        }
    }

    /// Every stored record as it is, for a user whose store is damaged: one JSON object a line,
    /// `{"key":…,"value":…}`, the value as text when it is text.
    pub async fn export_raw(&self) -> Result<String, StorageError> {
        let Some(db) = self.db() else { return Ok(String::new()) };
        let records = db.read_after(0).await?;
        let mut out = String::new();
        for r in records {
            let key = r.key.as_f64().map(serde_json::Value::from).unwrap_or(serde_json::Value::Null);
            let value = match r.text() {
                Some(t) => serde_json::Value::String(t),
                None => serde_json::Value::String(
                    js_sys::JSON::stringify(&r.value).ok().and_then(|s| s.as_string()).unwrap_or_default(),
                ),
            };
            out.push_str(&serde_json::json!({ "key": key, "value": value }).to_string());
            out.push('\n');
        }
        Ok(out)
    }
}

/// The current time, from the browser's clock.
pub fn now() -> DateTime<Utc> {
    DateTime::from_timestamp_millis(js_sys::Date::now() as i64).unwrap_or_default()
}

// ---------------------------------------------------------------------------------------------
// Yew side: one reducer holding a handle to the store and a revision number.

#[derive(Clone)]
pub struct AppModel {
    pub store: Rc<Store>,
    /// Bumped after every change to the engine, so components that read it re-render.
    pub revision: u64,
    pub phase: Phase,
    pub notice: Option<Notice>,
    /// Time travel: show the app as it was after this many events (read-only).
    pub travel: Option<u64>,
}

/// The state a component shows: the live one, or a past one while time-travelling.
pub enum View<'a> {
    Live(Ref<'a, Engine>),
    Past(Rc<State>),
}

impl std::ops::Deref for View<'_> {
    type Target = State;
    fn deref(&self) -> &State {
        match self {
            View::Live(e) => e.state(),
            View::Past(s) => s,
        }
    }
}

impl PartialEq for AppModel {
    fn eq(&self, other: &Self) -> bool {
        Rc::ptr_eq(&self.store, &other.store)
            && self.revision == other.revision
            && self.phase == other.phase
            && self.notice == other.notice
            && self.travel == other.travel
    }
}

pub enum Action {
    Loaded(Phase),
    Changed(Option<Notice>),
    Notice(Option<Notice>),
    /// Travel to a point of the history (`None`: back to now).
    Travel(Option<u64>),
    /// Something changed underneath (the server's events): re-render, keep the notice.
    Refresh,
}

impl Reducible for AppModel {
    type Action = Action;

    fn reduce(self: Rc<Self>, action: Action) -> Rc<Self> {
        // Only the small fields are copied; the engine stays where it is.
        let mut next = (*self).clone();
        match action {
            Action::Loaded(phase) => {
                next.phase = phase;
                next.revision += 1;
            }
            Action::Changed(notice) => {
                next.revision += 1;
                next.notice = notice;
            }
            Action::Notice(notice) => next.notice = notice,
            Action::Refresh => next.revision += 1,
            Action::Travel(seq) => next.travel = next.store.set_travel(seq),
        }
        Rc::new(next)
    }
}

impl AppModel {
    pub fn new(store: Rc<Store>) -> Self {
        AppModel { store, revision: 0, phase: Phase::Loading, notice: None, travel: None }
    }

    /// The state to show: live, or the past point while time-travelling.
    pub fn view(&self) -> View<'_> {
        match (self.travel, self.store.speculative()) {
            (Some(seq), _) => View::Past(self.store.state_at(seq)),
            (None, Some(pending)) => View::Past(pending),
            (None, None) => View::Live(self.store.engine()),
        }
    }

    /// Can the user change anything now? (Not while the store is damaged or time-travelling.)
    pub fn writable(&self) -> bool {
        self.phase == Phase::Ready && self.travel.is_none()
    }
}

/// Sends commands. Its identity never changes, so components that only send do not re-render
/// when data changes.
#[derive(Clone)]
pub struct Commander {
    pub store: Rc<Store>,
    pub dispatch: UseReducerDispatcher<AppModel>,
}

impl PartialEq for Commander {
    fn eq(&self, other: &Self) -> bool {
        Rc::ptr_eq(&self.store, &other.store)
    }
}

impl Commander {
    /// Run one command as `actor`, now.
    pub async fn run(&self, actor: Actor, intent: Intent) -> Result<u64, UiError> {
        self.run_all(vec![Command { actor, now: now(), intent }]).await
    }

    /// Run several commands in one transaction.
    pub async fn run_all(&self, cmds: Vec<Command>) -> Result<u64, UiError> {
        match self.store.run(cmds).await {
            Ok(ran) => {
                if self.store.is_replica() {
                    self.dispatch.dispatch(Action::Changed(Some(Notice::Queued)));
                } else if ran.saved.is_some() {
                    self.dispatch.dispatch(Action::Changed(Some(Notice::Saved { seq: ran.last_seq })));
                } else if ran.pulled > 0 {
                    self.dispatch.dispatch(Action::Changed(None));
                }
                Ok(ran.last_seq)
            }
            Err(failed) => {
                // A retry may have pulled other tabs' events: show them even though ours failed.
                if failed.pulled > 0 {
                    self.dispatch.dispatch(Action::Changed(None));
                }
                Err(failed.error)
            }
        }
    }

    /// Undo (or redo) this tab's last command.
    pub async fn undo(&self, actor: &Actor, redo: bool) -> Result<u64, UiError> {
        let result = self.store.undo(actor, redo).await;
        match &result {
            Ok(seq) => self.dispatch.dispatch(Action::Changed(Some(Notice::Saved { seq: *seq }))),
            Err(e) => self.dispatch.dispatch(Action::Notice(Some(Notice::Failed(e.clone())))),
        }
        result
    }

    pub async fn import(&self, plan: ImportPlan) -> Result<u64, ImportError> {
        let result = self.store.apply_import(plan).await;
        if let Ok(seq) = &result {
            self.dispatch.dispatch(Action::Travel(None));
            self.dispatch.dispatch(Action::Changed(Some(Notice::Saved { seq: *seq })));
        }
        result
    }

    pub fn travel(&self, seq: Option<u64>) {
        self.dispatch.dispatch(Action::Travel(seq));
    }

    pub fn notice(&self, notice: Option<Notice>) {
        self.dispatch.dispatch(Action::Notice(notice));
    }
}

#[hook]
pub fn use_app() -> UseReducerHandle<AppModel> {
    use_context::<UseReducerHandle<AppModel>>().expect("AppModel context is provided by <App>")
}

#[hook]
pub fn use_commander() -> Commander {
    use_context::<Commander>().expect("Commander context is provided by <App>")
}
