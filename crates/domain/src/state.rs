//! The current state, built by applying events in order.
//!
//! Maps are `imbl` persistent maps: applying an event changes the state in place, and a clone
//! (a time-travel snapshot, a view kept by the UI) costs O(1) and shares structure.
use imbl::OrdMap;

use crate::envelope::EventEnvelope;
use crate::event::Event;
use crate::fair::{self, Fair};
use crate::ids::{FairId, SeriesId};
use crate::series::{self, Series};

#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct State {
    pub fairs: OrdMap<FairId, Fair>,
    pub series: OrdMap<SeriesId, Series>,
    /// Sequence of the last event applied (0 for none).
    pub last_seq: u64,
}

impl State {
    /// Build a state from scratch by applying every event in order.
    pub fn replay<'a>(events: impl IntoIterator<Item = &'a EventEnvelope>) -> State {
        let mut s = State::default();
        for e in events {
            evolve(&mut s, e);
        }
        s
    }
}

/// Apply one event. Total: an event is a fact, so nothing here can fail; an event about an
/// entity the state does not know changes nothing.
pub fn evolve(state: &mut State, env: &EventEnvelope) {
    match &env.event {
        Event::Fair(e) => fair::evolve(state, env, e),
        Event::Series(e) => series::evolve(state, env, e),
    }
    state.last_seq = env.seq;
}
