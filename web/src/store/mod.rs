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
use fairlog_domain::log::Sealed;
use fairlog_domain::merge::MergePlan;
use fairlog_domain::{Actor, Command, DomainError, Engine, Intent, State};
use futures::lock::Mutex;
use wasm_bindgen::prelude::*;
use yew::prelude::*;

pub use self::idb::{EventStore, StorageError, DB_NAME};

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
    Saved { seq: u64 },
    Synced,
    Failed(UiError),
}

pub struct Store {
    db_name: String,
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
}

pub use self::undo::Span;

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
            db_name: db_name.to_owned(),
            engine: RefCell::new(Engine::new()),
            db: RefCell::new(None),
            channel: RefCell::new(None),
            writable: std::cell::Cell::new(false),
            lock: Mutex::new(()),
            undo_book: RefCell::new(UndoBook::default()),
            travel_cache: RefCell::new(None),
            travel: std::cell::Cell::new(None),
        })
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
    pub async fn load_with(&self, on_blocked: impl FnOnce() + 'static) -> Phase {
        let db = match EventStore::open_with(&self.db_name, on_blocked).await {
            Ok(db) => Rc::new(db),
            Err(e) => return Phase::Unavailable(e.to_string()),
        };
        let records = match db.read_after(0).await {
            Ok(r) => r,
            Err(e) => return Phase::Unavailable(e.to_string()),
        };
        let (engine, problem) = Engine::restore(records.iter().map(|r| (r.seq().unwrap_or(0), r.text())));
        *self.undo_book.borrow_mut() = UndoBook::load(&self.db_name, engine.log().entries());
        *self.engine.borrow_mut() = engine;
        *self.db.borrow_mut() = Some(db);
        self.writable.set(problem.is_none());
        match problem {
            Some(p) => Phase::Damaged(p),
            None => Phase::Ready,
        }
    }

    /// Decide, store, then apply. Returns the sequence of the last new event (unchanged if the
    /// command changed nothing).
    pub async fn run(&self, cmds: Vec<Command>) -> Result<u64, UiError> {
        let before = self.engine.borrow().log().last_seq();
        let actor = cmds.first().map(|c| c.actor.clone()).filter(|a| cmds.iter().all(|c| &c.actor == a));
        let after = self.run_inner(cmds).await?;
        if let Some(actor) = actor {
            self.remember(&actor, before, after, Origin::Command);
        }
        Ok(after)
    }

    /// Like `run`, for what the app does by itself (recording expired holds): not a step of
    /// anyone's to undo, and it leaves the redo stacks alone.
    pub async fn run_unrecorded(&self, cmds: Vec<Command>) -> Result<u64, UiError> {
        self.run_inner(cmds).await
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

    async fn run_inner(&self, cmds: Vec<Command>) -> Result<u64, UiError> {
        let db = self.db().filter(|_| self.may_write()).ok_or(UiError::ReadOnly)?;
        let _guard = self.lock.lock().await;
        for attempt in 0..2 {
            let sealed = self.prepare(cmds.clone())?;
            if sealed.is_empty() {
                return Ok(self.engine.borrow().log().last_seq());
            }
            match db.append(&sealed).await {
                Ok(()) => return Ok(self.commit(sealed)),
                Err(StorageError::Conflict) if attempt == 0 => {
                    // Another tab wrote first: take its events, then decide again.
                    self.pull(&db).await.map_err(UiError::Storage)?;
                }
                Err(e) => return Err(UiError::Storage(e)),
            }
        }
        Err(UiError::Storage(StorageError::Conflict))
    }

    fn prepare(&self, cmds: Vec<Command>) -> Result<Vec<Sealed>, UiError> {
        let engine = self.engine.borrow();
        engine.prepare_all(cmds, uuid::Uuid::new_v4).map_err(|(_, e)| UiError::Rule(e))
    }

    fn commit(&self, sealed: Vec<Sealed>) -> u64 {
        let mut engine = self.engine.borrow_mut();
        engine.commit(sealed).expect("the lock keeps memory in step with storage");
        let last = engine.log().last_seq();
        drop(engine);
        self.announce(last);
        last
    }

    /// Read events other tabs stored after our last one.
    async fn pull(&self, db: &EventStore) -> Result<usize, StorageError> {
        let after = self.engine.borrow().log().last_seq();
        let records = db.read_after(after).await?;
        let mut engine = self.engine.borrow_mut();
        engine
            .extend_stored(records.iter().map(|r| (r.seq().unwrap_or(0), r.text())))
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
        let Ok(ch) = web_sys::BroadcastChannel::new(&format!("{}-events", self.db_name)) else { return };
        let store = Rc::downgrade(self);
        let handler = Closure::<dyn FnMut(web_sys::MessageEvent)>::new(move |e: web_sys::MessageEvent| {
            let Some(store) = store.upgrade() else { return };
            let on_change = on_change.clone();
            let reload = e.data().as_string().as_deref() == Some("reload");
            wasm_bindgen_futures::spawn_local(async move {
                if reload {
                    // Another tab merged or imported: events were renumbered; read them again.
                    let _guard = store.lock.lock().await;
                    store.load().await;
                    on_change.emit(1);
                } else if let Ok(n) = store.sync().await {
                    if n > 0 {
                        on_change.emit(n);
                    }
                }
            });
        });
        ch.set_onmessage(Some(handler.as_ref().unchecked_ref()));
        handler.forget();
        *self.channel.borrow_mut() = Some(ch);
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
    fn remember(&self, actor: &Actor, before: u64, after: u64, origin: Origin) {
        if after <= before {
            return;
        }
        // Only a single command is undone as one: a batch of commands (the demo season) is not.
        let step = {
            let engine = self.engine.borrow();
            let events = &engine.log().entries()[before as usize..after as usize];
            let single = events.iter().all(|e| e.command_id() == events[0].command_id());
            (single || origin != Origin::Command).then(|| Step { first: before + 1, last: after, id: events[0].id })
        };
        if let Some(step) = step {
            let mut book = self.undo_book.borrow_mut();
            book.record(actor, step, origin);
            book.save(&self.db_name);
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
        let before = self.engine.borrow().log().last_seq();
        let after = self.run_inner(cmds).await?;
        self.undo_book.borrow_mut().pop(actor, redo);
        // An undo can be redone; a redo can be undone again.
        self.remember(actor, before, after, if redo { Origin::Redo } else { Origin::Undo });
        Ok(after)
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
        match plan {
            ImportPlan::NothingNew => {}
            ImportPlan::Fresh { text, .. } => {
                if !self.engine.borrow().log().is_empty() {
                    return Err(ImportError::Storage(StorageError::Conflict));
                }
                let lines: Vec<&str> = text.lines().skip(1).filter(|l| !l.trim().is_empty()).collect();
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
                let backup = codec::export(self.engine.borrow().log());
                db.replace_after(plan.keep, &plan.sealed, &backup, js_sys::Date::now())
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
            book.save(&self.db_name);
        }
        *self.travel_cache.borrow_mut() = None;
        let last = self.engine.borrow().log().last_seq();
        self.announce_reload();
        Ok(last)
    }

    fn announce_reload(&self) {
        if let Some(ch) = self.channel.borrow().as_ref() {
            let _ = ch.post_message(&JsValue::from_str("reload"));
        }
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
        match self.travel {
            Some(seq) => View::Past(self.store.state_at(seq)),
            None => View::Live(self.store.engine()),
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
        let before = self.store.engine().log().last_seq();
        let result = self.store.run(cmds).await;
        match &result {
            Ok(seq) if *seq != before => self.dispatch.dispatch(Action::Changed(Some(Notice::Saved { seq: *seq }))),
            Ok(_) => {}
            // A retry may have pulled other tabs' events: show them even though ours failed.
            Err(_) if self.store.engine().log().last_seq() != before => self.dispatch.dispatch(Action::Changed(None)),
            Err(_) => {}
        }
        result
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
