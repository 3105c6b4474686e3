//! Commands and the one entry point that checks them: [`decide`].
use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

use crate::envelope::Actor;
use crate::error::DomainError;
use crate::event::Event;
use crate::fair::{self, FairCommand};
use crate::series::{self, SeriesCommand};
use crate::state::State;

/// A request to change something: plain data that carries who asks and when.
/// `decide` never reads a clock; `now` is the instant the user acted.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Command {
    pub actor: Actor,
    pub now: DateTime<Utc>,
    pub intent: Intent,
}

/// What is asked, one variant per concept.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Intent {
    Fair(FairCommand),
    Series(SeriesCommand),
}

impl From<FairCommand> for Intent {
    fn from(c: FairCommand) -> Self {
        Intent::Fair(c)
    }
}

impl From<SeriesCommand> for Intent {
    fn from(c: SeriesCommand) -> Self {
        Intent::Series(c)
    }
}

/// Check a command against the state and say what happened, or which rule it broke.
/// Pure and synchronous: same state and command, same answer. An empty `Ok` means "nothing to do".
pub fn decide(state: &State, cmd: Command) -> Result<Vec<Event>, DomainError> {
    let role = cmd.actor.role;
    match cmd.intent {
        Intent::Fair(c) => Ok(fair::decide(state, role, cmd.now, c)?.into_iter().map(Event::from).collect()),
        Intent::Series(c) => Ok(series::decide(state, role, c)?.into_iter().map(Event::from).collect()),
    }
}
