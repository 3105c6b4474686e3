//! The append-only log.
use std::collections::HashSet;

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};
use uuid::Uuid;

use crate::envelope::{Actor, EventEnvelope, SCHEMA_VERSION};
use crate::event::Event;

/// An event about to be appended, with the id its producer chose.
#[derive(Debug, Clone, PartialEq)]
pub struct NewEvent {
    pub id: Uuid,
    pub event: Event,
}

/// An envelope ready to be stored, with its JSON line (the bytes the hash chain covers).
#[derive(Debug, Clone, PartialEq)]
pub struct Sealed {
    pub envelope: EventEnvelope,
    pub line: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, thiserror::Error)]
#[serde(rename_all = "snake_case")]
pub enum AppendError {
    /// Someone appended since the caller read the log (another tab, a merge).
    #[error("the log moved on: expected last sequence {expected}, it is {actual}")]
    StaleSequence { expected: u64, actual: u64 },
    /// A pre-sealed envelope does not continue the log (wrong sequence or previous hash).
    #[error("event {seq} does not continue the log")]
    Discontinuous { seq: u64 },
    /// The log already holds an event with this id (ids are unique in a log).
    #[error("event {seq} repeats an id the log already holds")]
    DuplicateId { seq: u64 },
}

/// Lower-case hex SHA-256 of a stored line.
pub fn hash_line(line: &str) -> String {
    let digest = Sha256::digest(line.as_bytes());
    let mut s = String::with_capacity(64);
    for b in digest {
        use std::fmt::Write;
        let _ = write!(s, "{b:02x}");
    }
    s
}

/// The stored JSON line of an envelope.
pub fn to_line(env: &EventEnvelope) -> String {
    serde_json::to_string(env).expect("envelopes always serialize")
}

/// Number `events` from `last_seq + 1` and chain them after `last_hash`. Ids repeated within
/// the batch are kept once.
pub fn seal_after(
    last_seq: u64,
    last_hash: &str,
    actor: &Actor,
    recorded_at: DateTime<Utc>,
    events: Vec<NewEvent>,
) -> Vec<Sealed> {
    let mut prev = last_hash.to_owned();
    let mut seq = last_seq;
    let mut seen = HashSet::new();
    let mut out = Vec::with_capacity(events.len());
    let mut first: Option<Uuid> = None;
    for e in events {
        if !seen.insert(e.id) {
            continue;
        }
        seq += 1;
        let envelope = EventEnvelope {
            id: e.id,
            seq,
            recorded_at,
            actor: actor.clone(),
            schema: SCHEMA_VERSION,
            prev: std::mem::take(&mut prev),
            cmd: first,
            event: e.event,
            redacted: None,
        };
        first.get_or_insert(e.id);
        let line = to_line(&envelope);
        prev = hash_line(&line);
        out.push(Sealed { envelope, line });
    }
    out
}

/// A point in a log: the sequence and stored hash of an event, and how many events the log holds
/// up to it (the same as the sequence in a whole log; fewer in a filtered one). The default is
/// the start (`0`, `""`, `0`).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Cursor {
    pub seq: u64,
    pub hash: String,
    pub events: u64,
}

/// Ordered envelopes plus the set of their ids and the hash of each stored line (computed from
/// the exact line as it was stored or read, never from a re-serialisation, so that a line written
/// by another program — another key order, `+00:00` for `Z` — chains as it is).
#[derive(Debug, Clone, Default)]
pub struct Log {
    /// Where the entries start: a log restored from a snapshot holds only the events after it
    /// (the earlier ones stay in storage until [`Log::prepend`] loads them).
    base: Cursor,
    entries: Vec<EventEnvelope>,
    ids: HashSet<Uuid>,
    /// `hashes[i]`: the hash of entry `i`'s stored line.
    hashes: Vec<String>,
    last_hash: String,
}

impl Log {
    pub fn new() -> Self {
        Self::default()
    }

    /// A log whose entries start after `base` (the point a snapshot covers); the events up to it
    /// are not held. Ids of those events are not known either, so an append repeating one of them
    /// is not recognised as a retry (a retry of a command that old carries a stale sequence and
    /// is refused anyway).
    pub fn starting_after(base: Cursor) -> Self {
        Log { last_hash: base.hash.clone(), base, ..Self::default() }
    }

    /// Where the entries start (the start of the log for a whole one).
    pub fn base(&self) -> &Cursor {
        &self.base
    }

    /// Does the log hold every event from the first? (Not when restored from a snapshot.)
    pub fn is_complete(&self) -> bool {
        self.base.seq == 0
    }

    /// The point after the last event.
    pub fn cursor(&self) -> Cursor {
        Cursor { seq: self.last_seq(), hash: self.last_hash.clone(), events: self.count() }
    }

    /// How many events the log has, held or not (the events before the base and the entries).
    pub fn count(&self) -> u64 {
        self.base.events + self.entries.len() as u64
    }

    /// The held event with this sequence, if any (for a log that starts after a base or has gaps,
    /// where `entries()[seq - 1]` is not it).
    pub fn get(&self, seq: u64) -> Option<&EventEnvelope> {
        let i = self.entries.partition_point(|e| e.seq < seq);
        self.entries.get(i).filter(|e| e.seq == seq)
    }

    /// The held events with sequences in `from..=to`.
    pub fn between(&self, from: u64, to: u64) -> &[EventEnvelope] {
        let a = self.entries.partition_point(|e| e.seq < from);
        let b = self.entries.partition_point(|e| e.seq <= to).max(a);
        &self.entries[a..b]
    }

    /// Put the events before the base in front (loaded on demand: time travel, history, merge,
    /// export need them). `earlier` must be a whole log ending exactly at the base.
    pub fn prepend(&mut self, earlier: Log) -> Result<(), AppendError> {
        if !earlier.is_complete() || earlier.cursor() != self.base {
            return Err(AppendError::Discontinuous { seq: earlier.last_seq() });
        }
        if self.entries.iter().any(|e| earlier.ids.contains(&e.id)) {
            return Err(AppendError::DuplicateId { seq: self.base.seq });
        }
        let Log { entries, ids, hashes, .. } = earlier;
        self.entries.splice(0..0, entries);
        self.hashes.splice(0..0, hashes);
        self.ids.extend(ids);
        self.base = Cursor::default();
        Ok(())
    }

    /// The sequence of the last entry (0 for none). A full log has every sequence from 1; a
    /// filtered one (an account's view, `privacy`) may have gaps.
    pub fn last_seq(&self) -> u64 {
        self.entries.last().map_or(self.base.seq, |e| e.seq)
    }

    pub fn last_hash(&self) -> &str {
        &self.last_hash
    }

    /// The entries, giving up the log.
    pub fn into_entries(self) -> Vec<EventEnvelope> {
        self.entries
    }

    pub fn entries(&self) -> &[EventEnvelope] {
        &self.entries
    }

    /// How many events are held (those after the base; [`Log::count`] counts all of them).
    pub fn len(&self) -> usize {
        self.entries.len()
    }

    /// Whether the log has no events at all, held or not: a log started from a snapshot is not
    /// empty, even before any event follows the snapshot.
    pub fn is_empty(&self) -> bool {
        self.count() == 0
    }

    pub fn contains(&self, id: &Uuid) -> bool {
        self.ids.contains(id)
    }

    /// The hash of the stored line of the first `n` events' last one ("" for none): what the
    /// event after them chains to.
    pub fn hash_after(&self, n: usize) -> &str {
        let base = self.base.events as usize;
        match n {
            0 => "",
            n if n == base => &self.base.hash,
            n if n < base => "",
            n => self.hashes.get(n - base - 1).map(String::as_str).unwrap_or(""),
        }
    }

    /// Number the events and chain them after the current end, without appending.
    /// Events whose id the log already holds are left out (appending them again is a no-op).
    pub fn seal(
        &self,
        expected_seq: u64,
        actor: &Actor,
        recorded_at: DateTime<Utc>,
        events: Vec<NewEvent>,
    ) -> Result<Vec<Sealed>, AppendError> {
        // A retry of a batch that already went in (every id held) is a no-op, whatever sequence
        // the retry expected.
        if !events.is_empty() && events.iter().all(|e| self.ids.contains(&e.id)) {
            return Ok(vec![]);
        }
        if expected_seq != self.last_seq() {
            return Err(AppendError::StaleSequence { expected: expected_seq, actual: self.last_seq() });
        }
        let events = events.into_iter().filter(|e| !self.ids.contains(&e.id)).collect();
        Ok(seal_after(self.last_seq(), &self.last_hash, actor, recorded_at, events))
    }

    /// Append events: refuses a stale `expected_seq`, skips ids already held.
    pub fn append(
        &mut self,
        expected_seq: u64,
        actor: &Actor,
        recorded_at: DateTime<Utc>,
        events: Vec<NewEvent>,
    ) -> Result<Vec<EventEnvelope>, AppendError> {
        let sealed = self.seal(expected_seq, actor, recorded_at, events)?;
        let out: Vec<EventEnvelope> = sealed.iter().map(|s| s.envelope.clone()).collect();
        self.push_sealed(sealed)?;
        Ok(out)
    }

    /// Append envelopes sealed earlier by [`Log::seal`] (after they were stored).
    pub fn push_sealed(&mut self, sealed: Vec<Sealed>) -> Result<(), AppendError> {
        // Check the whole batch before changing anything.
        let mut prev = self.last_hash.clone();
        let mut hashes = Vec::with_capacity(sealed.len());
        let mut batch_ids = HashSet::new();
        for (expected, s) in (self.last_seq() + 1..).zip(&sealed) {
            if s.envelope.seq != expected || s.envelope.prev != prev {
                return Err(AppendError::Discontinuous { seq: s.envelope.seq });
            }
            if self.ids.contains(&s.envelope.id) || !batch_ids.insert(s.envelope.id) {
                return Err(AppendError::DuplicateId { seq: s.envelope.seq });
            }
            prev = hash_line(&s.line);
            hashes.push(prev.clone());
        }
        for (s, hash) in sealed.into_iter().zip(hashes) {
            self.last_hash = hash.clone();
            self.hashes.push(hash);
            self.ids.insert(s.envelope.id);
            self.entries.push(s.envelope);
        }
        Ok(())
    }

    /// Drop every event after the first `keep` (a merge re-numbers what follows its shared
    /// prefix; the caller has kept the old events).
    pub fn truncate(&mut self, keep: u64) {
        // Counted from the first event; the events before the base are not held to drop.
        let keep = keep.saturating_sub(self.base.events) as usize;
        if keep >= self.entries.len() {
            return;
        }
        for e in self.entries.drain(keep..) {
            self.ids.remove(&e.id);
        }
        self.hashes.truncate(keep);
        self.last_hash = self.hashes.last().cloned().unwrap_or_else(|| self.base.hash.clone());
    }

    /// Append an envelope of a filtered stream: its sequence is past the last one (gaps are the
    /// events withheld from this reader); `link` is the hash of the line the server stored (its
    /// `redacted` field, or the hash of the line itself).
    pub fn push_filtered(&mut self, envelope: EventEnvelope, link: String) -> Result<(), AppendError> {
        if envelope.seq <= self.last_seq() {
            return Err(AppendError::Discontinuous { seq: envelope.seq });
        }
        if self.ids.contains(&envelope.id) {
            return Err(AppendError::DuplicateId { seq: envelope.seq });
        }
        self.last_hash = link.clone();
        self.hashes.push(link);
        self.ids.insert(envelope.id);
        self.entries.push(envelope);
        Ok(())
    }

    /// Append an envelope read back from storage, whose stored line is `line`.
    /// Used when loading: the sequence must continue the log; the chain is checked by the codec.
    pub fn push_stored(&mut self, envelope: EventEnvelope, line_hash: String) -> Result<(), AppendError> {
        if envelope.seq != self.last_seq() + 1 {
            return Err(AppendError::Discontinuous { seq: envelope.seq });
        }
        if self.ids.contains(&envelope.id) {
            return Err(AppendError::DuplicateId { seq: envelope.seq });
        }
        self.last_hash = line_hash.clone();
        self.hashes.push(line_hash);
        self.ids.insert(envelope.id);
        self.entries.push(envelope);
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::fair::FairEvent;
    use crate::ids::FairId;
    use crate::testing::t;

    fn ev(n: u128) -> NewEvent {
        NewEvent { id: Uuid::from_u128(n), event: FairEvent::FairPublished { fair_id: FairId::from_u128(n) }.into() }
    }

    fn actor() -> Actor {
        Actor::organizer("王敏")
    }

    #[test]
    fn append_numbers_events_and_chains_hashes() {
        let mut log = Log::new();
        let out = log.append(0, &actor(), t("2026-03-01T09:00"), vec![ev(1), ev(2)]).unwrap();
        assert_eq!(out.iter().map(|e| e.seq).collect::<Vec<_>>(), vec![1, 2]);
        assert_eq!(out[0].prev, "");
        assert_eq!(out[1].prev, hash_line(&to_line(&out[0])));
        assert_eq!(log.last_hash(), hash_line(&to_line(&out[1])));
    }

    #[test]
    fn append_refuses_a_stale_expected_sequence() {
        let mut log = Log::new();
        log.append(0, &actor(), t("2026-03-01T09:00"), vec![ev(1)]).unwrap();
        let err = log.append(0, &actor(), t("2026-03-01T09:00"), vec![ev(2)]).unwrap_err();
        assert_eq!(err, AppendError::StaleSequence { expected: 0, actual: 1 });
        assert_eq!(log.len(), 1);
    }

    #[test]
    fn append_is_idempotent_on_event_ids() {
        let mut log = Log::new();
        log.append(0, &actor(), t("2026-03-01T09:00"), vec![ev(1)]).unwrap();
        let out = log.append(1, &actor(), t("2026-03-01T09:00"), vec![ev(1), ev(2), ev(2)]).unwrap();
        assert_eq!(out.len(), 1);
        assert_eq!(out[0].id, Uuid::from_u128(2));
        assert_eq!(log.len(), 2);
    }

    #[test]
    fn retrying_an_append_that_went_through_changes_nothing() {
        let mut log = Log::new();
        log.append(0, &actor(), t("2026-03-01T09:00"), vec![ev(1), ev(2)]).unwrap();
        let hash = log.last_hash().to_owned();
        // The same call again, with the expected sequence it had the first time.
        let again = log.append(0, &actor(), t("2026-03-01T09:00"), vec![ev(1), ev(2)]).unwrap();
        assert!(again.is_empty());
        assert_eq!((log.len(), log.last_hash()), (2, hash.as_str()));
        // A stale sequence with anything new in it is still refused.
        let err = log.append(0, &actor(), t("2026-03-01T09:00"), vec![ev(1), ev(3)]).unwrap_err();
        assert_eq!(err, AppendError::StaleSequence { expected: 0, actual: 2 });
    }

    #[test]
    fn an_id_the_log_holds_cannot_come_back_under_another_sequence() {
        let mut log = Log::new();
        log.append(0, &actor(), t("2026-03-01T09:00"), vec![ev(1)]).unwrap();
        let again = seal_after(1, log.last_hash(), &actor(), t("2026-03-01T09:01"), vec![ev(1)]);
        assert_eq!(log.push_sealed(again), Err(AppendError::DuplicateId { seq: 2 }));
        assert_eq!(log.len(), 1);
    }

    #[test]
    fn push_sealed_refuses_a_batch_that_does_not_continue() {
        let mut log = Log::new();
        let sealed = log.seal(0, &actor(), t("2026-03-01T09:00"), vec![ev(1)]).unwrap();
        log.push_sealed(sealed.clone()).unwrap();
        assert_eq!(log.push_sealed(sealed), Err(AppendError::Discontinuous { seq: 1 }));
        assert_eq!(log.len(), 1);
    }
}
