//! The app's store: the domain engine (log + state) in memory, IndexedDB underneath, and the
//! other tabs beside it.
//!
//! One command: `Commander::run` decides it against the in-memory state (`Engine::prepare`),
//! writes the sealed events to IndexedDB in one transaction, and only after the commit appends
//! them to the in-memory log and state (`Engine::commit`), bumps the revision (Yew re-renders)
//! and tells other tabs over a BroadcastChannel. A refused command or a failed write leaves
//! memory and storage as they were.
pub mod idb;

use std::cell::{Ref, RefCell};
use std::rc::Rc;

use chrono::{DateTime, Utc};
use fairlog_domain::engine::RestoreProblem;
use fairlog_domain::log::Sealed;
use fairlog_domain::{Actor, Command, DomainError, Engine, Intent};
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
    /// IndexedDB could not be opened at all.
    Unavailable(String),
}

/// Why a command did not go through.
#[derive(Debug, Clone, PartialEq)]
pub enum UiError {
    Rule(DomainError),
    Storage(StorageError),
    ReadOnly,
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
        let db = match EventStore::open(&self.db_name).await {
            Ok(db) => Rc::new(db),
            Err(e) => return Phase::Unavailable(e.to_string()),
        };
        let records = match db.read_after(0).await {
            Ok(r) => r,
            Err(e) => return Phase::Unavailable(e.to_string()),
        };
        let (engine, problem) = Engine::restore(records.iter().map(|r| (r.seq().unwrap_or(0), r.text())));
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
        let db = self.db().filter(|_| self.writable.get()).ok_or(UiError::ReadOnly)?;
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
        let handler = Closure::<dyn FnMut(web_sys::MessageEvent)>::new(move |_e: web_sys::MessageEvent| {
            let Some(store) = store.upgrade() else { return };
            let on_change = on_change.clone();
            wasm_bindgen_futures::spawn_local(async move {
                if let Ok(n) = store.sync().await {
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
}

impl PartialEq for AppModel {
    fn eq(&self, other: &Self) -> bool {
        Rc::ptr_eq(&self.store, &other.store)
            && self.revision == other.revision
            && self.phase == other.phase
            && self.notice == other.notice
    }
}

pub enum Action {
    Loaded(Phase),
    Changed(Option<Notice>),
    Notice(Option<Notice>),
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
        }
        Rc::new(next)
    }
}

impl AppModel {
    pub fn new(store: Rc<Store>) -> Self {
        AppModel { store, revision: 0, phase: Phase::Loading, notice: None }
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
