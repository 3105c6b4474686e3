//! The app's store: the domain engine (log + state) in memory, IndexedDB underneath, and the
//! other tabs beside it.
//!
//! One command: `Commander::run` decides it against the in-memory state (`Engine::prepare`),
//! writes the sealed events to IndexedDB in one transaction, and only after the commit appends
//! them to the in-memory log and state (`Engine::commit`), bumps the revision (Yew re-renders)
//! and tells other tabs over a BroadcastChannel. A refused command or a failed write leaves
//! memory and storage as they were.
//!
//! This file holds the store and its one write path (`run`); each other concern has a file:
//! `persistence` (IndexedDB load, pull, backups), `tabs` (BroadcastChannel), `undo` (undo and
//! redo), `travel` (time travel, kept only here), `import` (import and merge), `server` (server
//! mode: outbox, confirmed events, refusals), `model` (the Yew reducer and `Commander`).
pub mod idb;
mod import;
pub mod import_stream;
mod model;
mod persist;
mod persistence;
mod reload;
mod rest_of_app;
mod server;
pub mod snapshot;
mod tabs;
pub mod timing;
mod travel;
pub mod undo;

use std::cell::{Ref, RefCell};
use std::rc::Rc;

use self::travel::TimeTravel;
use self::undo::{Origin, UndoBook};
use chrono::{DateTime, Utc};
use fairlog_domain::engine::RestoreProblem;
use fairlog_domain::history::UndoError;
use fairlog_domain::{Command, DomainError, Engine, Receipt};
use futures::lock::Mutex;

pub use self::idb::{EventStore, StorageError, DB_NAME, KEEP_BACKUPS};
pub use self::import::{ImportError, ImportPlan};
pub use self::model::{use_app, use_commander, Action, AppModel, Commander, View};
pub use self::persist::Persistence;

use crate::sync::Replica;

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
    /// The connection was closed under this tab (another tab upgrades the database, or the
    /// browser closed it): nothing more is read or written until the page reloads.
    Closed,
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
    /// Opening found an import that did not finish (its tab closed) and removed its events.
    ImportCleaned,
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
    /// Time travel: the point shown and the past state computed for it.
    time_travel: TimeTravel,
    /// Server mode: the replica's pending commands, the state they leave, the sync status
    /// (`None`: the local-only app).
    replica: RefCell<Option<Replica>>,
    /// This account's server sends a filtered stream (see `use_server`).
    filtered: std::cell::Cell<bool>,
    /// The snapshot kept to start from (see `snapshot`).
    snapshots: snapshot::Snapshots,
    /// Whom to tell of a reload or a closed connection (`reload`).
    hooks: RefCell<reload::Hooks>,
    /// What the browser said about keeping the data, and whether asking is due (`persist`).
    persistence: std::cell::Cell<Persistence>,
    persist_due: std::cell::Cell<bool>,
}

pub(crate) use self::tabs::OUTBOX_CHANGED;
pub use self::undo::Span;

/// What `Store::run` did: the span it saved (`None`: the command changed nothing), the log's
/// last sequence after it, and how many events of other tabs a retry pulled in on the way.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Ran {
    pub saved: Option<Span>,
    pub last_seq: u64,
    pub pulled: usize,
}

/// What a write does when it finds the log replaced by another tab (after reading it again).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum AfterReplace {
    /// Decide the commands again on the new log (a plain command).
    DecideAgain,
    /// Say `Conflict` (an undo, which was planned on the old log).
    GiveUp,
}

/// A run that failed, and how many events of other tabs it pulled in before it did.
#[derive(Debug, Clone)]
pub struct Failed {
    pub error: UiError,
    pub pulled: usize,
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
            time_travel: TimeTravel::default(),
            replica: RefCell::new(None),
            filtered: std::cell::Cell::new(false),
            snapshots: snapshot::Snapshots::default(),
            hooks: RefCell::new(reload::Hooks::default()),
            persistence: std::cell::Cell::new(Persistence::Unknown),
            persist_due: std::cell::Cell::new(false),
        })
    }

    pub fn engine(&self) -> Ref<'_, Engine> {
        self.engine.borrow()
    }

    pub(super) fn db(&self) -> Option<Rc<EventStore>> {
        self.db.borrow().clone()
    }

    /// Decide, store, then apply. Says what was saved (from the engine's receipt) and how many
    /// events of other tabs arrived on the way (a retry pulls them), also when it fails. A
    /// single actor's command becomes a step of their undo.
    pub async fn run(&self, cmds: Vec<Command>) -> Result<Ran, Failed> {
        let actor = cmds.first().map(|c| c.actor.clone()).filter(|a| cmds.iter().all(|c| &c.actor == a));
        let ran = self.run_inner(cmds, AfterReplace::DecideAgain).await?;
        if let (Some(actor), Some(span)) = (actor, ran.saved) {
            self.remember(&actor, span, Origin::Command);
            self.stored_own_data();
        }
        Ok(ran)
    }

    /// Like `run`, for what the app does by itself (recording expired holds): not a step of
    /// anyone's to undo, and it leaves the redo stacks alone.
    pub async fn run_unrecorded(&self, cmds: Vec<Command>) -> Result<u64, UiError> {
        self.run_inner(cmds, AfterReplace::DecideAgain).await.map(|ran| ran.last_seq).map_err(|f| f.error)
    }

    /// Can anything be written now? Not after a bad record, and not while time-travelling.
    pub(super) fn may_write(&self) -> bool {
        self.writable.get() && self.travel().is_none()
    }

    pub(super) async fn run_inner(&self, cmds: Vec<Command>, after_replace: AfterReplace) -> Result<Ran, Failed> {
        if self.is_replica() {
            return match self.queue(cmds).await {
                Ok(last_seq) => Ok(Ran { saved: None, last_seq, pulled: 0 }),
                Err(error) => Err(Failed { error, pulled: 0 }),
            };
        }
        if self.connection_closed() {
            return Err(Failed { error: UiError::Storage(StorageError::Closed), pulled: 0 });
        }
        if self.db().is_none() || !self.may_write() {
            return Err(Failed { error: UiError::ReadOnly, pulled: 0 });
        }
        let _guard = self.lock.lock().await;
        // Tabs take turns writing (the store's transactions check its real end besides).
        let lock = self.write_lock();
        crate::sync::leader::exclusively(&lock, self.append_deciding(cmds, after_replace)).await
    }

    async fn append_deciding(&self, cmds: Vec<Command>, after_replace: AfterReplace) -> Result<Ran, Failed> {
        let fail = |error: UiError, pulled: usize| Failed { error, pulled };
        let mut pulled = 0;
        for attempt in 0..2 {
            // A reload (below) opens a new connection, and may find the store damaged.
            let db = self.db().filter(|_| self.may_write()).ok_or(fail(UiError::ReadOnly, pulled))?;
            let t0 = timing::now();
            let receipt = self.prepare(cmds.clone()).map_err(|e| fail(e, pulled))?;
            if receipt.is_empty() {
                return Ok(Ran { saved: None, last_seq: receipt.last_seq(), pulled });
            }
            let decided = timing::now() - t0;
            match db.append(&receipt.sealed).await {
                Ok(()) => {
                    let t2 = timing::now();
                    let saved = self.commit(receipt);
                    let t3 = timing::now();
                    timing::measure("fairlog:decide", t0, decided + (t3 - t2));
                    timing::measure("fairlog:command", t0, t3 - t0);
                    return Ok(Ran { saved, last_seq: self.last_seq(), pulled });
                }
                Err(StorageError::Conflict) if attempt == 0 => {
                    // Another tab wrote first: take its events, then decide again. If it replaced
                    // the log (a merge or an import), this tab reads it all again; an undo planned
                    // on the old log is not carried over to the new one.
                    match self.catch_up().await.map_err(|e| fail(UiError::Storage(e), pulled))? {
                        reload::CaughtUp::Pulled(n) => pulled += n,
                        reload::CaughtUp::Reloaded(_) => {
                            pulled += 1;
                            if after_replace == AfterReplace::GiveUp {
                                return Err(fail(UiError::Storage(StorageError::Conflict), pulled));
                            }
                        }
                    }
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
}

/// The current time, from the browser's clock.
pub fn now() -> DateTime<Utc> {
    DateTime::from_timestamp_millis(js_sys::Date::now() as i64).unwrap_or_default()
}
