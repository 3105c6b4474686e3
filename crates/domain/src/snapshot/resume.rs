//! Starting an engine from a snapshot and the stored lines after it, without reading the lines
//! before it.
use super::Snapshot;
use crate::engine::{Engine, RestoreProblem};

/// Why a snapshot cannot start this log (the caller replays the whole log instead).
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize, thiserror::Error, strum::IntoStaticStr)]
#[strum(serialize_all = "snake_case")]
#[serde(rename_all = "snake_case")]
pub enum ResumeError {
    /// The stored line at the snapshot's sequence is not the one the snapshot covers: a snapshot
    /// of another log, or of this log before a merge rewrote it.
    #[error("the snapshot was taken of another log (the event at {seq} differs)")]
    OtherLog { seq: u64 },
    /// The log does not reach the snapshot's sequence (the line there is missing).
    #[error("the log has no event {seq}, where the snapshot was taken")]
    LogTooShort { seq: u64 },
}

impl ResumeError {
    pub fn code(&self) -> String {
        format!("snapshot.{}", <&str>::from(self))
    }
}

impl Engine {
    /// Start from `snapshot`, given the stored line of the last event it covers (`covered`:
    /// `None` for a snapshot of the empty log, or when storage has no such line) and the stored
    /// records after it, `(key, line)` in key order.
    ///
    /// Refused, before anything else is read, if `covered` does not hash to the snapshot's hash:
    /// the snapshot belongs to another log. The tail is then checked exactly as
    /// [`Engine::restore`] checks records (sequence, chain from the snapshot's hash, the rules);
    /// at a bad record it stops and says why, with everything before it applied.
    ///
    /// The engine holds only the tail: [`Engine::history_starts_at`] is the snapshot's sequence,
    /// and [`Engine::backfill`] loads the earlier lines when time travel before it, a merge or a
    /// whole export needs them.
    pub fn resume<S: AsRef<str>>(
        snapshot: Snapshot,
        covered: Option<&str>,
        tail: impl IntoIterator<Item = (u64, Option<S>)>,
    ) -> Result<(Engine, Option<RestoreProblem>), ResumeError> {
        let Snapshot { cursor, state } = snapshot;
        if cursor.seq > 0 {
            let Some(line) = covered else { return Err(ResumeError::LogTooShort { seq: cursor.seq }) };
            if crate::log::hash_line(line) != cursor.hash {
                return Err(ResumeError::OtherLog { seq: cursor.seq });
            }
        }
        let mut engine = Engine::starting_after(cursor, state);
        let problem = engine.extend_stored(tail).err();
        Ok((engine, problem))
    }
}

impl Engine {
    /// [`Engine::resume`] for a filtered replica (an account that receives a filtered stream,
    /// [`crate::privacy`]): the snapshot is of the filtered engine, its cursor the last line held
    /// (its sequence and link: the stored line's hash, which a redacted line carries in
    /// `redacted`). `covered` is that line as the audience received it; the tail is checked as
    /// [`Engine::extend_filtered`] checks a stream (gaps allowed, the chain where there is none).
    pub fn resume_filtered<S: AsRef<str>>(
        snapshot: Snapshot,
        covered: Option<&str>,
        tail: impl IntoIterator<Item = (u64, Option<S>)>,
    ) -> Result<(Engine, Option<RestoreProblem>), ResumeError> {
        let Snapshot { cursor, state } = snapshot;
        if cursor.seq > 0 {
            let Some(line) = covered else { return Err(ResumeError::LogTooShort { seq: cursor.seq }) };
            let link = crate::codec::parse_line(line)
                .ok()
                .filter(|env| env.seq == cursor.seq)
                .map(|env| env.redacted.unwrap_or_else(|| crate::log::hash_line(line)));
            if link.as_deref() != Some(cursor.hash.as_str()) {
                return Err(ResumeError::OtherLog { seq: cursor.seq });
            }
        }
        let mut engine = Engine::starting_after(cursor, state);
        let problem = engine.extend_filtered(tail).err();
        Ok((engine, problem))
    }
}
