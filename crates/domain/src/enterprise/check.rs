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
