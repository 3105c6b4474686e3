use super::*;

pub(crate) fn decide(state: &State, actor: &Actor, cmd: HostCommand) -> Result<Vec<HostEvent>, DomainError> {
    use HostCommand as C;
    let organizer_only = matches!(
        cmd,
        C::AllowStreamDomain { .. } | C::RemoveStreamDomain { .. } | C::AddChannel { .. } | C::EditChannel { .. }
    );
    crate::authority::not_enterprise(actor.role, cmd.name())?;
    if organizer_only {
        crate::authority::organizer_only(actor.role, cmd.name())?;
    }
    match cmd {
        C::RegisterHost { host_id, profile } => register_host(state, actor, host_id, profile),
        C::EditHost { host_id, expected_version, profile } => {
            edit_host(state, actor, host_id, expected_version, profile)
        }
        C::SetAvailability { host_id, windows } => set_availability(state, actor, host_id, windows),
        C::AllowStreamDomain { domain } => allow_stream_domain(state, domain),
        C::RemoveStreamDomain { domain } => remove_stream_domain(state, domain),
        C::AddChannel { channel_id, details } => add_channel(state, channel_id, details),
        C::EditChannel { channel_id, details } => edit_channel(state, channel_id, details),
    }
}
