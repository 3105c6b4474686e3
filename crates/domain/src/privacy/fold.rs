//! The state an audience's replica reaches, computed where the whole log is held (the server's
//! per-audience snapshot), without the browser's checks.
use crate::codec::CodecError;
use crate::log::Cursor;
use crate::state::{evolve, State};

use super::{filter, Audience, Filtered};

/// The state and cursor that replaying `audience`'s filtered stream of `stored` reaches: each
/// stored line `(seq, line, hash)` filtered as [`super::filter_line`] filters it (ownership
/// looked up in `owners`, the state at or after the lines) and, unless withheld, applied with
/// `evolve`. The cursor is the last line the audience holds: its sequence, its link (the stored
/// line's hash, which a redacted copy carries) and how many lines it holds.
///
/// The same as [`crate::Engine::restore_filtered`] over the filtered lines (a property test says
/// so) for a log the domain decided, minus that replay's checks (chain, judge): what holds the
/// whole log has checked it already, and each line is parsed once instead of three times.
pub fn replica_state<'a>(
    owners: &State,
    audience: &Audience,
    stored: impl IntoIterator<Item = (u64, &'a str, &'a str)>,
) -> Result<(State, Cursor), CodecError> {
    let mut state = State::default();
    let mut cursor = Cursor::default();
    for (seq, line, hash) in stored {
        let env = crate::codec::parse_line(line)?;
        match filter(owners, audience, &env) {
            Filtered::Withheld => continue,
            Filtered::Unchanged => evolve(&mut state, &env),
            Filtered::Redacted(out) => evolve(&mut state, &out),
        }
        cursor = Cursor { seq, hash: hash.to_owned(), events: cursor.events + 1 };
    }
    Ok((state, cursor))
}
