//! The host's and channel's rules, written once: `decide` and the merge `check` both ask these.
use super::*;

/// A host id is registered once.
pub fn host_is_new(state: &State, id: HostId) -> Result<(), HostError> {
    if state.hosts.contains_key(&id) {
        Err(HostError::AlreadyExists)
    } else {
        Ok(())
    }
}

/// The host a command or event is about must be registered.
pub fn existing_host(state: &State, id: HostId) -> Result<&Host, HostError> {
    state.hosts.get(&id).ok_or(HostError::NotFound)
}

/// Only the host themself (or an organizer) registers and edits their profile and availability.
pub fn may_edit_host(actor: &Actor, id: HostId) -> Result<(), HostError> {
    if may_act_for_host(actor, id) {
        Ok(())
    } else {
        Err(HostError::NotYourProfile)
    }
}

/// A channel id is added once.
pub fn channel_is_new(state: &State, id: ChannelId) -> Result<(), HostError> {
    if state.channels.contains_key(&id) {
        Err(HostError::ChannelExists)
    } else {
        Ok(())
    }
}

/// The channel a command or event is about must exist.
pub fn existing_channel(state: &State, id: ChannelId) -> Result<&Channel, HostError> {
    state.channels.get(&id).ok_or(HostError::ChannelNotFound)
}
