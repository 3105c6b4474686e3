//! Time travel: the point the app is shown at (read-only) and the state there. Kept here only;
//! `AppModel` asks the store (`AppModel::travel`).
use std::cell::{Cell, RefCell};
use std::rc::Rc;

use fairlog_domain::State;

use super::Store;

/// Where the app is shown while time-travelling, and the last past state computed.
#[derive(Default)]
pub(super) struct TimeTravel {
    /// The point the app is shown at: nothing is written meanwhile.
    point: Cell<Option<u64>>,
    /// The last state computed for time travel.
    cache: RefCell<Option<(u64, Rc<State>)>>,
}

impl TimeTravel {
    /// The log changed under the cached states (server events, a merge, an import).
    pub(super) fn forget_states(&self) {
        *self.cache.borrow_mut() = None;
    }
}

impl Store {
    /// The point the app is shown at (`None`: now).
    pub fn travel(&self) -> Option<u64> {
        self.time_travel.point.get()
    }

    /// Show the app as it was after `seq` events (`None`: now). Returns the point kept: a point
    /// at or past the last event is now.
    pub fn set_travel(&self, seq: Option<u64>) -> Option<u64> {
        let last = self.engine.borrow().log().last_seq();
        let seq = seq.filter(|s| *s < last);
        self.time_travel.point.set(seq);
        seq
    }

    /// The state after the first `seq` events (time travel), cached for the current point.
    pub fn state_at(&self, seq: u64) -> Rc<State> {
        if let Some((s, st)) = self.time_travel.cache.borrow().as_ref() {
            if *s == seq {
                return Rc::clone(st);
            }
        }
        let st = Rc::new(self.engine.borrow().state_at(seq));
        *self.time_travel.cache.borrow_mut() = Some((seq, Rc::clone(&st)));
        st
    }
}
