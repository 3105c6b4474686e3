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
