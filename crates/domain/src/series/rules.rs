//! The series' rules, written once: `decide` and the merge `check` both ask these.
use super::*;

/// A series id is created once.
pub fn series_is_new(state: &State, id: SeriesId) -> Result<(), SeriesError> {
    if state.series.contains_key(&id) {
        Err(SeriesError::AlreadyExists)
    } else {
        Ok(())
    }
}

/// The series a command or event is about must exist.
pub fn existing_series(state: &State, id: SeriesId) -> Result<&Series, SeriesError> {
    state.series.get(&id).ok_or(SeriesError::NotFound)
}
