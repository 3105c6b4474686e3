use super::*;

pub(crate) fn decide(state: &State, actor: &Actor, cmd: HostCommand) -> Result<Vec<HostEvent>, DomainError> {
    use HostCommand as C;
    use HostEvent as E;
    let forbidden = || DomainError::Forbidden { role: actor.role, command: cmd.name().into() };
    let organizer_only = matches!(
        cmd,
        C::AllowStreamDomain { .. } | C::RemoveStreamDomain { .. } | C::AddChannel { .. } | C::EditChannel { .. }
    );
    if actor.role == Role::Enterprise || (organizer_only && actor.role != Role::Organizer) {
        return Err(forbidden());
    }
    let existing = |id: &HostId| state.hosts.get(id).ok_or(HostError::NotFound);
    Ok(match cmd {
        C::RegisterHost { host_id, profile } => {
            if state.hosts.contains_key(&host_id) {
                return Err(HostError::AlreadyExists.into());
            }
            if !may_act_for_host(actor, host_id) {
                return Err(HostError::NotYourProfile.into());
            }
            vec![E::HostRegistered { host_id, profile: clean_profile(&profile)? }]
        }
        C::EditHost { host_id, expected_version, profile } => {
            let h = existing(&host_id)?;
            if !may_act_for_host(actor, host_id) {
                return Err(HostError::NotYourProfile.into());
            }
            if h.version != expected_version {
                return Err(HostError::EditConflict { expected: expected_version, actual: h.version }.into());
            }
            let profile = clean_profile(&profile)?;
            if profile == h.profile {
                return Ok(vec![]);
            }
            vec![E::HostEdited { host_id, profile }]
        }
        C::SetAvailability { host_id, windows } => {
            let h = existing(&host_id)?;
            if !may_act_for_host(actor, host_id) {
                return Err(HostError::NotYourProfile.into());
            }
            let windows = clean_windows(&windows)?;
            if windows == h.availability {
                return Ok(vec![]);
            }
            check_strands(state, h, &windows)?;
            vec![E::AvailabilitySet { host_id, windows }]
        }
        C::AllowStreamDomain { domain } => {
            let domain = clean_domain(&domain)?;
            if state.stream_domains.contains_key(&domain) {
                return Ok(vec![]);
            }
            vec![E::StreamDomainAllowed { domain }]
        }
        C::RemoveStreamDomain { domain } => {
            let domain = clean_domain(&domain)?;
            if !state.stream_domains.contains_key(&domain) {
                return Err(HostError::DomainNotListed { domain }.into());
            }
            let mut without = state.stream_domains.clone();
            without.remove(&domain);
            let probe = State { stream_domains: without, ..State::default() };
            if let Some(c) = state
                .channels
                .values()
                .find(|c| url_host(&c.details.stream_url).is_ok_and(|h| !domain_allowed(&probe, &h)))
            {
                return Err(HostError::DomainInUse { domain, channel: c.details.name.clone() }.into());
            }
            vec![E::StreamDomainRemoved { domain }]
        }
        C::AddChannel { channel_id, details } => {
            if state.channels.contains_key(&channel_id) {
                return Err(HostError::ChannelExists.into());
            }
            vec![E::ChannelAdded { channel_id, details: clean_channel(state, &details)? }]
        }
        C::EditChannel { channel_id, details } => {
            let c = state.channels.get(&channel_id).ok_or(HostError::ChannelNotFound)?;
            let details = clean_channel(state, &details)?;
            if details == c.details {
                return Ok(vec![]);
            }
            vec![E::ChannelEdited { channel_id, details }]
        }
    })
}
