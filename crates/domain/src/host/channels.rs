use super::*;

pub(crate) fn clean_channel(state: &State, d: &ChannelDetails) -> Result<ChannelDetails, HostError> {
    let name = text(
        &d.name,
        CHANNEL_NAME_MAX_CHARS,
        HostError::ChannelNameRequired,
        HostError::ChannelNameTooLong { max: CHANNEL_NAME_MAX_CHARS },
    )?;
    let stream_url = check_stream_url(state, &d.stream_url).map_err(|problem| HostError::StreamUrl { problem })?;
    Ok(ChannelDetails { name, platform: d.platform, stream_url })
}

/// The organizer adds a channel whose stream URL is on an allowed https domain.
pub(crate) fn add_channel(
    state: &State,
    channel_id: ChannelId,
    details: ChannelDetails,
) -> Result<Vec<HostEvent>, DomainError> {
    use HostEvent as E;
    channel_is_new(state, channel_id)?;
    Ok(vec![E::ChannelAdded { channel_id, details: clean_channel(state, &details)? }])
}

/// The organizer edits a channel.
pub(crate) fn edit_channel(
    state: &State,
    channel_id: ChannelId,
    details: ChannelDetails,
) -> Result<Vec<HostEvent>, DomainError> {
    use HostEvent as E;
    let c = existing_channel(state, channel_id)?;
    let details = clean_channel(state, &details)?;
    if details == c.details {
        return Ok(vec![]);
    }
    Ok(vec![E::ChannelEdited { channel_id, details }])
}
