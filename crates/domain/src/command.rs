//! Commands and the one entry point that checks them: [`decide`].
use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

use crate::booking::{self, BookingCommand};
use crate::enterprise::{self, EnterpriseCommand};
use crate::envelope::{Actor, EventEnvelope, SCHEMA_VERSION};
use crate::error::DomainError;
use crate::event::Event;
use crate::fair::{self, FairCommand};
use crate::floor_plan::{self, FloorPlanCommand};
use crate::host::{self, HostCommand};
use crate::livestream::{self, LivestreamCommand};
use crate::post::{self, PostCommand};
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
    FloorPlan(FloorPlanCommand),
    Enterprise(EnterpriseCommand),
    Post(PostCommand),
    Booking(BookingCommand),
    Merge(crate::merge::MergeCommand),
    Host(HostCommand),
    Livestream(LivestreamCommand),
}

impl From<FairCommand> for Intent {
    fn from(c: FairCommand) -> Self {
        Intent::Fair(c)
    }
}

macro_rules! from_concept {
    ($($t:ty => $v:ident),*) => {$(
        impl From<$t> for Intent {
            fn from(c: $t) -> Self { Intent::$v(c) }
        }
    )*};
}

from_concept!(SeriesCommand => Series, FloorPlanCommand => FloorPlan, EnterpriseCommand => Enterprise, PostCommand => Post, BookingCommand => Booking, crate::merge::MergeCommand => Merge);
from_concept!(HostCommand => Host, LivestreamCommand => Livestream);

/// Check a command against the state and say what happened, or which rule it broke.
/// Pure and synchronous: same state and command, same answer. An empty `Ok` means "nothing to do".
pub fn decide(state: &State, cmd: Command) -> Result<Vec<Event>, DomainError> {
    let events = decide_concept(state, cmd)?;
    crate::judge::within_command_limit(events.len())?;
    Ok(events)
}

fn decide_concept(state: &State, cmd: Command) -> Result<Vec<Event>, DomainError> {
    let role = cmd.actor.role;
    match cmd.intent {
        Intent::Fair(c) => Ok(fair::decide(state, role, cmd.now, c)?.into_iter().map(Event::from).collect()),
        Intent::Series(c) => Ok(series::decide(state, role, c)?.into_iter().map(Event::from).collect()),
        Intent::FloorPlan(c) => Ok(floor_plan::decide(state, &cmd.actor, c)?.into_iter().map(Event::from).collect()),
        Intent::Enterprise(c) => Ok(enterprise::decide(state, &cmd.actor, c)?.into_iter().map(Event::from).collect()),
        Intent::Post(c) => Ok(post::decide(state, &cmd.actor, c)?.into_iter().map(Event::from).collect()),
        Intent::Merge(c) => Ok(crate::merge::decide(state, &cmd.actor, c)?.into_iter().map(Event::from).collect()),
        Intent::Booking(c) => {
            Ok(booking::decide(state, &cmd.actor, cmd.now, c)?.into_iter().map(Event::from).collect())
        }
        Intent::Host(c) => Ok(host::decide(state, &cmd.actor, c)?.into_iter().map(Event::from).collect()),
        Intent::Livestream(c) => {
            Ok(livestream::decide(state, &cmd.actor, cmd.now, c)?.into_iter().map(Event::from).collect())
        }
    }
}

/// Decide, and apply the accepted events to `state` (the caller's copy, which it keeps), each
/// once, as they will be recorded: numbered after `state.last_seq`, recorded at the command's
/// `now` by its actor. (`evolve` reads only the sequence, the time, the actor and the event, never
/// the id or the hash chain that sealing adds.) On a refusal `state` is left as it was.
pub fn decide_into(state: &mut State, cmd: Command) -> Result<Vec<Event>, DomainError> {
    let (actor, now) = (cmd.actor.clone(), cmd.now);
    // Decided at `now`, recorded no earlier than the last event (time in a log never runs
    // backwards: `judge::recorded_time`).
    let recorded_at = crate::judge::recorded_time(state.last_recorded_at, now);
    let events = match cmd.intent {
        // A booking decision chains events (an expiry frees a booth that is offered on) and so
        // already applies each one as it goes: keep that state.
        Intent::Booking(c) => {
            let (events, after) = booking::decide_on(state.clone(), &actor, now, c)?;
            crate::judge::within_command_limit(events.len())?;
            *state = after;
            return Ok(events.into_iter().map(Event::from).collect());
        }
        intent => decide(state, Command { actor: actor.clone(), now, intent })?,
    };
    for event in &events {
        let env = EventEnvelope {
            id: uuid::Uuid::nil(),
            seq: state.last_seq + 1,
            recorded_at,
            actor: actor.clone(),
            schema: SCHEMA_VERSION,
            prev: String::new(),
            cmd: None,
            event: event.clone(),
            redacted: None,
        };
        crate::state::evolve(state, &env);
    }
    Ok(events)
}
