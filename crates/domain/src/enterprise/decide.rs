use super::*;

/// Normalise a Chinese phone number (spaces, dashes, +86 removed) and check its shape:
/// a mobile number (11 digits, 1[3-9]…), a landline with area code (0 + 2–3 digits + 7–8 digits),
/// or a Shanghai local 8-digit number.
pub fn normalise_phone(input: &str) -> Option<String> {
    let mut s: String = input.chars().filter(|c| !matches!(c, ' ' | '-' | '(' | ')')).collect();
    if let Some(rest) = s.strip_prefix("+86") {
        s = rest.to_owned();
    }
    if !s.chars().all(|c| c.is_ascii_digit()) {
        return None;
    }
    let b = s.as_bytes();
    let mobile = b.len() == 11 && b[0] == b'1' && (b'3'..=b'9').contains(&b[1]);
    let landline = b.first() == Some(&b'0') && (10..=12).contains(&b.len());
    let local = b.len() == 8 && b[0] != b'0' && b[0] != b'1';
    (mobile || landline || local).then_some(s)
}

pub(crate) fn clean_profile(
    state: &State,
    p: &EnterpriseProfile,
    me: Option<EnterpriseId>,
) -> Result<EnterpriseProfile, EnterpriseError> {
    let name = p.name.trim();
    if name.is_empty() {
        return Err(EnterpriseError::NameRequired);
    }
    if name.chars().count() > NAME_MAX_CHARS {
        return Err(EnterpriseError::NameTooLong { max: NAME_MAX_CHARS });
    }
    let code = credit_code::validate(&p.credit_code).map_err(|problem| EnterpriseError::CreditCode { problem })?;
    if let Some(owner) = state.credit_codes.get(&code) {
        if Some(*owner) != me {
            return Err(EnterpriseError::DuplicateCreditCode { code });
        }
    }
    let contact = p.contact_name.trim();
    if contact.is_empty() {
        return Err(EnterpriseError::ContactRequired);
    }
    if contact.chars().count() > CONTACT_MAX_CHARS {
        return Err(EnterpriseError::ContactTooLong { max: CONTACT_MAX_CHARS });
    }
    let phone = normalise_phone(&p.contact_phone)
        .ok_or_else(|| EnterpriseError::PhoneInvalid { phone: p.contact_phone.trim().chars().take(30).collect() })?;
    let description = p.description.trim();
    if description.chars().count() > DESCRIPTION_MAX_CHARS {
        return Err(EnterpriseError::DescriptionTooLong { max: DESCRIPTION_MAX_CHARS });
    }
    Ok(EnterpriseProfile {
        name: name.into(),
        credit_code: code,
        contact_name: contact.into(),
        contact_phone: phone,
        description: description.into(),
        ..p.clone()
    })
}

/// The rule lives with the others in [`crate::authority`].
pub use crate::authority::may_act_for;

pub(crate) fn clean_commissioner(name: &str) -> Result<String, EnterpriseError> {
    let name = name.trim();
    if name.is_empty() {
        return Err(EnterpriseError::CommissionerRequired);
    }
    if name.chars().count() > CONTACT_MAX_CHARS {
        return Err(EnterpriseError::ContactTooLong { max: CONTACT_MAX_CHARS });
    }
    Ok(name.into())
}

/// An enterprise registers itself only (an organizer registers any).
pub fn may_register_as(actor: &Actor, enterprise: EnterpriseId) -> Result<(), EnterpriseError> {
    if actor.role == Role::Enterprise && actor.subject.is_some_and(|s| s != enterprise.0) {
        return Err(EnterpriseError::NotYourEnterprise);
    }
    Ok(())
}

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
    let existing = |id: &EnterpriseId| state.enterprises.get(id).ok_or(EnterpriseError::NotFound);
    Ok(match cmd {
        C::RegisterEnterprise { enterprise_id, profile } => {
            if state.enterprises.contains_key(&enterprise_id) {
                return Err(EnterpriseError::AlreadyExists.into());
            }
            may_register_as(actor, enterprise_id)?;
            vec![E::EnterpriseRegistered { enterprise_id, profile: clean_profile(state, &profile, None)? }]
        }
        C::EditEnterprise { enterprise_id, expected_version, profile } => {
            let e = existing(&enterprise_id)?;
            if !may_act_for(actor, enterprise_id) {
                return Err(EnterpriseError::NotYourEnterprise.into());
            }
            if e.version != expected_version {
                return Err(EnterpriseError::EditConflict { expected: expected_version, actual: e.version }.into());
            }
            let profile = clean_profile(state, &profile, Some(enterprise_id))?;
            if profile == e.profile {
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
