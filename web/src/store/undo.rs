//! Undo and redo stacks, one pair per actor (role, name and whom they act for), kept in
//! localStorage next to the log so that they survive a reload and a role switch.
//!
//! Each step names its first event by sequence *and* id: a step whose event is no longer there
//! (the log was replaced by an import, or renumbered by a merge) is dropped when read back.
use fairlog_domain::history::{self, UndoError};
use fairlog_domain::{Actor, Command, EventEnvelope};
use serde::{Deserialize, Serialize};
use uuid::Uuid;

use super::{now, Store, UiError};

/// The first and last sequence of one command's events.
pub type Span = (u64, u64);

/// At most this many steps per stack are kept.
const MAX_STEPS: usize = 100;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct Step {
    pub first: u64,
    pub last: u64,
    /// The id of the event at `first`.
    pub id: Uuid,
}

impl Step {
    pub fn span(&self) -> Span {
        (self.first, self.last)
    }
    fn still_there(&self, events: &[EventEnvelope]) -> bool {
        // By sequence, not by position (a log started from a snapshot holds only later events).
        let at = events.partition_point(|e| e.seq < self.first);
        self.first >= 1
            && self.last >= self.first
            && events.last().is_some_and(|e| e.seq >= self.last)
            && events.get(at).is_some_and(|e| e.seq == self.first && e.id == self.id)
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
    pub fn is_own(&self, seq: u64) -> bool {
        self.own.iter().any(|s| s.first <= seq && seq <= s.last)
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

    /// Record a step of `actor` (a plain command clears the redo stack).
    pub fn record(&mut self, actor: &Actor, step: Step, origin: Origin) {
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
        let oldest = s.undo.iter().chain(&s.redo).map(|x| x.first).min().unwrap_or(u64::MAX);
        s.own.retain(|x| x.last >= oldest);
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
            let head = events.first();
            let single = events.iter().all(|e| Some(e.command_id()) == head.map(|h| h.command_id()));
            head.filter(|_| single || origin != Origin::Command).map(|h| Step { first, last, id: h.id })
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
}
