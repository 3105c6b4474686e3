use super::*;

// ---------------------------------------------------------------------------------------------
// State changes

pub(crate) fn evolve(state: &mut State, env: &EventEnvelope, event: &HostEvent) {
    use HostEvent as E;
    let seq = env.seq;
    match event {
        E::HostRegistered { host_id, profile } => {
            state.hosts.insert(
                *host_id,
                Host { id: *host_id, profile: profile.clone(), availability: Vec::new(), version: seq },
            );
        }
        E::HostEdited { host_id, profile } => {
            if let Some(h) = state.hosts.get_mut(host_id) {
                h.profile = profile.clone();
                h.version = seq;
            }
        }
        E::AvailabilitySet { host_id, windows } => {
            if let Some(h) = state.hosts.get_mut(host_id) {
                h.availability = windows.clone();
                h.version = seq;
            }
        }
        E::StreamDomainAllowed { domain } => {
            state.stream_domains.insert(domain.clone(), ());
        }
        E::StreamDomainRemoved { domain } => {
            state.stream_domains.remove(domain);
        }
        E::ChannelAdded { channel_id, details } => {
            state.channels.insert(*channel_id, Channel { id: *channel_id, details: details.clone(), version: seq });
        }
        E::ChannelEdited { channel_id, details } => {
            if let Some(c) = state.channels.get_mut(channel_id) {
                c.details = details.clone();
                c.version = seq;
            }
        }
    }
}
