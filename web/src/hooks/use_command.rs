//! `use_command`: the one way a page or component sends commands.
//!
//! The handle runs one or several intents as the current session's actor (now, in one
//! transaction), owns the busy flag (a second submit while one is running does nothing), keeps
//! the domain's refusal as a [`Problem`] (field + text) and leaves the notice to the store's
//! notice mechanism (`Commander::run_all` shows "saved", "queued"...).
use std::cell::Cell;
use std::rc::Rc;

use fairlog_domain::{Actor, Command, Intent};
use yew::prelude::*;

use crate::i18n::Lang;
use crate::organizer_ui::Problem;
use crate::session::use_prefs;
use crate::store::{now, use_commander, Action, Commander, Notice, UiError};

/// What a run came to: the log's last sequence, or why the commands were refused.
pub type Outcome = Result<u64, UiError>;

/// Sends commands for one form (or one row of buttons). Cheap to clone.
#[derive(Clone)]
pub struct CommandHandle {
    commander: Commander,
    actor: Actor,
    lang: Lang,
    /// For rendering (`disabled={cmd.busy()}`).
    busy: UseStateHandle<bool>,
    /// The guard itself: set at once, so a second click before the re-render does nothing.
    running: Rc<Cell<bool>>,
    problem: UseStateHandle<Option<Problem>>,
}

impl PartialEq for CommandHandle {
    fn eq(&self, other: &Self) -> bool {
        self.commander == other.commander
            && self.actor == other.actor
            && self.lang == other.lang
            && *self.busy == *other.busy
            && *self.problem == *other.problem
    }
}

impl CommandHandle {
    /// A command of this handle is running.
    pub fn busy(&self) -> bool {
        self.running.get()
    }

    /// The last refusal (cleared when a run succeeds).
    pub fn problem(&self) -> &Option<Problem> {
        &self.problem
    }

    /// The last refusal's text.
    pub fn problem_text(&self) -> Option<String> {
        self.problem.as_ref().map(|p| p.text.clone())
    }

    /// The problem's state, for a form that sets it itself (a value that is not a number).
    pub fn problem_handle(&self) -> UseStateHandle<Option<Problem>> {
        self.problem.clone()
    }

    /// Show a problem found before sending (a field that is not a number...), or clear it.
    pub fn set_problem(&self, problem: Option<Problem>) {
        self.problem.set(problem);
    }

    /// The actor the commands are sent as.
    pub fn actor(&self) -> &Actor {
        &self.actor
    }

    pub fn lang(&self) -> Lang {
        self.lang
    }

    /// The store's commander (for reading the engine, e.g. to check a form before sending).
    pub fn commander(&self) -> &Commander {
        &self.commander
    }

    /// Run one intent; see [`CommandHandle::run_all`].
    pub fn run(&self, intent: impl Into<Intent>, done: impl FnOnce(&Outcome) + 'static) {
        self.run_all(vec![intent.into()], done);
    }

    /// Run several intents as the session's actor, now, in one transaction. Does nothing while
    /// a run of this handle is going on. Keeps the refusal as the problem (a success clears it),
    /// then calls `done` with the outcome.
    pub fn run_all(&self, intents: Vec<Intent>, done: impl FnOnce(&Outcome) + 'static) {
        let at = now();
        let cmds = intents.into_iter().map(|intent| Command { actor: self.actor.clone(), now: at, intent }).collect();
        self.run_commands(cmds, done);
    }

    /// Run commands that say their own actor and time (the demo season).
    pub fn run_commands(&self, cmds: Vec<Command>, done: impl FnOnce(&Outcome) + 'static) {
        if self.running.get() {
            return;
        }
        self.running.set(true);
        self.busy.set(true);
        let this = self.clone();
        yew::platform::spawn_local(async move {
            let outcome = this.commander.run_all(cmds).await;
            match &outcome {
                Ok(_) => this.problem.set(None),
                Err(e) => this.problem.set(Some(Problem::of(this.lang, e))),
            }
            this.running.set(false);
            this.busy.set(false);
            done(&outcome);
        });
    }

    /// Undo (or, with `redo`, redo) the session's actor's last step, as new compensating
    /// events; the notice bar says what happened (`Commander::undo`). Does nothing while busy.
    pub fn undo(&self, redo: bool) {
        if self.running.get() {
            return;
        }
        self.running.set(true);
        self.busy.set(true);
        let this = self.clone();
        yew::platform::spawn_local(async move {
            let outcome = this.commander.undo(&this.actor, redo).await;
            match &outcome {
                Ok(_) => this.problem.set(None),
                Err(e) => this.problem.set(Some(Problem::of(this.lang, e))),
            }
            this.running.set(false);
            this.busy.set(false);
        });
    }

    /// Record what the app does by itself (expired holds): no notice, nobody's step to undo
    /// (`Store::run_unrecorded`), no busy flag shown; the app re-renders only if the log
    /// changed. A refusal or a failed write is left for the next try.
    pub fn record_quietly(&self, intent: impl Into<Intent>) {
        if self.running.get() {
            return;
        }
        self.running.set(true);
        let cmd = Command { actor: self.actor.clone(), now: now(), intent: intent.into() };
        let this = self.clone();
        yew::platform::spawn_local(async move {
            let store = &this.commander.store;
            let before = store.engine().log().last_seq();
            let _ = store.run_unrecorded(vec![cmd]).await;
            if store.engine().log().last_seq() != before {
                this.commander.dispatch.dispatch(Action::Changed(None));
            }
            this.running.set(false);
        });
    }

    /// Show a refusal in the notice bar as well (for buttons that have no place of their own).
    pub fn notice_failure(&self, outcome: &Outcome) {
        if let Err(e) = outcome {
            self.commander.notice(Some(Notice::Failed(e.clone())));
        }
    }
}

/// A handle that sends commands as the current session's actor.
#[hook]
pub fn use_command() -> CommandHandle {
    let prefs = use_prefs();
    let commander = use_commander();
    let busy = use_state(|| false);
    let running = (*use_state(|| Rc::new(Cell::new(false)))).clone();
    let problem = use_state(|| None::<Problem>);
    CommandHandle { commander, actor: prefs.session.actor(), lang: prefs.lang, busy, running, problem }
}
