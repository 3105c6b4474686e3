use super::*;

// ---------------------------------------------------------------------------------------------

/// Would this event still be a valid fact on `state`? Used when merging logs from two devices:
/// an event the domain now refuses becomes a conflict for the user, not a silent overwrite.
pub(crate) fn check(state: &State, event: &FairEvent) -> std::result::Result<(), FairError> {
    let id = event.fair_id();
    let fair = state.fairs.get(&id);
    match (event, fair) {
        (FairEvent::FairCreated { details, .. }, _) => {
            fair_is_new(state, id)?;
            series_exists(state, details.series)
        }
        (_, None) => existing(state, id).map(|_| ()),
        (FairEvent::FairEdited { details, .. }, Some(f)) => {
            may_edit_fair(f)?;
            // A fair published on the other device keeps what publishing needs.
            if f.status == FairStatus::Published {
                publishable(details)?;
            }
            // A booth booked on the other device holds the fair to a mode that has it.
            keeps_bookings(state, f, details.mode)
        }
        (FairEvent::FairPublished { .. }, Some(f)) => {
            // Dates or a venue removed on the other device: this fair cannot go public as it is.
            may_publish_fair(f)
        }
        (FairEvent::FairUnpublished { .. }, Some(f)) => may_unpublish_fair(f),
        (FairEvent::FairClosed { .. }, Some(f)) => may_close_fair(f),
        (FairEvent::FairOutcomeRecorded { .. }, Some(f)) => may_record_outcome(f),
        (FairEvent::FairCancelled { .. }, Some(f)) => may_cancel_fair(f),
        (FairEvent::FairPostponed { schedule, .. }, Some(f)) => may_postpone_fair(f, schedule),
    }
}

/// Who recorded it may plan fairs (see `authority`), and its values pass the command's checks.
pub(crate) fn recorded(state: &State, actor: &crate::envelope::Actor, event: &FairEvent) -> Result<()> {
    crate::authority::organizer_only(actor.role, <&'static str>::from(event))?;
    match event {
        FairEvent::FairCreated { details, .. } | FairEvent::FairEdited { details, .. } => {
            check_details(state, details)?;
        }
        FairEvent::FairCancelled { reason, .. } | FairEvent::FairPostponed { reason, .. } => {
            clean_reason(reason)?;
        }
        FairEvent::FairOutcomeRecorded { outcome, .. } => outcome_in_range(outcome)?,
        FairEvent::FairPublished { .. } | FairEvent::FairUnpublished { .. } | FairEvent::FairClosed { .. } => {}
    }
    Ok(())
}
