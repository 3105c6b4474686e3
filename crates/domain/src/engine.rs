//! The log, the state and the projections kept in step.
//!
//! The browser uses the two halves separately: `prepare` (decide + seal) before the IndexedDB
//! transaction, `commit` after it has committed. Native callers use `execute`.
use uuid::Uuid;

use crate::command::{decide, Command};
use crate::envelope::EventEnvelope;
use crate::error::DomainError;
use crate::log::{AppendError, Log, NewEvent, Sealed};
use crate::state::{evolve, State};

#[derive(Debug, Clone, PartialEq, thiserror::Error)]
pub enum ExecuteError {
    #[error(transparent)]
    Rule(#[from] DomainError),
    #[error(transparent)]
    Append(#[from] AppendError),
}

#[derive(Debug, Clone, Default)]
pub struct Engine {
    log: Log,
    state: State,
}

impl Engine {
    pub fn new() -> Self {
        Self::default()
    }

    pub fn log(&self) -> &Log {
        &self.log
    }

    pub fn state(&self) -> &State {
        &self.state
    }

    /// Decide a command and seal its events after the current end of the log, changing nothing.
    /// `new_id` gives each event its id (uuid v4 in the app, a counter in tests).
    pub fn prepare(&self, cmd: Command, mut new_id: impl FnMut() -> Uuid) -> Result<Vec<Sealed>, DomainError> {
        let actor = cmd.actor.clone();
        let now = cmd.now;
        let events = decide(&self.state, cmd)?;
        let events = events.into_iter().map(|event| NewEvent { id: new_id(), event }).collect();
        Ok(self
            .log
            .seal(self.log.last_seq(), &actor, now, events)
            .expect("sealing at the log's own last sequence cannot be stale"))
    }

    /// Append sealed events (once they are stored) and apply them to the state.
    pub fn commit(&mut self, sealed: Vec<Sealed>) -> Result<&[EventEnvelope], AppendError> {
        let from = self.log.len();
        self.log.push_sealed(sealed)?;
        for env in &self.log.entries()[from..] {
            evolve(&mut self.state, env);
        }
        Ok(&self.log.entries()[from..])
    }

    /// Decide, append and apply. Returns the new envelopes.
    pub fn execute(&mut self, cmd: Command, new_id: impl FnMut() -> Uuid) -> Result<&[EventEnvelope], ExecuteError> {
        let sealed = self.prepare(cmd, new_id)?;
        Ok(self.commit(sealed)?)
    }

    /// Apply an envelope read from storage or another tab (already in the store).
    pub fn apply_stored(&mut self, env: EventEnvelope, line_hash: String) -> Result<(), AppendError> {
        self.log.push_stored(env, line_hash)?;
        let env = self.log.entries().last().expect("just pushed");
        evolve(&mut self.state, env);
        Ok(())
    }
}
