//! The log, the state and the projections kept in step.
//!
//! The browser uses the two halves separately: `prepare` (decide + seal) before the IndexedDB
//! transaction, `commit` after it has committed. Native callers use `execute`.
use uuid::Uuid;

use crate::command::{decide_into, Command};
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

/// The events before this sequence are not held: the engine started from a snapshot and has not
/// loaded them yet ([`Engine::backfill`]). Time travel before it, a merge and a whole export need them.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, thiserror::Error)]
#[error("the events up to {base} are not loaded (the app started from a snapshot)")]
pub struct HistoryMissing {
    /// The last sequence the missing part covers (the snapshot's).
    pub base: u64,
}

impl HistoryMissing {
    pub fn code(&self) -> &'static str {
        "engine.history_missing"
    }
}

/// Every this many events the engine keeps a copy of the state, so that the state at any point
/// of the history is a short replay away.
pub const CHECKPOINT_EVERY: u64 = 1000;

/// The most copies of the state an engine keeps. A copy is O(1) to take (persistent maps), but
/// the maps then diverge: each copy comes to own the nodes changed after it, which at the seeds'
/// scale (140,606 events, 140 copies) made a replay peak at 1.4 GiB of wasm memory. Past this
/// many, every other copy is dropped (the first, the state at the log's base, and the last are
/// kept): the older history is spaced further apart, memory stays bounded, and time travel
/// replays at most the gap between two kept copies (about 2 × events / MAX_CHECKPOINTS).
pub const MAX_CHECKPOINTS: usize = 24;

/// Drop every other copy once there are more than `max` (see [`MAX_CHECKPOINTS`]).
fn thin(checkpoints: &mut Vec<State>, max: usize) {
    if checkpoints.len() <= max {
        return;
    }
    let last = checkpoints.len() - 1;
    let mut i = 0;
    checkpoints.retain(|_| {
        let keep = i % 2 == 0 || i == last;
        i += 1;
        keep
    });
}

/// What `prepare` decided, ready to store and then to `commit`: the sealed events (with the JSON
/// lines storage writes), where they go in the log, and the state with them applied.
#[derive(Debug, Clone)]
pub struct Receipt {
    /// The accepted events, sealed after the log's end.
    pub sealed: Vec<Sealed>,
    /// The log's last sequence when the receipt was prepared.
    pub after_seq: u64,
    state: State,
    /// Copies of the state at the checkpoint sequences inside the batch.
    checkpoints: Vec<State>,
}

impl Receipt {
    /// How many events the command (or batch) produced.
    pub fn len(&self) -> usize {
        self.sealed.len()
    }

    /// The command changed nothing (an edit to the same values, nothing due to expire).
    pub fn is_empty(&self) -> bool {
        self.sealed.is_empty()
    }

    /// The log's last sequence once this receipt is committed.
    pub fn last_seq(&self) -> u64 {
        self.after_seq + self.sealed.len() as u64
    }

    /// The first and last sequence of the new events, if there are any (what changed).
    pub fn span(&self) -> Option<(u64, u64)> {
        (!self.is_empty()).then(|| (self.after_seq + 1, self.last_seq()))
    }

    /// The new events, in order.
    pub fn envelopes(&self) -> impl Iterator<Item = &EventEnvelope> {
        self.sealed.iter().map(|s| &s.envelope)
    }

    /// The state with the new events applied.
    pub fn state(&self) -> &State {
        &self.state
    }
}

#[derive(Debug, Clone, Default)]
pub struct Engine {
    log: Log,
    state: State,
    /// States at points of the history, in sequence order: the first is the state at the log's
    /// base (empty for a whole log, the snapshot's for one restored from a snapshot), then at
    /// multiples of `CHECKPOINT_EVERY`, thinned to at most [`MAX_CHECKPOINTS`].
    checkpoints: Vec<State>,
}

impl Engine {
    pub fn new() -> Self {
        Self::default()
    }

    pub fn log(&self) -> &Log {
        &self.log
    }

    /// The log, giving up the engine.
    pub fn into_log(self) -> Log {
        self.log
    }

    /// An engine that starts from `state`, the state after the events up to `base`, without
    /// holding those events (see `snapshot::resume`).
    pub(crate) fn starting_after(base: crate::log::Cursor, state: State) -> Self {
        Engine { log: Log::starting_after(base), checkpoints: vec![state.clone()], state }
    }

    /// The first sequence whose state [`Engine::state_at`] can give (0 for a whole log).
    pub fn history_starts_at(&self) -> u64 {
        self.log.base().seq
    }

    /// Load the events before the base (an engine started from a snapshot): `records` are the
    /// stored lines from sequence 1 up to the base, checked as [`Engine::restore`] checks them,
    /// and they must end exactly at the base (its sequence and hash). Afterwards the engine is
    /// the same as one restored from every line. On a problem nothing changes.
    pub fn backfill<S: AsRef<str>>(
        &mut self,
        records: impl IntoIterator<Item = (u64, Option<S>)>,
    ) -> Result<(), RestoreProblem> {
        if self.log.is_complete() {
            return Ok(());
        }
        self.prepend_restored(Engine::restore(records))
    }

    /// [`Engine::backfill`] for a filtered replica started from a snapshot: `records` are the
    /// lines of its filtered stream up to the base, checked as [`Engine::restore_filtered`]
    /// checks them; they must end exactly at the base (the last line the snapshot covers).
    pub fn backfill_filtered<S: AsRef<str>>(
        &mut self,
        records: impl IntoIterator<Item = (u64, Option<S>)>,
    ) -> Result<(), RestoreProblem> {
        if self.log.is_complete() {
            return Ok(());
        }
        self.prepend_restored(Engine::restore_filtered(records))
    }

    fn prepend_restored(&mut self, (earlier, problem): (Engine, Option<RestoreProblem>)) -> Result<(), RestoreProblem> {
        if let Some(p) = problem {
            return Err(p);
        }
        let base = self.log.base().seq;
        let Engine { log, checkpoints, .. } = earlier;
        if log.last_seq() != base {
            return Err(RestoreProblem::OutOfOrder { key: log.last_seq() + 1, expected: base + 1 });
        }
        let mut merged = self.log.clone();
        merged.prepend(log).map_err(|_| RestoreProblem::BrokenChain { key: base })?;
        self.log = merged;
        let mut all = checkpoints;
        all.append(&mut self.checkpoints);
        all.dedup_by_key(|s| s.last_seq);
        while all.len() > MAX_CHECKPOINTS {
            thin(&mut all, MAX_CHECKPOINTS);
        }
        self.checkpoints = all;
        Ok(())
    }

    pub fn state(&self) -> &State {
        &self.state
    }

    /// Decide a command and seal its events after the current end of the log, changing nothing.
    /// `new_id` gives each event its id (uuid v4 in the app, a counter in tests).
    pub fn prepare(&self, cmd: Command, new_id: impl FnMut() -> Uuid) -> Result<Receipt, DomainError> {
        self.prepare_all(vec![cmd], new_id).map_err(|(_, e)| e)
    }

    /// Decide several commands in turn, each against the state the previous ones leave (on an
    /// O(1) copy of the state), and seal all their events, changing nothing. Used for batches
    /// that must be stored in one transaction (the demo season, an import). On a refusal, says
    /// which command (by index) broke which rule.
    ///
    /// Each event is evolved once (`decide_into`), on the copy that the receipt carries and
    /// `commit` keeps.
    pub fn prepare_all(
        &self,
        cmds: Vec<Command>,
        mut new_id: impl FnMut() -> Uuid,
    ) -> Result<Receipt, (usize, DomainError)> {
        let mut scratch = self.state.clone();
        let after_seq = self.log.last_seq();
        let mut last_seq = after_seq;
        let mut last_hash = self.log.last_hash().to_owned();
        let mut sealed_all: Vec<Sealed> = Vec::new();
        let mut checkpoints = Vec::new();
        for (i, cmd) in cmds.into_iter().enumerate() {
            let actor = cmd.actor.clone();
            // Decided at the command's `now`, recorded no earlier than the log's last event (time
            // in a log never runs backwards; a clock behind the log records at its last time).
            let recorded_at = crate::judge::recorded_time(scratch.last_recorded_at, cmd.now);
            let before = scratch.clone();
            let events = decide_into(&mut scratch, cmd).map_err(|e| (i, e))?;
            let events = events.into_iter().map(|event| NewEvent { id: new_id(), event }).collect();
            let sealed = crate::log::seal_after(last_seq, &last_hash, &actor, recorded_at, events);
            let end = last_seq + sealed.len() as u64;
            if end / CHECKPOINT_EVERY > last_seq / CHECKPOINT_EVERY {
                // The command passes a checkpoint (once per thousand events): the state at that
                // exact point is rebuilt from the copy taken before the command.
                let mut at = before;
                for s in &sealed {
                    evolve(&mut at, &s.envelope);
                    if s.envelope.seq % CHECKPOINT_EVERY == 0 {
                        checkpoints.push(at.clone());
                    }
                }
            }
            last_seq = end;
            if let Some(s) = sealed.last() {
                last_hash = crate::log::hash_line(&s.line);
            }
            sealed_all.extend(sealed);
        }
        Ok(Receipt { sealed: sealed_all, after_seq, state: scratch, checkpoints })
    }

    /// Keep a receipt's events (once they are stored): append them to the log and keep the state
    /// the receipt computed (no event is evolved again). Refused, changing nothing, if the log
    /// moved since the receipt was prepared.
    pub fn commit(&mut self, receipt: Receipt) -> Result<&[EventEnvelope], AppendError> {
        let from = self.log.len();
        let Receipt { sealed, state, checkpoints, .. } = receipt;
        if sealed.is_empty() {
            return Ok(&self.log.entries()[from..]);
        }
        self.log.push_sealed(sealed)?;
        if self.checkpoints.is_empty() {
            self.checkpoints.push(State::default());
        }
        for c in checkpoints {
            self.checkpoints.push(c);
            thin(&mut self.checkpoints, MAX_CHECKPOINTS);
        }
        self.state = state;
        Ok(&self.log.entries()[from..])
    }

    /// Append events sealed outside `prepare` (fixtures, generated logs) and apply each to the
    /// state.
    pub fn commit_sealed(&mut self, sealed: Vec<Sealed>) -> Result<&[EventEnvelope], AppendError> {
        let from = self.log.len();
        self.log.push_sealed(sealed)?;
        for i in from..self.log.len() {
            evolve(&mut self.state, &self.log.entries()[i]);
            self.checkpoint();
        }
        Ok(&self.log.entries()[from..])
    }

    /// Decide, append and apply. Returns the new envelopes.
    pub fn execute(&mut self, cmd: Command, new_id: impl FnMut() -> Uuid) -> Result<&[EventEnvelope], ExecuteError> {
        let sealed = self.prepare(cmd, new_id)?;
        Ok(self.commit(sealed)?)
    }

    /// Plan merging an imported log into this one (see `merge`); `None` if it brings nothing new,
    /// and also for an engine started from a snapshot that has not [`Engine::backfill`]ed (the
    /// merge compares whole logs; [`Engine::try_plan_merge`] says so).
    pub fn plan_merge(
        &self,
        remote: &crate::codec::Imported,
        source: &str,
        actor: &crate::envelope::Actor,
        now: chrono::DateTime<chrono::Utc>,
        marker_id: Uuid,
    ) -> Option<crate::merge::MergePlan> {
        self.try_plan_merge(remote, source, actor, now, marker_id).ok().flatten()
    }

    /// [`Engine::plan_merge`], refusing an engine that does not hold the whole log.
    pub fn try_plan_merge(
        &self,
        remote: &crate::codec::Imported,
        source: &str,
        actor: &crate::envelope::Actor,
        now: chrono::DateTime<chrono::Utc>,
        marker_id: Uuid,
    ) -> Result<Option<crate::merge::MergePlan>, HistoryMissing> {
        if !self.log.is_complete() {
            return Err(HistoryMissing { base: self.log.base().seq });
        }
        Ok(crate::merge::plan(&self.log, &remote.envelopes, &remote.header.last_hash, source, actor, now, marker_id))
    }

    /// Apply a merge plan (once it is stored): keep the shared prefix, append the merged events,
    /// and rebuild the state (merges are rare; this is the one place that replays).
    pub fn apply_merge(&mut self, plan: crate::merge::MergePlan) -> Result<(), AppendError> {
        if !self.log.is_complete() {
            // Only `plan_merge` makes plans, and it refuses such a log; nothing is dropped here.
            return Err(AppendError::Discontinuous { seq: self.log.base().seq });
        }
        let mut log = self.log.clone();
        log.truncate(plan.keep);
        log.push_sealed(plan.sealed)?;
        let mut rebuilt = Engine { log: Log::new(), state: State::default(), checkpoints: vec![State::default()] };
        for env in log.entries() {
            evolve(&mut rebuilt.state, env);
            rebuilt.state.last_seq = env.seq;
            if env.seq % CHECKPOINT_EVERY == 0 {
                rebuilt.checkpoints.push(rebuilt.state.clone());
                thin(&mut rebuilt.checkpoints, MAX_CHECKPOINTS);
            }
        }
        rebuilt.log = log;
        *self = rebuilt;
        Ok(())
    }

    fn checkpoint(&mut self) {
        if self.checkpoints.is_empty() {
            self.checkpoints.push(State::default());
        }
        if self.state.last_seq % CHECKPOINT_EVERY == 0 && self.state.last_seq > 0 {
            self.checkpoints.push(self.state.clone());
            thin(&mut self.checkpoints, MAX_CHECKPOINTS);
        }
    }

    /// The state after the event `seq` (time travel). At most the gap between two kept copies
    /// of the state is replayed (`CHECKPOINT_EVERY` events while the log is short; see
    /// [`MAX_CHECKPOINTS`]). Before [`Engine::history_starts_at`] (an engine started from a snapshot) this is
    /// the state there: use [`Engine::try_state_at`] to be told instead.
    pub fn state_at(&self, seq: u64) -> State {
        let seq = seq.clamp(self.history_starts_at(), self.log.last_seq());
        if seq == self.log.last_seq() {
            return self.state.clone();
        }
        let i = self.checkpoints.partition_point(|c| c.last_seq <= seq).saturating_sub(1);
        let mut s = self.checkpoints.get(i).cloned().unwrap_or_default();
        for env in self.log.between(s.last_seq + 1, seq) {
            evolve(&mut s, env);
        }
        s
    }

    /// [`Engine::state_at`], refusing a point before the events held.
    pub fn try_state_at(&self, seq: u64) -> Result<State, HistoryMissing> {
        if seq < self.history_starts_at() {
            return Err(HistoryMissing { base: self.history_starts_at() });
        }
        Ok(self.state_at(seq))
    }

    /// Apply an envelope read from storage or another tab (already in the store).
    pub fn apply_stored(&mut self, env: EventEnvelope, line_hash: String) -> Result<(), AppendError> {
        self.log.push_stored(env, line_hash)?;
        let env = self.log.entries().last().expect("just pushed");
        evolve(&mut self.state, env);
        self.checkpoint();
        Ok(())
    }
}

/// Why restoring a stored log stopped before its end. Everything before `key` was restored.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum RestoreProblem {
    /// The record is not a text line (the store was written by something else or damaged).
    NotText { key: u64 },
    /// The record's key is not the next sequence number.
    OutOfOrder { key: u64, expected: u64 },
    /// The record repeats an event id held earlier in the store.
    DuplicateId { key: u64 },
    /// The line does not parse as an event, or is of a newer schema.
    Unreadable { key: u64, error: crate::codec::CodecError },
    /// The line parses but does not chain to the previous one (edited in place).
    BrokenChain { key: u64 },
    /// The event chains, but the domain could not have decided it there (see `judge`): an
    /// unknown booking, an approval by an enterprise, a stream link off the allowlist, ...
    Refused { key: u64, event: String, error: crate::error::DomainError },
}

impl RestoreProblem {
    pub fn key(&self) -> u64 {
        match self {
            RestoreProblem::NotText { key }
            | RestoreProblem::OutOfOrder { key, .. }
            | RestoreProblem::Unreadable { key, .. }
            | RestoreProblem::BrokenChain { key }
            | RestoreProblem::DuplicateId { key }
            | RestoreProblem::Refused { key, .. } => *key,
        }
    }
}

impl Engine {
    /// Rebuild an engine from stored records `(key, line)` in key order, verifying sequence,
    /// schema and hash chain. Stops at the first bad record and says why; the records before it
    /// are restored, the bad one and everything after are left for the user to export.
    pub fn restore<S: AsRef<str>>(
        records: impl IntoIterator<Item = (u64, Option<S>)>,
    ) -> (Engine, Option<RestoreProblem>) {
        let mut engine = Engine::new();
        let problem = engine.extend_stored(records).err();
        (engine, problem)
    }

    /// [`Engine::restore`] for a filtered log (see [`Engine::extend_filtered`]).
    pub fn restore_filtered<S: AsRef<str>>(
        records: impl IntoIterator<Item = (u64, Option<S>)>,
    ) -> (Engine, Option<RestoreProblem>) {
        let mut engine = Engine::new();
        let problem = engine.extend_filtered(records).err();
        (engine, problem)
    }

    /// Apply lines of a filtered stream (what a non-organizer account receives, docs/SYNC.md
    /// "Filtered streams"; the rules are listed in [`crate::privacy::Replica`]'s module): sequences
    /// increase with gaps; where a line directly follows the last one held its `prev` must be
    /// that line's link; the judge runs, forgiving only what a partial log cannot judge (an
    /// entity it does not hold, a field the redaction emptied).
    pub fn extend_filtered<S: AsRef<str>>(
        &mut self,
        records: impl IntoIterator<Item = (u64, Option<S>)>,
    ) -> Result<usize, RestoreProblem> {
        self.extend_filtered_after(None, records)
    }

    /// [`Engine::extend_filtered`] when the server said it looked further than the last line held
    /// (`scanned`: its sequence and stored hash): the next line comes after it and, if it is the
    /// very next one, chains to that hash.
    pub(crate) fn extend_filtered_after<S: AsRef<str>>(
        &mut self,
        mut scanned: Option<(u64, String)>,
        records: impl IntoIterator<Item = (u64, Option<S>)>,
    ) -> Result<usize, RestoreProblem> {
        let mut n = 0;
        let mut judge = crate::judge::Judge::after(self.log.entries()).for_own_store();
        for (key, line) in records {
            let (last, link) = match scanned.take() {
                Some((seq, hash)) => (seq, hash),
                None => (self.log.last_seq(), self.log.last_hash().to_owned()),
            };
            if key <= last {
                return Err(RestoreProblem::OutOfOrder { key, expected: last + 1 });
            }
            let Some(line) = line else { return Err(RestoreProblem::NotText { key }) };
            let line = line.as_ref();
            let env = crate::codec::parse_line(line).map_err(|error| RestoreProblem::Unreadable { key, error })?;
            if env.seq != key {
                return Err(RestoreProblem::OutOfOrder { key: env.seq, expected: key });
            }
            if self.log.contains(&env.id) {
                return Err(RestoreProblem::DuplicateId { key });
            }
            if key == last + 1 && env.prev != link {
                return Err(RestoreProblem::BrokenChain { key });
            }
            match judge.admit(&self.state, &env) {
                Ok(()) => {}
                Err(r) if crate::privacy::forgiven(&env, &r.error) => judge.pass(&env),
                Err(r) => return Err(RestoreProblem::Refused { key, event: r.event, error: r.error }),
            }
            let link = env.redacted.clone().unwrap_or_else(|| crate::log::hash_line(line));
            self.log.push_filtered(env, link).map_err(|_| RestoreProblem::DuplicateId { key })?;
            let env = self.log.entries().last().expect("just pushed");
            evolve(&mut self.state, env);
            self.checkpoint();
            n += 1;
        }
        Ok(n)
    }

    /// Apply stored records that follow the current end (a reload, another tab's writes).
    pub fn extend_stored<S: AsRef<str>>(
        &mut self,
        records: impl IntoIterator<Item = (u64, Option<S>)>,
    ) -> Result<usize, RestoreProblem> {
        let mut n = 0;
        let mut judge = crate::judge::Judge::after(self.log.entries()).for_own_store();
        for (key, line) in records {
            let expected = self.log.last_seq() + 1;
            if key != expected {
                return Err(RestoreProblem::OutOfOrder { key, expected });
            }
            let Some(line) = line else { return Err(RestoreProblem::NotText { key }) };
            let line = line.as_ref();
            let env = crate::codec::parse_line(line).map_err(|error| RestoreProblem::Unreadable { key, error })?;
            if env.seq != key {
                return Err(RestoreProblem::OutOfOrder { key: env.seq, expected: key });
            }
            if env.prev != self.log.last_hash() {
                return Err(RestoreProblem::BrokenChain { key });
            }
            judge.admit(&self.state, &env).map_err(|r| RestoreProblem::Refused {
                key,
                event: r.event,
                error: r.error,
            })?;
            self.apply_stored(env, crate::log::hash_line(line)).map_err(|_| RestoreProblem::DuplicateId { key })?;
            n += 1;
        }
        Ok(n)
    }
}

#[cfg(test)]
mod tests {

    #[test]
    fn thinning_keeps_the_first_and_the_last_copy_and_at_most_max() {
        // Given copies at 0, 1000, ..., 9000
        let mut copies: Vec<State> =
            (0..10u64).map(|k| State { last_seq: k * CHECKPOINT_EVERY, ..State::default() }).collect();
        // When thinned to at most 4 (repeatedly, as pushes would)
        while copies.len() > 4 {
            thin(&mut copies, 4);
        }
        // Then the base's and the newest are kept, in order, and no more than 4
        let seqs: Vec<u64> = copies.iter().map(|c| c.last_seq).collect();
        assert!(seqs.len() <= 4, "{seqs:?}");
        assert_eq!((seqs[0], *seqs.last().unwrap()), (0, 9000));
        assert!(seqs.windows(2).all(|w| w[0] < w[1]), "{seqs:?}");
    }

    #[test]
    fn time_travel_gives_the_replayed_state_anywhere_after_thinning() {
        // Given a log long enough to thin its copies of the state
        let engine = crate::synth::fair_log((MAX_CHECKPOINTS + 6) * CHECKPOINT_EVERY as usize, 3);
        assert!(engine.checkpoints.len() <= MAX_CHECKPOINTS);
        // When travelling to points between the kept copies, then each is the state a replay of
        // the events up to there gives
        let last = engine.log().last_seq();
        for seq in [1, 999, 1000, 1001, 7_777, last / 2, last - 1] {
            let replayed = State::replay(engine.log().entries().iter().take(seq as usize));
            assert_eq!(engine.state_at(seq), replayed, "at {seq}");
        }
    }
    use super::*;
    use crate::log::to_line;
    use crate::testing::sample_engine;

    fn stored() -> Vec<(u64, Option<String>)> {
        sample_engine().log().entries().iter().map(|e| (e.seq, Some(to_line(e)))).collect()
    }

    #[test]
    fn restoring_stored_lines_gives_the_same_state() {
        let original = sample_engine();
        let (engine, problem) = Engine::restore(stored());
        assert_eq!(problem, None);
        assert_eq!(engine.state(), original.state());
        assert_eq!(engine.log().last_hash(), original.log().last_hash());
    }

    #[test]
    fn restoring_stops_at_a_record_that_is_not_text() {
        let mut recs = stored();
        recs[1].1 = None;
        let (engine, problem) = Engine::restore(recs);
        assert_eq!(problem, Some(RestoreProblem::NotText { key: 2 }));
        assert_eq!(engine.log().len(), 1);
    }

    #[test]
    fn restoring_stops_at_garbage() {
        let mut recs = stored();
        recs[2].1 = Some("{not json".into());
        let (engine, problem) = Engine::restore(recs);
        assert!(matches!(problem, Some(RestoreProblem::Unreadable { key: 3, .. })));
        assert_eq!(engine.log().len(), 2);
    }

    #[test]
    fn restoring_detects_an_edited_record() {
        let mut recs = stored();
        let edited = recs[0].1.as_ref().unwrap().replacen("徐汇区春季招聘会", "改过的名字", 1);
        recs[0].1 = Some(edited);
        let (engine, problem) = Engine::restore(recs);
        assert_eq!(problem, Some(RestoreProblem::BrokenChain { key: 2 }));
        assert_eq!(engine.log().len(), 1);
    }

    #[test]
    fn time_travel_works_after_a_merge_of_a_long_log() {
        let mut a = crate::synth::fair_log(1_500, 3);
        let b = crate::synth::fair_log(1_600, 4);
        let remote = crate::codec::import(&crate::codec::export(b.log())).unwrap();
        let plan = a
            .plan_merge(
                &remote,
                "b",
                &crate::testing::organizer(),
                crate::testing::t("2027-06-01T09:00"),
                uuid::Uuid::nil(),
            )
            .unwrap();
        a.apply_merge(plan).unwrap();
        assert!(a.log().len() > 2_000);
        assert_eq!(a.state_at(500), State::replay(a.log().entries()[..500].iter()));
        assert_eq!(a.state_at(1_999), State::replay(a.log().entries()[..1_999].iter()));
    }

    #[test]
    fn restoring_refuses_a_repeated_id() {
        let mut recs = stored();
        let first: EventEnvelope = crate::codec::parse_line(recs[0].1.as_ref().unwrap()).unwrap();
        let mut third: EventEnvelope = crate::codec::parse_line(recs[2].1.as_ref().unwrap()).unwrap();
        third.id = first.id;
        recs[2].1 = Some(to_line(&third));
        let (engine, problem) = Engine::restore(recs);
        assert_eq!(problem, Some(RestoreProblem::DuplicateId { key: 3 }));
        assert_eq!(engine.log().len(), 2);
    }

    #[test]
    fn restoring_detects_a_gap() {
        let mut recs = stored();
        recs.remove(1);
        let (_, problem) = Engine::restore(recs);
        assert_eq!(problem, Some(RestoreProblem::OutOfOrder { key: 3, expected: 2 }));
    }
}
