//! Judging recorded events by the domain's rules: could the domain have decided this event, at
//! this point of the log?
//!
//! This is authority, not integrity. The hash chain (`codec::import`, `Engine::restore`) proves
//! that a file is the one that was written, in order and complete; it says nothing about whether
//! whoever wrote it followed the rules — anyone can write a valid chain. Judging replays the
//! events and asks of each one, before it is applied, what `decide` would have asked of the
//! command that produced it: who recorded it ([`crate::authority`]), whether its values pass the
//! command's checks (lengths, URLs on the allowlist, dates, capacities), whether its entity exists
//! and is in the right state (`merge::check`), and two rules of the log itself:
//! [`not_backdated`] and [`within_command_limit`]. Each rule is one function, called both by the
//! commands and here.
use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

use crate::envelope::{Actor, EventEnvelope};
use crate::error::DomainError;
use crate::event::Event;
use crate::state::{evolve, State};

/// The most events one command may record. (The largest legitimate commands — a grid of booths,
/// approving a fair's requests at once, a tick expiring a day's holds — stay far below.)
pub const MAX_EVENTS_PER_COMMAND: usize = 5_000;

/// Rules of the log itself, as a code plus parameters.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, thiserror::Error, strum::IntoStaticStr)]
#[strum(serialize_all = "snake_case")]
#[serde(rename_all = "snake_case")]
pub enum LogRuleError {
    /// Recorded before the event it follows: time in a log never runs backwards.
    #[error("recorded at {recorded}, before the previous event ({previous})")]
    Backdated { previous: DateTime<Utc>, recorded: DateTime<Utc> },
    /// One command recorded more events than any command may.
    #[error("one command recorded more than {max} events")]
    CommandTooLarge { max: usize },
}

impl LogRuleError {
    pub fn field(&self) -> Option<&'static str> {
        None
    }
}

/// An event is recorded no earlier than the one before it. `Engine::prepare` records a command
/// whose clock is behind the log at the log's last time ([`recorded_time`]).
pub fn not_backdated(previous: Option<DateTime<Utc>>, recorded: DateTime<Utc>) -> Result<(), LogRuleError> {
    match previous {
        Some(previous) if recorded < previous => Err(LogRuleError::Backdated { previous, recorded }),
        _ => Ok(()),
    }
}

/// When a command decided at `now` is recorded: at `now`, or at the log's last time if the
/// clock that gave `now` is behind the log (another device's events merged in), so that the
/// events pass [`not_backdated`]. (The command is still decided at its own `now`.) Applied by
/// `decide_into` and `Engine::prepare`, which record what `decide` decides.
pub fn recorded_time(last: Option<DateTime<Utc>>, now: DateTime<Utc>) -> DateTime<Utc> {
    match last {
        Some(last) if not_backdated(Some(last), now).is_err() => last,
        _ => now,
    }
}

/// A command records at most [`MAX_EVENTS_PER_COMMAND`] events.
pub fn within_command_limit(events: usize) -> Result<(), LogRuleError> {
    if events > MAX_EVENTS_PER_COMMAND {
        Err(LogRuleError::CommandTooLarge { max: MAX_EVENTS_PER_COMMAND })
    } else {
        Ok(())
    }
}

/// Could `actor` have recorded `event` on `state`? Who may do it, its values, and the state of
/// its entity. (The log rules are [`Judge::admit`]'s.)
pub fn event(state: &State, actor: &Actor, event: &Event) -> Result<(), DomainError> {
    match event {
        Event::Fair(e) => crate::fair::recorded(state, actor, e)?,
        Event::Series(e) => crate::series::recorded(actor, e)?,
        Event::FloorPlan(e) => crate::floor_plan::recorded(actor, e)?,
        Event::Enterprise(e) => crate::enterprise::recorded(state, actor, e)?,
        Event::Post(e) => crate::post::recorded(state, actor, e)?,
        Event::Booking(e) => crate::booking::recorded(state, actor, e)?,
        Event::Host(e) => crate::host::recorded(state, actor, e)?,
        Event::Livestream(e) => crate::livestream::recorded(state, actor, e)?,
        Event::Merge(crate::merge::MergeEvent::ConflictResolved { .. }) => {
            crate::authority::not_host(actor.role, "ResolveConflict")?
        }
        // Whoever merges records the marker.
        Event::Merge(crate::merge::MergeEvent::LogMerged { .. }) => {}
    }
    crate::merge::check(state, event)
}

/// An event the domain could not have decided where it stands.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, thiserror::Error)]
#[error("event {seq} ({event}): {error}")]
pub struct Refused {
    /// Its sequence number (in a file: line `seq + 1`, after the header).
    pub seq: u64,
    /// The event's type, e.g. `BookingApproved`.
    pub event: String,
    /// The rule it broke.
    pub error: DomainError,
}

/// Follows a log event by event and judges each one before it is applied: the log rules (time,
/// command size) and [`event`]. The caller applies the admitted event to its state.
#[derive(Debug, Clone, Default)]
pub struct Judge {
    /// Skip [`not_backdated`] (see [`Judge::for_own_store`]).
    lenient_time: bool,
    last_at: Option<DateTime<Utc>>,
    /// The current command and how many events it has recorded so far.
    group: Option<(uuid::Uuid, usize)>,
}

impl Judge {
    /// At the start of a log.
    pub fn new() -> Self {
        Self::default()
    }

    /// After the events of `log` (already judged and applied).
    pub fn after(log: &[EventEnvelope]) -> Self {
        let Some(last) = log.last() else { return Self::new() };
        let id = last.command_id();
        let run = log.iter().rev().take_while(|e| e.command_id() == id).count();
        Judge { lenient_time: false, last_at: Some(last.recorded_at), group: Some((id, run)) }
    }

    /// For the app's own store (`Engine::restore`): every rule but [`not_backdated`]. Versions
    /// before that rule recorded a command at the device's clock even when merged events from a
    /// device whose clock was ahead came before it; such a store must keep opening. (An import
    /// and a merge apply the rule: a backdated event in a file is how it would win a contest.)
    pub fn for_own_store(self) -> Self {
        self.with_time_rule(false)
    }

    /// Apply [`not_backdated`] from here on, or not.
    pub fn with_time_rule(self, on: bool) -> Self {
        Judge { lenient_time: !on, ..self }
    }

    /// Could the domain have decided `env` on `state`, after the events this judge has seen?
    /// If so, the judge moves past it (the caller then applies it to `state`).
    pub fn admit(&mut self, state: &State, env: &EventEnvelope) -> Result<(), Refused> {
        let refuse = |error: DomainError| Refused { seq: env.seq, event: env.event.type_name().into(), error };
        if !self.lenient_time {
            not_backdated(self.last_at, env.recorded_at).map_err(|e| refuse(e.into()))?;
        }
        let n = match self.group {
            Some((id, n)) if id == env.command_id() => n + 1,
            _ => 1,
        };
        within_command_limit(n).map_err(|e| refuse(e.into()))?;
        event(state, &env.actor, &env.event).map_err(refuse)?;
        self.pass(env);
        Ok(())
    }

    /// Move past `env` without judging it (a replica forgives it a rule; see
    /// `privacy::Replica`).
    pub(crate) fn pass(&mut self, env: &EventEnvelope) {
        let n = match self.group {
            Some((id, n)) if id == env.command_id() => n + 1,
            _ => 1,
        };
        self.last_at = Some(env.recorded_at);
        self.group = Some((env.command_id(), n));
    }
}

/// Judge a whole log from the start: the state it adds up to, or the first refused event.
pub fn log<'a>(events: impl IntoIterator<Item = &'a EventEnvelope>) -> Result<State, Refused> {
    let mut judge = Judge::new();
    let mut state = State::default();
    for env in events {
        judge.admit(&state, env)?;
        evolve(&mut state, env);
    }
    Ok(state)
}
