//! The Yew side of the store: one reducer holding a handle to the store and a revision number,
//! the view a component shows (live, pending or past), and the `Commander` that runs commands
//! and dispatches what they did. `reduce` only computes the next model: every change to the
//! store is made where the action is dispatched.
use std::cell::Ref;
use std::rc::Rc;

use fairlog_domain::{Actor, Command, Engine, Intent, State};
use yew::prelude::*;

use super::{now, ImportError, ImportPlan, Notice, Phase, Store, UiError};

#[derive(Clone)]
pub struct AppModel {
    pub store: Rc<Store>,
    /// Bumped after every change to the engine, so components that read it re-render.
    pub revision: u64,
    pub phase: Phase,
    pub notice: Option<Notice>,
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
    }
}

pub enum Action {
    Loaded(Phase),
    Changed(Option<Notice>),
    Notice(Option<Notice>),
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
        }
        Rc::new(next)
    }
}

impl AppModel {
    pub fn new(store: Rc<Store>) -> Self {
        AppModel { store, revision: 0, phase: Phase::Loading, notice: None }
    }

    /// Time travel: the app is shown as it was after this many events (read-only). The store
    /// keeps the point (`Store::travel`); a change of it bumps the revision.
    pub fn travel(&self) -> Option<u64> {
        self.store.travel()
    }

    /// The state to show: live, or the past point while time-travelling.
    pub fn view(&self) -> View<'_> {
        match (self.travel(), self.store.speculative()) {
            (Some(seq), _) => View::Past(self.store.state_at(seq)),
            (None, Some(pending)) => View::Past(pending),
            (None, None) => View::Live(self.store.engine()),
        }
    }

    /// Can the user change anything now? (Not while the store is damaged or time-travelling.)
    pub fn writable(&self) -> bool {
        self.phase == Phase::Ready && self.travel().is_none()
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
                self.ask_persistence_if_due();
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
            self.store.set_travel(None);
            self.dispatch.dispatch(Action::Changed(Some(Notice::Saved { seq: *seq })));
            self.ask_persistence_if_due();
        }
        result
    }

    /// The first own data was just stored: ask the browser to keep it (once), then show what
    /// it said.
    fn ask_persistence_if_due(&self) {
        if self.store.take_persist_due() {
            self.ask_persistence();
        }
    }

    /// Delete a merge backup the user no longer wants; the page shows the list again.
    pub async fn delete_backup(&self, key: f64) -> Result<(), super::StorageError> {
        let result = self.store.delete_backup(key).await;
        self.dispatch.dispatch(Action::Refresh);
        result
    }

    /// Ask the browser to keep the data (also when the user asks again), then show its answer.
    pub fn ask_persistence(&self) {
        let (store, dispatch) = (Rc::clone(&self.store), self.dispatch.clone());
        yew::platform::spawn_local(async move {
            store.ask_persistence().await;
            dispatch.dispatch(Action::Refresh);
        });
    }

    /// Import a file into the empty store as a stream (see `store::import_stream`).
    pub async fn import_stream(
        &self,
        file: &web_sys::Blob,
        progress: impl Fn(super::import_stream::Progress),
        cancel: super::import_stream::CancelFlag,
    ) -> Result<u64, ImportError> {
        let result = self.store.import_stream(file, progress, cancel).await;
        if let Ok(seq) = &result {
            self.store.set_travel(None);
            self.dispatch.dispatch(Action::Changed(Some(Notice::Saved { seq: *seq })));
        }
        result
    }

    /// Travel to a point of the history (`None`: back to now): the store keeps the point, the
    /// reducer re-renders.
    /// Show the app as it was after `seq` events (`None`: now). Time travel needs every event: a
    /// store started from a snapshot reads the earlier ones first.
    pub fn travel(&self, seq: Option<u64>) {
        if seq.is_some() && !self.store.is_complete() {
            let this = self.clone();
            wasm_bindgen_futures::spawn_local(async move {
                let _ = this.store.ensure_complete().await;
                this.store.set_travel(seq);
                this.dispatch.dispatch(Action::Refresh);
            });
            return;
        }
        self.store.set_travel(seq);
        self.dispatch.dispatch(Action::Refresh);
    }

    /// Render again (the store changed outside a command).
    pub fn refresh(&self) {
        self.dispatch.dispatch(Action::Refresh);
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
