//! Livestream hosts (主播 / 嘉宾, e.g. a district bureau director), channels (直播间 / 频道) and
//! the allowlist of streaming domains that channels may point at.
//!
//! * Hosts have a profile (name, title, organisation) and availability windows. A host with no
//!   window declared is available at any time; once windows are declared, a session must fall
//!   inside one of them.
//! * Channels have a name, a platform and a stream URL. Only `https://` URLs whose host name is on
//!   the organizer's allowlist are accepted; anything else is refused with the reason.
//! * The organizer edits the allowlist and the channels; a host (Role::Host, subject = host id)
//!   edits its own profile and availability.
use chrono::{DateTime, Duration, Utc};
use serde::{Deserialize, Serialize};

#[cfg(test)]
use crate::envelope::Role;
use crate::envelope::{Actor, EventEnvelope};
use crate::error::DomainError;
use crate::ids::{ChannelId, HostId};
use crate::state::State;

mod allowlist;
mod channels;
mod check;
mod decide;
mod evolve;
mod hosts;
mod rules;
pub use self::allowlist::*;
pub(crate) use self::channels::*;
pub(crate) use self::check::*;
pub(crate) use self::decide::*;
pub(crate) use self::evolve::*;
pub use self::hosts::*;
pub use self::rules::*;

pub const NAME_MAX_CHARS: usize = 40;
pub const TITLE_MAX_CHARS: usize = 60;
pub const ORGANISATION_MAX_CHARS: usize = 80;
pub const CHANNEL_NAME_MAX_CHARS: usize = 60;
pub const URL_MAX_CHARS: usize = 500;
pub const DOMAIN_MAX_CHARS: usize = 253;
pub const MAX_WINDOWS: usize = 60;
/// One availability window lasts at most this long.
pub const MAX_WINDOW_DAYS: i64 = 31;

#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct HostProfile {
    pub name: String,
    /// e.g. 局长 (bureau director).
    pub title: String,
    /// e.g. 徐汇区人力资源和社会保障局.
    pub organisation: String,
}

/// A period in which a host can be on air.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub struct Window {
    #[serde(with = "crate::snapshot::form::instant")]
    pub start: DateTime<Utc>,
    #[serde(with = "crate::snapshot::form::instant")]
    pub end: DateTime<Utc>,
}

impl Window {
    pub fn contains(&self, start: DateTime<Utc>, end: DateTime<Utc>) -> bool {
        self.start <= start && end <= self.end
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Hash, serde::Serialize, serde::Deserialize)]
pub struct Host {
    pub id: HostId,
    pub profile: HostProfile,
    /// Sorted, non-overlapping. Empty: available at any time.
    pub availability: Vec<Window>,
    pub version: u64,
}

impl Host {
    /// Is the host available for the whole of `[start, end)`?
    pub fn available(&self, start: DateTime<Utc>, end: DateTime<Utc>) -> bool {
        self.availability.is_empty() || self.availability.iter().any(|w| w.contains(start, end))
    }
}

/// Where a channel streams.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
#[derive(strum::IntoStaticStr, strum::EnumString, strum::VariantArray)]
#[strum(serialize_all = "snake_case")]
pub enum Platform {
    /// 上海公共招聘新平台 and other public employment-service sites.
    PublicPlatform,
    /// 微信视频号
    #[strum(serialize = "wechat_channels")]
    WeChatChannels,
    /// 抖音
    Douyin,
    /// 快手
    Kuaishou,
    /// 哔哩哔哩
    Bilibili,
    Other,
}

#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct ChannelDetails {
    pub name: String,
    pub platform: Platform,
    pub stream_url: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Hash, serde::Serialize, serde::Deserialize)]
pub struct Channel {
    pub id: ChannelId,
    pub details: ChannelDetails,
    pub version: u64,
}

// ---------------------------------------------------------------------------------------------
// Commands, events, errors

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, strum::IntoStaticStr)]
pub enum HostCommand {
    RegisterHost {
        host_id: HostId,
        profile: HostProfile,
    },
    EditHost {
        host_id: HostId,
        expected_version: u64,
        profile: HostProfile,
    },
    /// Replace the host's availability windows (empty: available at any time).
    SetAvailability {
        host_id: HostId,
        windows: Vec<Window>,
    },
    AllowStreamDomain {
        domain: String,
    },
    RemoveStreamDomain {
        domain: String,
    },
    AddChannel {
        channel_id: ChannelId,
        details: ChannelDetails,
    },
    EditChannel {
        channel_id: ChannelId,
        details: ChannelDetails,
    },
}

impl HostCommand {
    /// The variant's name (`strum::IntoStaticStr`).
    pub fn name(&self) -> &'static str {
        self.into()
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, strum::IntoStaticStr)]
pub enum HostEvent {
    HostRegistered { host_id: HostId, profile: HostProfile },
    HostEdited { host_id: HostId, profile: HostProfile },
    AvailabilitySet { host_id: HostId, windows: Vec<Window> },
    StreamDomainAllowed { domain: String },
    StreamDomainRemoved { domain: String },
    ChannelAdded { channel_id: ChannelId, details: ChannelDetails },
    ChannelEdited { channel_id: ChannelId, details: ChannelDetails },
}

impl HostEvent {
    /// The variant's name (`strum::IntoStaticStr`).
    pub fn type_name(&self) -> &'static str {
        self.into()
    }
}

/// Why a stream URL is refused.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, thiserror::Error)]
#[serde(rename_all = "snake_case")]
pub enum UrlProblem {
    #[error("a stream URL is required")]
    Empty,
    #[error("the URL is longer than {max} characters")]
    TooLong { max: usize },
    #[error("only https:// URLs are accepted")]
    NotHttps,
    #[error("the URL is not well formed")]
    Malformed,
    #[error("user names or passwords in a URL are not accepted")]
    HasCredentials,
    #[error("{host} is not on the organizer's list of streaming sites")]
    HostNotAllowed { host: String },
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, thiserror::Error, strum::IntoStaticStr)]
#[strum(serialize_all = "snake_case")]
#[serde(rename_all = "snake_case")]
pub enum HostError {
    #[error("no such host")]
    NotFound,
    #[error("a host with this id already exists")]
    AlreadyExists,
    #[error("a host needs a name")]
    NameRequired,
    #[error("the name is longer than {max} characters")]
    NameTooLong { max: usize },
    #[error("a host needs a title")]
    TitleRequired,
    #[error("the title is longer than {max} characters")]
    TitleTooLong { max: usize },
    #[error("a host needs an organisation")]
    OrganisationRequired,
    #[error("the organisation is longer than {max} characters")]
    OrganisationTooLong { max: usize },
    #[error("a host may only change its own profile")]
    NotYourProfile,
    #[error("the host was changed (version {actual}) since this form was opened (version {expected})")]
    EditConflict { expected: u64, actual: u64 },
    #[error("an availability window must end after it starts")]
    WindowEndNotAfterStart,
    #[error("an availability window lasts at most {max_days} days")]
    WindowTooLong { max_days: i64 },
    #[error("at most {max} availability windows")]
    TooManyWindows { max: usize },
    #[error("availability windows overlap")]
    WindowsOverlap,
    #[error("the host has a scheduled session ({title}) outside the new availability")]
    StrandsSession { title: String },
    #[error("no such channel")]
    ChannelNotFound,
    #[error("a channel with this id already exists")]
    ChannelExists,
    #[error("a channel needs a name")]
    ChannelNameRequired,
    #[error("the channel name is longer than {max} characters")]
    ChannelNameTooLong { max: usize },
    #[error("stream URL refused: {problem}")]
    StreamUrl { problem: UrlProblem },
    #[error("{domain:?} is not a domain name")]
    DomainInvalid { domain: String },
    #[error("{domain} is not on the list")]
    DomainNotListed { domain: String },
    #[error("channel {channel} still streams from {domain}")]
    DomainInUse { domain: String, channel: String },
}

impl HostError {
    pub fn field(&self) -> Option<&'static str> {
        use HostError::*;
        Some(match self {
            NameRequired | NameTooLong { .. } => "host_name",
            TitleRequired | TitleTooLong { .. } => "host_title",
            OrganisationRequired | OrganisationTooLong { .. } => "organisation",
            WindowEndNotAfterStart | WindowTooLong { .. } | TooManyWindows { .. } | WindowsOverlap => "windows",
            ChannelNameRequired | ChannelNameTooLong { .. } => "channel_name",
            StreamUrl { .. } => "stream_url",
            DomainInvalid { .. } | DomainNotListed { .. } | DomainInUse { .. } => "domain",
            _ => return None,
        })
    }
}

#[cfg(test)]
mod tests;
