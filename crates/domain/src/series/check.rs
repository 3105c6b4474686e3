use super::*;

/// Would this event still be a valid fact on `state`? (See `fair::check`.)
pub(crate) fn check(state: &State, event: &SeriesEvent) -> Result<(), SeriesError> {
    match event {
        SeriesEvent::SeriesCreated { series_id, .. } => series_is_new(state, *series_id),
        SeriesEvent::SeriesRenamed { series_id, .. } => existing_series(state, *series_id).map(|_| ()),
    }
}

/// Who recorded it may plan series, and its name passes the command's check.
pub(crate) fn recorded(actor: &crate::envelope::Actor, event: &SeriesEvent) -> Result<(), DomainError> {
    crate::authority::organizer_only(actor.role, <&'static str>::from(event))?;
    match event {
        SeriesEvent::SeriesCreated { name, .. } | SeriesEvent::SeriesRenamed { name, .. } => {
            clean_name(name)?;
        }
    }
    Ok(())
}
