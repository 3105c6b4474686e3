//! Undo and redo stacks, one pair per actor (role, name and whom they act for), kept in
//! localStorage next to the log so that they survive a reload and a role switch.
//!
//! Each step names its first event by sequence *and* id: a step whose event is no longer there
//! (the log was replaced by an import, or renumbered by a merge) is dropped when read back.
use fairlog_domain::{Actor, EventEnvelope};
use serde::{Deserialize, Serialize};
use uuid::Uuid;

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
        self.first >= 1
            && self.last >= self.first
            && (self.last as usize) <= events.len()
            && events[self.first as usize - 1].id == self.id
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
