use super::*;

/// Refuse availability windows that would leave one of the host's scheduled or live sessions
/// outside them (reads the host's lane of the livestream index only).
pub(crate) fn check_strands(state: &State, h: &Host, windows: &[Window]) -> Result<(), HostError> {
    let probe = Host { availability: windows.to_vec(), ..h.clone() };
    match state.active_sessions_of_host(h.id).find(|s| !probe.available(s.plan.start, s.plan.end())) {
        Some(s) => Err(HostError::StrandsSession { title: s.plan.title.clone() }),
        None => Ok(()),
    }
}

/// Would this event still be a valid fact on `state`? Used when merging logs (see `merge`).
pub(crate) fn check(state: &State, event: &HostEvent) -> Result<(), HostError> {
    match event {
        HostEvent::HostRegistered { host_id, .. } => host_is_new(state, *host_id),
        HostEvent::HostEdited { host_id, .. } => existing_host(state, *host_id).map(|_| ()),
        // A session scheduled on the other device outside the new windows: a hard conflict.
        HostEvent::AvailabilitySet { host_id, windows } => {
            check_strands(state, existing_host(state, *host_id)?, windows)
        }
        HostEvent::ChannelAdded { channel_id, .. } => channel_is_new(state, *channel_id),
        HostEvent::ChannelEdited { channel_id, .. } => existing_channel(state, *channel_id).map(|_| ()),
        HostEvent::StreamDomainAllowed { .. } | HostEvent::StreamDomainRemoved { .. } => Ok(()),
    }
}

/// Who recorded it may do this for this host (see `authority`), and its values pass the
/// command's checks: names, windows, allowlisted domains and stream URLs.
pub(crate) fn recorded(state: &State, actor: &Actor, event: &HostEvent) -> Result<(), DomainError> {
    use HostEvent as E;
    crate::authority::not_enterprise(actor.role, event.type_name())?;
    match event {
        E::HostRegistered { host_id, profile } | E::HostEdited { host_id, profile } => {
            may_edit_host(actor, *host_id)?;
            clean_profile(profile)?;
        }
        E::AvailabilitySet { host_id, windows } => {
            may_edit_host(actor, *host_id)?;
            clean_windows(windows)?;
        }
        E::StreamDomainAllowed { domain } => {
            crate::authority::organizer_only(actor.role, event.type_name())?;
            clean_domain(domain)?;
        }
        E::StreamDomainRemoved { .. } => crate::authority::organizer_only(actor.role, event.type_name())?,
        E::ChannelAdded { details, .. } | E::ChannelEdited { details, .. } => {
            crate::authority::organizer_only(actor.role, event.type_name())?;
            clean_channel(state, details)?;
        }
    }
    Ok(())
}
