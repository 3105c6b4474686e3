//! A browser's partial replica: the filtered stream of one audience, replayed.
//!
//! The full log's checks do not all hold on a filtered stream: sequences have gaps (withheld
//! events) and a line's `prev` is the hash of the *stored* line before it, which the replica may
//! not hold. What a replica checks instead, on every line, in order:
//!
//! * its sequence is above the last one (strictly increasing, gaps allowed), and its key is its
//!   sequence;
//! * it parses (schema, upcasting) and its id is new;
//! * where the line before it is held (no gap), its `prev` is that line's link: the `redacted`
//!   hash when it was redacted, else the hash of the line itself; where the server said it
//!   looked up to the sequence before ([`Replica::scanned`]), its `prev` is the hash it gave.
//!   So runs without gaps are chained as in the full log; across a gap nothing can be checked
//!   (see docs/SYNC.md);
//! * the judge, as for the app's own store, except that a refusal is forgiven when the partial
//!   log cannot know better: the rule names an entity the replica does not hold (a `*not_found`
//!   code: the entity was withheld, or is a pseudonym), or the line is redacted and the rule is
//!   about a field the redaction emptied ([`super::REDACTED_FIELDS`]).
//!
//! Then the event is applied with `evolve`, as in the full log. Commands are decided locally on
//! the partial state ([`Replica::decide`]); the server decides them again on the full one.
use crate::command::Command;
use crate::engine::{Engine, RestoreProblem};
use crate::envelope::EventEnvelope;
use crate::error::DomainError;
use crate::event::Event;
use crate::state::State;

use super::REDACTED_FIELDS;

/// The replay itself is the engine's ([`Engine::extend_filtered_after`]); the replica adds the
/// cursor the server gave (`scanned`) past the last line held.
#[derive(Debug, Clone, Default)]
pub struct Replica {
    engine: Engine,
    /// How far the server said it looked past the last line held (`scanned`, `scanned_hash`).
    scanned: Option<(u64, String)>,
}

impl Replica {
    pub fn new() -> Self {
        Self::default()
    }

    /// Replay records `(key, line)` from the start; stops at the first bad one and says why.
    pub fn restore<S: AsRef<str>>(
        records: impl IntoIterator<Item = (u64, Option<S>)>,
    ) -> (Replica, Option<RestoreProblem>) {
        let mut r = Replica::new();
        let problem = r.extend(records).err();
        (r, problem)
    }

    /// The events held, in order (with gaps in their sequences).
    pub fn entries(&self) -> &[EventEnvelope] {
        self.engine.log().entries()
    }

    pub fn state(&self) -> &State {
        self.engine.state()
    }

    /// The server's sequence of the last line held (0 for none): the cursor to pull after.
    pub fn last_seq(&self) -> u64 {
        self.engine.log().last_seq()
    }

    /// The hash of the stored line at [`Replica::last_seq`] ("" for none): the `hash` to send
    /// with the cursor, so that a server whose log differs answers `sync.cursor_mismatch`.
    pub fn last_link(&self) -> &str {
        self.engine.log().last_hash()
    }

    /// The cursor to pull after and the `hash` to send with it: the last line held, or further
    /// when the server said it looked further ([`Replica::scanned`]). `(0, "")` at the start.
    pub fn cursor(&self) -> (u64, &str) {
        match &self.scanned {
            Some((seq, hash)) if *seq > self.last_seq() => (*seq, hash.as_str()),
            _ => (self.last_seq(), self.last_link()),
        }
    }

    /// The server looked as far as `seq` (a page's `scanned`, an SSE `scanned` event), whose
    /// stored line hashes to `hash`: the events up to it that were not sent are withheld. The next
    /// line must come after it, and chains to `hash` if it is the very next one. (Not stored by
    /// the replica: after a reload the cursor is the last line held, and the server looks again.)
    pub fn scanned(&mut self, seq: u64, hash: impl Into<String>) {
        if seq > self.cursor().0 {
            self.scanned = Some((seq, hash.into()));
        }
    }

    /// Decide a command on the partial state (the server decides it again on the full one).
    pub fn decide(&self, cmd: Command) -> Result<Vec<Event>, DomainError> {
        crate::command::decide(self.state(), cmd)
    }

    /// Apply filtered lines that follow what is held (a page of a pull, an event of the stream,
    /// a reload from storage). Stops at the first bad one, keeping those before it.
    pub fn extend<S: AsRef<str>>(
        &mut self,
        records: impl IntoIterator<Item = (u64, Option<S>)>,
    ) -> Result<usize, RestoreProblem> {
        let scanned = self.scanned.clone().filter(|(seq, _)| *seq > self.last_seq());
        let before = self.entries().len();
        let answer = self.engine.extend_filtered_after(scanned, records);
        if self.entries().len() > before {
            self.scanned = None;
        }
        answer
    }
}

/// A refusal the partial log cannot judge: about an entity it does not hold, or about a field a
/// redaction emptied.
pub(crate) fn forgiven(env: &EventEnvelope, error: &DomainError) -> bool {
    error.code().ends_with("not_found")
        || (env.redacted.is_some() && error.field().is_some_and(|f| REDACTED_FIELDS.contains(&f)))
}
