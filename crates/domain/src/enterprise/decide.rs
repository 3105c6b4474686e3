use super::*;

pub(crate) fn decide(
    state: &State,
    actor: &Actor,
    cmd: EnterpriseCommand,
) -> Result<Vec<EnterpriseEvent>, DomainError> {
    use EnterpriseCommand as C;
    use EnterpriseEvent as E;
    match &cmd {
        C::RegisterEnterprise { .. } | C::EditEnterprise { .. } => crate::authority::not_host(actor.role, cmd.name())?,
        C::MarkKeyEnterprise { .. }
        | C::UnmarkKeyEnterprise { .. }
        | C::AssignCommissioner { .. }
        | C::UnassignCommissioner { .. } => crate::authority::organizer_only(actor.role, cmd.name())?,
    }
    let existing = |id: &EnterpriseId| existing_enterprise(state, *id);
    Ok(match cmd {
        C::RegisterEnterprise { enterprise_id, profile } => {
            enterprise_is_new(state, enterprise_id)?;
            may_register_as(actor, enterprise_id)?;
            vec![E::EnterpriseRegistered { enterprise_id, profile: clean_profile(state, &profile, None)? }]
        }
        C::EditEnterprise { enterprise_id, expected_version, profile } => {
            let e = existing(&enterprise_id)?;
            may_edit_enterprise(actor, enterprise_id)?;
            if e.version != expected_version {
                return Err(EnterpriseError::EditConflict { expected: expected_version, actual: e.version }.into());
            }
            let profile = clean_profile(state, &profile, Some(enterprise_id))?;
            if profile == *e.profile {
                return Ok(vec![]);
            }
            vec![E::EnterpriseEdited { enterprise_id, profile }]
        }
        C::MarkKeyEnterprise { enterprise_id, category } => {
            let e = existing(&enterprise_id)?;
            if e.key == Some(category) {
                return Ok(vec![]);
            }
            vec![E::KeyEnterpriseMarked { enterprise_id, category }]
        }
        C::UnmarkKeyEnterprise { enterprise_id } => {
            let e = existing(&enterprise_id)?;
            if e.key.is_none() {
                return Err(EnterpriseError::NotKey.into());
            }
            vec![E::KeyEnterpriseUnmarked { enterprise_id }]
        }
        C::AssignCommissioner { enterprise_id, commissioner } => {
            let e = existing(&enterprise_id)?;
            let name = clean_commissioner(&commissioner)?;
            if e.commissioner.as_deref() == Some(name.as_str()) {
                return Ok(vec![]);
            }
            vec![E::CommissionerAssigned { enterprise_id, commissioner: name }]
        }
        C::UnassignCommissioner { enterprise_id } => {
            if existing(&enterprise_id)?.commissioner.is_none() {
                return Err(EnterpriseError::NoCommissioner.into());
            }
            vec![E::CommissionerUnassigned { enterprise_id }]
        }
    })
}
