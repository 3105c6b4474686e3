use super::*;

pub(crate) type Result<T> = std::result::Result<T, DomainError>;

pub(crate) fn existing(state: &State, id: FairId) -> std::result::Result<&Fair, FairError> {
    state.fairs.get(&id).ok_or(FairError::NotFound)
}

pub(crate) fn decide(state: &State, role: Role, now: DateTime<Utc>, cmd: FairCommand) -> Result<Vec<FairEvent>> {
    crate::authority::organizer_only(role, cmd.name())?;
    match cmd {
        FairCommand::CreateFair { fair_id, details } => create_fair(state, fair_id, details),
        FairCommand::EditFair { fair_id, expected_version, details } => {
            edit_fair(state, fair_id, expected_version, details)
        }
        FairCommand::PublishFair { fair_id } => publish_fair(state, fair_id),
        FairCommand::UnpublishFair { fair_id } => unpublish_fair(state, fair_id),
        FairCommand::CloseFair { fair_id } => close_fair(state, now, fair_id),
        FairCommand::RecordFairOutcome { fair_id, outcome } => record_fair_outcome(state, now, fair_id, outcome),
        FairCommand::CancelFair { fair_id, reason } => cancel_fair(state, fair_id, reason),
        FairCommand::PostponeFair { fair_id, schedule, reason } => postpone_fair(state, fair_id, schedule, reason),
    }
}
