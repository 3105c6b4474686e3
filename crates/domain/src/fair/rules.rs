//! The fair's life cycle, written once: `decide` and the merge `check` both ask these.
use super::*;

/// A fair id is created once.
pub fn fair_is_new(state: &State, id: FairId) -> std::result::Result<(), FairError> {
    if state.fairs.contains_key(&id) {
        Err(FairError::AlreadyExists)
    } else {
        Ok(())
    }
}

/// A fair that names a series names one that exists.
pub fn series_exists(state: &State, series: Option<SeriesId>) -> std::result::Result<(), FairError> {
    match series {
        Some(s) if !state.series.contains_key(&s) => Err(FairError::SeriesNotFound),
        _ => Ok(()),
    }
}

/// A fair is open (it may be edited, laid out, cancelled, and offered posts) while it is a draft
/// or published; a closed or cancelled fair is done.
pub fn fair_is_open(status: &FairStatus) -> bool {
    matches!(status, FairStatus::Draft | FairStatus::Published)
}

fn from(f: &Fair, allowed: &[FairStatusKind], to: FairStatusKind) -> std::result::Result<(), FairError> {
    if allowed.contains(&f.status.kind()) {
        Ok(())
    } else {
        Err(FairError::InvalidTransition { from: f.status.kind(), to })
    }
}

/// Only an open fair's details may change.
pub fn may_edit_fair(f: &Fair) -> std::result::Result<(), FairError> {
    if fair_is_open(&f.status) {
        Ok(())
    } else {
        Err(FairError::NotEditable { status: f.status.kind() })
    }
}

/// A draft may be published once it has what publishing needs (dates, a venue).
pub fn may_publish_fair(f: &Fair) -> std::result::Result<(), FairError> {
    from(f, &[FairStatusKind::Draft], FairStatusKind::Published)?;
    publishable(&f.details)
}

/// Only a published fair goes back to draft.
pub fn may_unpublish_fair(f: &Fair) -> std::result::Result<(), FairError> {
    from(f, &[FairStatusKind::Published], FairStatusKind::Draft)
}

/// Only a published fair is closed.
pub fn may_close_fair(f: &Fair) -> std::result::Result<(), FairError> {
    from(f, &[FairStatusKind::Published], FairStatusKind::Closed)
}

/// An outcome is recorded for a published or closed fair.
pub fn may_record_outcome(f: &Fair) -> std::result::Result<(), FairError> {
    from(f, &[FairStatusKind::Published, FairStatusKind::Closed], FairStatusKind::Closed)
}

/// An open fair may be cancelled.
pub fn may_cancel_fair(f: &Fair) -> std::result::Result<(), FairError> {
    from(f, &[FairStatusKind::Draft, FairStatusKind::Published], FairStatusKind::Cancelled)
}

/// Active bookings (requested, offered, booked) at a fair, read through its booking index.
pub fn active_bookings(state: &State, fair: FairId) -> usize {
    state
        .fair_bookings
        .get(&fair)
        .map_or(0, |ids| ids.iter().filter(|id| state.bookings.get(id).is_some_and(|b| b.status.is_active())).count())
}
