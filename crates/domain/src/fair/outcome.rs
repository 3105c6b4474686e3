use super::*;

/// Every figure of an outcome is at most `MAX_OUTCOME`.
pub(crate) fn outcome_in_range(o: &FairOutcome) -> std::result::Result<(), FairError> {
    if [o.visitors, o.applications, o.hires, o.returned_to_work].iter().any(|v| *v > MAX_OUTCOME) {
        return Err(FairError::OutcomeTooLarge { max: MAX_OUTCOME });
    }
    Ok(())
}

/// What a fair that has started achieved (recorded, or corrected).
pub(crate) fn record_fair_outcome(
    state: &State,
    now: DateTime<Utc>,
    fair_id: FairId,
    outcome: FairOutcome,
) -> Result<Vec<FairEvent>> {
    let fair = existing(state, fair_id)?;
    may_record_outcome(fair)?;
    match fair.details.schedule {
        Some(s) if now >= s.start => {}
        _ => return Err(FairError::OutcomeBeforeStart.into()),
    }
    outcome_in_range(&outcome)?;
    if fair.outcome == Some(outcome) {
        return Ok(vec![]);
    }
    Ok(vec![FairEvent::FairOutcomeRecorded { fair_id, outcome }])
}
