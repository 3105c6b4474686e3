use super::*;

/// Would this event still be a valid fact on `state`? (See `fair::check`.)
pub(crate) fn check(state: &State, event: &SeriesEvent) -> Result<(), SeriesError> {
    match event {
        SeriesEvent::SeriesCreated { series_id, .. } if state.series.contains_key(series_id) => {
            Err(SeriesError::AlreadyExists)
        }
        SeriesEvent::SeriesRenamed { series_id, .. } if !state.series.contains_key(series_id) => {
            Err(SeriesError::NotFound)
        }
        _ => Ok(()),
    }
}
