use super::*;

// ---------------------------------------------------------------------------------------------

/// Would this event still be a valid fact on `state`? Used when merging logs from two devices:
/// an event the domain now refuses becomes a conflict for the user, not a silent overwrite.
pub(crate) fn check(state: &State, event: &FairEvent) -> std::result::Result<(), FairError> {
    let id = event.fair_id();
    let fair = state.fairs.get(&id);
    let from = |f: &Fair, allowed: &[FairStatusKind], to: FairStatusKind| {
        if allowed.contains(&f.status.kind()) {
            Ok(())
        } else {
            Err(FairError::InvalidTransition { from: f.status.kind(), to })
        }
    };
    match (event, fair) {
        (FairEvent::FairCreated { .. }, Some(_)) => Err(FairError::AlreadyExists),
        (FairEvent::FairCreated { details, .. }, None) => details.series.map_or(Ok(()), |s| {
            if state.series.contains_key(&s) {
                Ok(())
            } else {
                Err(FairError::SeriesNotFound)
            }
        }),
        (_, None) => Err(FairError::NotFound),
        (FairEvent::FairEdited { details, .. }, Some(f)) => {
            if matches!(f.status, FairStatus::Closed | FairStatus::Cancelled { .. }) {
                Err(FairError::NotEditable { status: f.status.kind() })
            } else {
                // A fair published on the other device keeps what publishing needs.
                if f.status == FairStatus::Published {
                    publishable(details)?;
                }
                // A booth booked on the other device holds the fair to a mode that has it.
                keeps_bookings(state, f, details.mode)
            }
        }
        (FairEvent::FairPublished { .. }, Some(f)) => {
            from(f, &[FairStatusKind::Draft], FairStatusKind::Published)?;
            // Dates or a venue removed on the other device: this fair cannot go public as it is.
            publishable(&f.details)
        }
        (FairEvent::FairUnpublished { .. }, Some(f)) => from(f, &[FairStatusKind::Published], FairStatusKind::Draft),
        (FairEvent::FairClosed { .. }, Some(f)) => from(f, &[FairStatusKind::Published], FairStatusKind::Closed),
        (FairEvent::FairOutcomeRecorded { .. }, Some(f)) => {
            from(f, &[FairStatusKind::Published, FairStatusKind::Closed], FairStatusKind::Closed)
        }
        (FairEvent::FairCancelled { .. }, Some(f)) => {
            from(f, &[FairStatusKind::Draft, FairStatusKind::Published], FairStatusKind::Cancelled)
        }
    }
}
