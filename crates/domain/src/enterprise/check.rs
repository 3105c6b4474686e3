use super::*;

/// Would this event still be a valid fact on `state`? (See `fair::check`.) The same rules as
/// `decide`, from `rules.rs`.
pub(crate) fn check(state: &State, event: &EnterpriseEvent) -> Result<(), EnterpriseError> {
    use EnterpriseEvent as E;
    match event {
        E::EnterpriseRegistered { enterprise_id, profile } => {
            enterprise_is_new(state, *enterprise_id)?;
            credit_code_is_free(state, &profile.credit_code, None)
        }
        E::EnterpriseEdited { enterprise_id, profile } => {
            existing_enterprise(state, *enterprise_id)?;
            credit_code_is_free(state, &profile.credit_code, Some(*enterprise_id))
        }
        E::KeyEnterpriseMarked { enterprise_id, .. }
        | E::KeyEnterpriseUnmarked { enterprise_id }
        | E::CommissionerAssigned { enterprise_id, .. }
        | E::CommissionerUnassigned { enterprise_id } => existing_enterprise(state, *enterprise_id).map(|_| ()),
    }
}

/// Who recorded it may do this for this enterprise, and the profile passes the command's checks.
pub(crate) fn recorded(state: &State, actor: &Actor, event: &EnterpriseEvent) -> Result<(), DomainError> {
    use EnterpriseEvent as E;
    match event {
        E::EnterpriseRegistered { enterprise_id, profile } => {
            crate::authority::not_host(actor.role, event.type_name())?;
            may_register_as(actor, *enterprise_id)?;
            clean_profile(state, profile, None)?;
        }
        E::EnterpriseEdited { enterprise_id, profile } => {
            crate::authority::not_host(actor.role, event.type_name())?;
            may_edit_enterprise(actor, *enterprise_id)?;
            clean_profile(state, profile, Some(*enterprise_id))?;
        }
        E::CommissionerAssigned { commissioner, .. } => {
            crate::authority::organizer_only(actor.role, event.type_name())?;
            clean_commissioner(commissioner)?;
        }
        E::KeyEnterpriseMarked { .. } | E::KeyEnterpriseUnmarked { .. } | E::CommissionerUnassigned { .. } => {
            crate::authority::organizer_only(actor.role, event.type_name())?;
        }
    }
    Ok(())
}
