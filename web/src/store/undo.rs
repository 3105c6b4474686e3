//! Undo and redo stacks, one pair per actor (role, name and whom they act for), kept in
//! localStorage next to the log so that they survive a reload and a role switch.
//!
//! Each step names its first and last event by id, never by sequence: a sequence says nothing
//! once another tab's merge renumbered the log, an id still names the same event or none. A
//! step whose events are no longer in the log is dropped when read back; the stacks are cleared
//! when the log is replaced (a merge or an import, here or in another tab: `reload`).
use fairlog_domain::history::{self, UndoError};
use fairlog_domain::{Actor, Command, EventEnvelope};
use serde::{Deserialize, Serialize};
use uuid::Uuid;

use super::{now, Store, UiError};

/// The first and last sequence of one command's events.
pub type Span = (u64, u64);

/// At most this many steps per stack are kept.
const MAX_STEPS: usize = 100;

/// One command's events, by the ids of the first and the last.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct Step {
    pub first: Uuid,
    pub last: Uuid,
}

impl Step {
    /// Where the step's events are in `events` now (`None`: not there, or not in order).
    /// Steps are recent, so the search starts from the end.
    pub fn span_in(&self, events: &[EventEnvelope]) -> Option<Span> {
        let last = events.iter().rposition(|e| e.id == self.last)?;
        let first = events[..=last].iter().rposition(|e| e.id == self.first)?;
        Some((events[first].seq, events[last].seq))
    }
    fn still_there(&self, events: &[EventEnvelope]) -> bool {
        self.span_in(events).is_some()
    }
}

#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Stacks {
    pub undo: Vec<Step>,
    pub redo: Vec<Step>,
    /// Every command this actor made here (plain, undo or redo). When the top of a stack is
    /// undone, every one of these after it has already been undone (it sat above it) or is the
    /// compensation of such a step, so they do not count as "changed afterwards".
    pub own: Vec<Step>,
}

impl Stacks {
    /// The spans of the actor's own commands, where they are in `events` now.
    pub fn own_spans(&self, events: &[EventEnvelope]) -> Vec<Span> {
        self.own.iter().filter_map(|s| s.span_in(events)).collect()
    }
}

/// Whether a new step comes from a plain command, an undo or a redo.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Origin {
    Command,
    Undo,
    Redo,
}

#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct UndoBook {
    actors: Vec<(Actor, Stacks)>,
}

impl UndoBook {
    pub fn stacks(&self, actor: &Actor) -> Option<&Stacks> {
        self.actors.iter().find(|(a, _)| a == actor).map(|(_, s)| s)
    }

    fn stacks_mut(&mut self, actor: &Actor) -> &mut Stacks {
        let i = match self.actors.iter().position(|(a, _)| a == actor) {
            Some(i) => i,
            None => {
                self.actors.push((actor.clone(), Stacks::default()));
                self.actors.len() - 1
            }
        };
        &mut self.actors[i].1
    }

    /// Record a step of `actor` (a plain command clears the redo stack); `events` is the log
    /// with the step in it.
    pub fn record(&mut self, actor: &Actor, step: Step, origin: Origin, events: &[EventEnvelope]) {
        let s = self.stacks_mut(actor);
        match origin {
            Origin::Command => {
                s.undo.push(step);
                s.redo.clear();
            }
            Origin::Undo => s.redo.push(step),
            Origin::Redo => s.undo.push(step),
        }
        s.own.push(step);
        for stack in [&mut s.undo, &mut s.redo] {
            if stack.len() > MAX_STEPS {
                stack.drain(..stack.len() - MAX_STEPS);
            }
        }
        // Own steps before the oldest step still on a stack no longer matter.
        let first_seq = |x: &Step| x.span_in(events).map(|(first, _)| first);
        let oldest = s.undo.iter().chain(&s.redo).filter_map(first_seq).min().unwrap_or(u64::MAX);
        s.own.retain(|x| x.span_in(events).is_some_and(|(_, last)| last >= oldest));
    }

    /// Take the top step off a stack (after it was undone or redone).
    pub fn pop(&mut self, actor: &Actor, redo: bool) {
        let s = self.stacks_mut(actor);
        if redo {
            s.redo.pop();
        } else {
            s.undo.pop();
        }
    }

    /// Drop the steps whose events are no longer in `events`.
    pub fn keep_valid(&mut self, events: &[EventEnvelope]) {
        for (_, s) in &mut self.actors {
            for stack in [&mut s.undo, &mut s.redo, &mut s.own] {
                stack.retain(|x| x.still_there(events));
            }
        }
        self.actors.retain(|(_, s)| !s.undo.is_empty() || !s.redo.is_empty());
    }

    pub fn clear(&mut self) {
        self.actors.clear();
    }

    fn key(db_name: &str) -> String {
        format!("fairlog.undo.{db_name}")
    }

    /// Read back the stacks saved for the database `db_name`, keeping the steps still in `events`.
    pub fn load(db_name: &str, events: &[EventEnvelope]) -> UndoBook {
        let mut book: UndoBook = local_storage()
            .and_then(|s| s.get_item(&Self::key(db_name)).ok().flatten())
            .and_then(|t| serde_json::from_str(&t).ok())
            .unwrap_or_default();
        book.keep_valid(events);
        book
    }

    pub fn save(&self, db_name: &str) {
        if let (Some(s), Ok(text)) = (local_storage(), serde_json::to_string(self)) {
            let _ = s.set_item(&Self::key(db_name), &text);
        }
    }
}

fn local_storage() -> Option<web_sys::Storage> {
    web_sys::window()?.local_storage().ok()?
}

// ---------------------------------------------------------------------------------------------
// The store's side: remembering each actor's commands and undoing them as new events.

impl Store {
    /// Remember a command of `actor` for undo (a new command clears the redo stack).
    pub(super) fn remember(&self, actor: &Actor, span: Span, origin: Origin) {
        let (first, last) = span;
        // Only a single command is undone as one: a batch of commands (the demo season) is not.
        let step = {
            let engine = self.engine.borrow();
            let events = engine.log().between(first, last);
            let (Some(head), Some(tail)) = (events.first(), events.last()) else { return };
            let single = events.iter().all(|e| e.command_id() == head.command_id());
            (single || origin != Origin::Command).then_some(Step { first: head.id, last: tail.id })
        };
        if let Some(step) = step {
            let engine = self.engine.borrow();
            let mut book = self.undo_book.borrow_mut();
            book.record(actor, step, origin, engine.log().entries());
            book.save(&self.db_name.borrow());
        }
    }

    /// The command undo would reverse, and redo would re-apply, for `actor`.
    pub fn undo_redo_heads(&self, actor: &Actor) -> (Option<Span>, Option<Span>) {
        let book = self.undo_book.borrow();
        let engine = self.engine.borrow();
        let events = engine.log().entries();
        let s = book.stacks(actor);
        let head = |stack: &Vec<Step>| stack.last().and_then(|step| step.span_in(events));
        (s.and_then(|s| head(&s.undo)), s.and_then(|s| head(&s.redo)))
    }

    /// The commands that would undo (or, with `redo`, redo) `actor`'s last step, checked by the
    /// domain without writing anything; or why it cannot be done.
    pub fn undo_plan(&self, actor: &Actor, redo: bool) -> Result<Vec<Command>, UiError> {
        let book = self.undo_book.borrow();
        let stacks = book.stacks(actor).ok_or(UiError::Undo(UndoError::Nothing))?;
        let top = if redo { stacks.redo.last() } else { stacks.undo.last() };
        let engine = self.engine.borrow();
        let events = engine.log().entries();
        let (first, last) =
            top.ok_or(UiError::Undo(UndoError::Nothing))?.span_in(events).ok_or(UiError::Undo(UndoError::Nothing))?;
        let own = stacks.own_spans(events);
        let ignore = |seq: u64| own.iter().any(|(a, b)| *a <= seq && seq <= *b);
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
        let ran = self.run_inner(cmds, super::AfterReplace::GiveUp).await.map_err(|f| f.error)?;
        self.undo_book.borrow_mut().pop(actor, redo);
        // An undo can be redone; a redo can be undone again.
        if let Some(span) = ran.saved {
            self.remember(actor, span, if redo { Origin::Redo } else { Origin::Undo });
        }
        Ok(ran.last_seq)
    }
}
