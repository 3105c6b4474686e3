//! The enterprise's rules, written once: `decide` and the merge `check` both ask these.
use super::*;

/// An enterprise id is registered once.
pub fn enterprise_is_new(state: &State, enterprise: EnterpriseId) -> Result<(), EnterpriseError> {
    if state.enterprises.contains_key(&enterprise) {
        Err(EnterpriseError::AlreadyExists)
    } else {
        Ok(())
    }
}

/// The enterprise a command or event is about must be registered.
pub fn existing_enterprise(state: &State, enterprise: EnterpriseId) -> Result<&Enterprise, EnterpriseError> {
    state.enterprises.get(&enterprise).ok_or(EnterpriseError::NotFound)
}

/// A credit code belongs to one enterprise: free, or already `me`'s.
pub fn credit_code_is_free(state: &State, code: &str, me: Option<EnterpriseId>) -> Result<(), EnterpriseError> {
    match state.credit_codes.get(code) {
        Some(owner) if Some(*owner) != me => Err(EnterpriseError::DuplicateCreditCode { code: code.into() }),
        _ => Ok(()),
    }
}

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
    credit_code_is_free(state, &code, me)?;
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

/// The rule lives with the other role rules in [`crate::authority`].
pub use crate::authority::may_act_for;

/// Only this enterprise itself (or an organizer) edits its profile.
pub fn may_edit_enterprise(actor: &Actor, enterprise: EnterpriseId) -> Result<(), EnterpriseError> {
    if may_act_for(actor, enterprise) {
        Ok(())
    } else {
        Err(EnterpriseError::NotYourEnterprise)
    }
}

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
