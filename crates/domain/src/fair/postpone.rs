//! Postponing a fair (延期举办): a published fair moves to later dates, with a reason; the
//! enterprises holding booths at it are told, as with every change to a published fair.
use super::*;

/// A published fair that has dates may be postponed to a later start; the new dates keep the
/// limits every fair's dates keep (`dates_problem`).
pub fn may_postpone_fair(f: &Fair, to: &Schedule) -> std::result::Result<(), FairError> {
    if f.status != FairStatus::Published {
        return Err(FairError::NotPostponable { status: f.status.kind() });
    }
    dates_problem(to)?;
    match f.details.schedule {
        Some(from) if to.start > from.start => Ok(()),
        Some(_) => Err(FairError::NotLater),
        None => Err(FairError::DatesRequired),
    }
}

/// The fair moves to `schedule`; the reason is told to the enterprises with booths.
pub(crate) fn postpone_fair(
    state: &State,
    fair_id: FairId,
    schedule: Schedule,
    reason: String,
) -> Result<Vec<FairEvent>> {
    let fair = existing(state, fair_id)?;
    may_postpone_fair(fair, &schedule)?;
    let reason = clean_reason(&reason)?;
    Ok(vec![FairEvent::FairPostponed { fair_id, schedule, reason }])
}
