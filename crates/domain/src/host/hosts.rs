use super::*;

// ---------------------------------------------------------------------------------------------
// Rules

/// The rule lives with the others in [`crate::authority`].
pub use crate::authority::may_act_for_host;

pub(crate) fn text(s: &str, max: usize, required: HostError, too_long: HostError) -> Result<String, HostError> {
    let s = s.trim();
    if s.is_empty() {
        return Err(required);
    }
    if s.chars().count() > max {
        return Err(too_long);
    }
    Ok(s.into())
}

pub(crate) fn clean_profile(p: &HostProfile) -> Result<HostProfile, HostError> {
    Ok(HostProfile {
        name: text(&p.name, NAME_MAX_CHARS, HostError::NameRequired, HostError::NameTooLong { max: NAME_MAX_CHARS })?,
        title: text(
            &p.title,
            TITLE_MAX_CHARS,
            HostError::TitleRequired,
            HostError::TitleTooLong { max: TITLE_MAX_CHARS },
        )?,
        organisation: text(
            &p.organisation,
            ORGANISATION_MAX_CHARS,
            HostError::OrganisationRequired,
            HostError::OrganisationTooLong { max: ORGANISATION_MAX_CHARS },
        )?,
    })
}

/// Sorted windows, each valid, none overlapping.
pub fn clean_windows(windows: &[Window]) -> Result<Vec<Window>, HostError> {
    if windows.len() > MAX_WINDOWS {
        return Err(HostError::TooManyWindows { max: MAX_WINDOWS });
    }
    let mut w = windows.to_vec();
    w.sort();
    w.dedup();
    for x in &w {
        if x.end <= x.start {
            return Err(HostError::WindowEndNotAfterStart);
        }
        if x.end - x.start > Duration::days(MAX_WINDOW_DAYS) {
            return Err(HostError::WindowTooLong { max_days: MAX_WINDOW_DAYS });
        }
    }
    if w.windows(2).any(|p| p[1].start < p[0].end) {
        return Err(HostError::WindowsOverlap);
    }
    Ok(w)
}

/// A host registers their own profile.
pub(crate) fn register_host(
    state: &State,
    actor: &Actor,
    host_id: HostId,
    profile: HostProfile,
) -> Result<Vec<HostEvent>, DomainError> {
    use HostEvent as E;
    host_is_new(state, host_id)?;
    may_edit_host(actor, host_id)?;
    Ok(vec![E::HostRegistered { host_id, profile: clean_profile(&profile)? }])
}

/// A host edits their profile, at the version the form was opened at.
pub(crate) fn edit_host(
    state: &State,
    actor: &Actor,
    host_id: HostId,
    expected_version: u64,
    profile: HostProfile,
) -> Result<Vec<HostEvent>, DomainError> {
    use HostEvent as E;
    let h = existing_host(state, host_id)?;
    may_edit_host(actor, host_id)?;
    if h.version != expected_version {
        return Err(HostError::EditConflict { expected: expected_version, actual: h.version }.into());
    }
    let profile = clean_profile(&profile)?;
    if profile == h.profile {
        return Ok(vec![]);
    }
    Ok(vec![E::HostEdited { host_id, profile }])
}

/// A host sets when they are available; no scheduled or live session may be left outside.
pub(crate) fn set_availability(
    state: &State,
    actor: &Actor,
    host_id: HostId,
    windows: Vec<Window>,
) -> Result<Vec<HostEvent>, DomainError> {
    use HostEvent as E;
    let h = existing_host(state, host_id)?;
    may_edit_host(actor, host_id)?;
    let windows = clean_windows(&windows)?;
    if windows == h.availability {
        return Ok(vec![]);
    }
    check_strands(state, h, &windows)?;
    Ok(vec![E::AvailabilitySet { host_id, windows }])
}
