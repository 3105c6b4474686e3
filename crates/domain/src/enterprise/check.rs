use super::*;

/// Would this event still be a valid fact on `state`? (See `fair::check`.)
pub(crate) fn check(state: &State, event: &EnterpriseEvent) -> Result<(), EnterpriseError> {
    use EnterpriseEvent as E;
    match event {
        E::EnterpriseRegistered { enterprise_id, profile } => {
            if state.enterprises.contains_key(enterprise_id) {
                return Err(EnterpriseError::AlreadyExists);
            }
            if state.credit_codes.contains_key(&profile.credit_code) {
                return Err(EnterpriseError::DuplicateCreditCode { code: profile.credit_code.clone() });
            }
            Ok(())
        }
        E::EnterpriseEdited { enterprise_id, profile } => {
            if !state.enterprises.contains_key(enterprise_id) {
                return Err(EnterpriseError::NotFound);
            }
            match state.credit_codes.get(&profile.credit_code) {
                Some(owner) if owner != enterprise_id => {
                    Err(EnterpriseError::DuplicateCreditCode { code: profile.credit_code.clone() })
                }
                _ => Ok(()),
            }
        }
        E::KeyEnterpriseMarked { enterprise_id, .. }
        | E::KeyEnterpriseUnmarked { enterprise_id }
        | E::CommissionerAssigned { enterprise_id, .. }
        | E::CommissionerUnassigned { enterprise_id } => {
            if state.enterprises.contains_key(enterprise_id) {
                Ok(())
            } else {
                Err(EnterpriseError::NotFound)
            }
        }
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
            if !may_act_for(actor, *enterprise_id) {
                return Err(EnterpriseError::NotYourEnterprise.into());
            }
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
