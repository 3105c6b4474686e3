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

use crate::envelope::{Actor, EventEnvelope, Role};
use crate::error::DomainError;
use crate::ids::{ChannelId, HostId};
use crate::state::State;

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
    pub start: DateTime<Utc>,
    pub end: DateTime<Utc>,
}

impl Window {
    pub fn contains(&self, start: DateTime<Utc>, end: DateTime<Utc>) -> bool {
        self.start <= start && end <= self.end
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Hash)]
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
pub enum Platform {
    /// 上海公共招聘新平台 and other public employment-service sites.
    PublicPlatform,
    /// 微信视频号
    WeChatChannels,
    /// 抖音
    Douyin,
    /// 快手
    Kuaishou,
    /// 哔哩哔哩
    Bilibili,
    Other,
}

impl Platform {
    pub const ALL: [Platform; 6] = [
        Platform::PublicPlatform,
        Platform::WeChatChannels,
        Platform::Douyin,
        Platform::Kuaishou,
        Platform::Bilibili,
        Platform::Other,
    ];
    pub fn key(self) -> &'static str {
        match self {
            Platform::PublicPlatform => "public_platform",
            Platform::WeChatChannels => "wechat_channels",
            Platform::Douyin => "douyin",
            Platform::Kuaishou => "kuaishou",
            Platform::Bilibili => "bilibili",
            Platform::Other => "other",
        }
    }
    pub fn from_key(k: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|p| p.key() == k)
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct ChannelDetails {
    pub name: String,
    pub platform: Platform,
    pub stream_url: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct Channel {
    pub id: ChannelId,
    pub details: ChannelDetails,
    pub version: u64,
}

// ---------------------------------------------------------------------------------------------
// Commands, events, errors

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
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
    pub fn name(&self) -> &'static str {
        match self {
            HostCommand::RegisterHost { .. } => "RegisterHost",
            HostCommand::EditHost { .. } => "EditHost",
            HostCommand::SetAvailability { .. } => "SetAvailability",
            HostCommand::AllowStreamDomain { .. } => "AllowStreamDomain",
            HostCommand::RemoveStreamDomain { .. } => "RemoveStreamDomain",
            HostCommand::AddChannel { .. } => "AddChannel",
            HostCommand::EditChannel { .. } => "EditChannel",
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
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
    pub fn type_name(&self) -> &'static str {
        match self {
            HostEvent::HostRegistered { .. } => "HostRegistered",
            HostEvent::HostEdited { .. } => "HostEdited",
            HostEvent::AvailabilitySet { .. } => "AvailabilitySet",
            HostEvent::StreamDomainAllowed { .. } => "StreamDomainAllowed",
            HostEvent::StreamDomainRemoved { .. } => "StreamDomainRemoved",
            HostEvent::ChannelAdded { .. } => "ChannelAdded",
            HostEvent::ChannelEdited { .. } => "ChannelEdited",
        }
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

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, thiserror::Error)]
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

// ---------------------------------------------------------------------------------------------
// Rules

/// May this actor act for this host? Organizers may; a host only for itself.
pub fn may_act_for_host(actor: &Actor, host: HostId) -> bool {
    match actor.role {
        Role::Organizer => true,
        Role::Host => actor.subject == Some(host.0),
        Role::Enterprise => false,
    }
}

fn text(s: &str, max: usize, required: HostError, too_long: HostError) -> Result<String, HostError> {
    let s = s.trim();
    if s.is_empty() {
        return Err(required);
    }
    if s.chars().count() > max {
        return Err(too_long);
    }
    Ok(s.into())
}

fn clean_profile(p: &HostProfile) -> Result<HostProfile, HostError> {
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

/// Normalise a domain name for the allowlist: lower case, no scheme, no path, no trailing dot.
pub fn clean_domain(input: &str) -> Result<String, HostError> {
    let d = input.trim().trim_end_matches('.').to_ascii_lowercase();
    let invalid = || HostError::DomainInvalid { domain: input.trim().chars().take(60).collect() };
    if d.is_empty() || d.len() > DOMAIN_MAX_CHARS || !d.contains('.') {
        return Err(invalid());
    }
    let label_ok = |l: &str| {
        !l.is_empty()
            && l.len() <= 63
            && !l.starts_with('-')
            && !l.ends_with('-')
            && l.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'-')
    };
    if !d.split('.').all(label_ok) {
        return Err(invalid());
    }
    Ok(d)
}

/// The lower-case host name of an `https://` URL, or why the URL is not acceptable.
/// Only the shape is checked here; the allowlist is checked by [`check_stream_url`].
pub fn url_host(url: &str) -> Result<String, UrlProblem> {
    let url = url.trim();
    if url.is_empty() {
        return Err(UrlProblem::Empty);
    }
    if url.chars().count() > URL_MAX_CHARS {
        return Err(UrlProblem::TooLong { max: URL_MAX_CHARS });
    }
    if url.chars().any(|c| c.is_whitespace() || c.is_control() || c == '\\') {
        return Err(UrlProblem::Malformed);
    }
    let scheme_end = url.find("://").ok_or(UrlProblem::NotHttps)?;
    if !url[..scheme_end].eq_ignore_ascii_case("https") {
        return Err(UrlProblem::NotHttps);
    }
    let rest = &url[scheme_end + 3..];
    let authority = &rest[..rest.find(['/', '?', '#']).unwrap_or(rest.len())];
    if authority.contains('@') {
        return Err(UrlProblem::HasCredentials);
    }
    let (host, port) = match authority.rsplit_once(':') {
        Some((h, p)) => (h, Some(p)),
        None => (authority, None),
    };
    if let Some(p) = port {
        if p.is_empty()
            || p.len() > 5
            || !p.bytes().all(|b| b.is_ascii_digit())
            || p.parse::<u32>().unwrap_or(0) > 65535
        {
            return Err(UrlProblem::Malformed);
        }
    }
    clean_domain(host).map_err(|_| UrlProblem::Malformed)
}

/// An https URL whose host is on the allowlist (exactly, or a subdomain of a listed domain).
pub fn check_stream_url(state: &State, url: &str) -> Result<String, UrlProblem> {
    let host = url_host(url)?;
    if !domain_allowed(state, &host) {
        return Err(UrlProblem::HostNotAllowed { host });
    }
    Ok(url.trim().to_owned())
}

/// Is this host name, or a parent domain of it, on the allowlist?
pub fn domain_allowed(state: &State, host: &str) -> bool {
    let mut h = host;
    loop {
        if state.stream_domains.contains_key(h) {
            return true;
        }
        match h.split_once('.') {
            Some((_, parent)) if parent.contains('.') => h = parent,
            _ => return false,
        }
    }
}

fn clean_channel(state: &State, d: &ChannelDetails) -> Result<ChannelDetails, HostError> {
    let name = text(
        &d.name,
        CHANNEL_NAME_MAX_CHARS,
        HostError::ChannelNameRequired,
        HostError::ChannelNameTooLong { max: CHANNEL_NAME_MAX_CHARS },
    )?;
    let stream_url = check_stream_url(state, &d.stream_url).map_err(|problem| HostError::StreamUrl { problem })?;
    Ok(ChannelDetails { name, platform: d.platform, stream_url })
}

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

/// Refuse availability windows that would leave one of the host's scheduled or live sessions
/// outside them (reads the host's lane of the livestream index only).
fn check_strands(state: &State, h: &Host, windows: &[Window]) -> Result<(), HostError> {
    let probe = Host { availability: windows.to_vec(), ..h.clone() };
    match crate::livestream::active_sessions_of_host(state, h.id).find(|s| !probe.available(s.plan.start, s.plan.end()))
    {
        Some(s) => Err(HostError::StrandsSession { title: s.plan.title.clone() }),
        None => Ok(()),
    }
}

/// Would this event still be a valid fact on `state`? Used when merging logs (see `merge`).
pub(crate) fn check(state: &State, event: &HostEvent) -> Result<(), HostError> {
    match event {
        HostEvent::HostRegistered { host_id, .. } if state.hosts.contains_key(host_id) => Err(HostError::AlreadyExists),
        HostEvent::HostEdited { host_id, .. } if !state.hosts.contains_key(host_id) => Err(HostError::NotFound),
        // A session scheduled on the other device outside the new windows: a hard conflict.
        HostEvent::AvailabilitySet { host_id, windows } => {
            check_strands(state, state.hosts.get(host_id).ok_or(HostError::NotFound)?, windows)
        }
        HostEvent::ChannelAdded { channel_id, .. } if state.channels.contains_key(channel_id) => {
            Err(HostError::ChannelExists)
        }
        HostEvent::ChannelEdited { channel_id, .. } if !state.channels.contains_key(channel_id) => {
            Err(HostError::ChannelNotFound)
        }
        _ => Ok(()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::testing::{given, given_nothing, t};
    use crate::{Command, Event, Intent};

    fn host() -> HostId {
        HostId::from_u128(1)
    }
    fn channel() -> ChannelId {
        ChannelId::from_u128(2)
    }
    fn profile() -> HostProfile {
        HostProfile {
            name: "李明".into(), title: "局长".into(), organisation: "徐汇区人力资源和社会保障局".into()
        }
    }
    fn registered() -> Event {
        HostEvent::HostRegistered { host_id: host(), profile: profile() }.into()
    }
    fn allowed() -> Event {
        HostEvent::StreamDomainAllowed { domain: "live.12333.sh.cn".into() }.into()
    }
    fn details(url: &str) -> ChannelDetails {
        ChannelDetails {
            name: "上海公共招聘新平台直播间".into(),
            platform: Platform::PublicPlatform,
            stream_url: url.into(),
        }
    }
    fn as_host(h: HostId, intent: impl Into<Intent>) -> Command {
        Command {
            actor: Actor { role: Role::Host, name: "李明".into(), subject: Some(h.0) },
            now: t("2026-03-01T09:00"),
            intent: intent.into(),
        }
    }

    #[test]
    fn it_should_register_a_host_with_a_trimmed_profile() {
        let p = HostProfile { name: " 李明 ".into(), ..profile() };
        given_nothing()
            .when(HostCommand::RegisterHost { host_id: host(), profile: p })
            .then([HostEvent::HostRegistered { host_id: host(), profile: profile() }]);
    }

    #[test]
    fn it_should_not_register_a_host_without_a_title() {
        let p = HostProfile { title: " ".into(), ..profile() };
        given_nothing()
            .when(HostCommand::RegisterHost { host_id: host(), profile: p })
            .then_err(HostError::TitleRequired);
    }

    #[test]
    fn a_host_may_register_itself_but_not_someone_else() {
        given_nothing()
            .when_full(as_host(host(), HostCommand::RegisterHost { host_id: host(), profile: profile() }))
            .then([HostEvent::HostRegistered { host_id: host(), profile: profile() }]);
        given_nothing()
            .when_full(as_host(HostId::from_u128(9), HostCommand::RegisterHost { host_id: host(), profile: profile() }))
            .then_err(HostError::NotYourProfile);
    }

    #[test]
    fn it_should_set_availability_sorted() {
        let a = Window { start: t("2026-03-10T09:00"), end: t("2026-03-10T12:00") };
        let b = Window { start: t("2026-03-09T14:00"), end: t("2026-03-09T17:00") };
        given([registered()])
            .when_full(as_host(host(), HostCommand::SetAvailability { host_id: host(), windows: vec![a, b] }))
            .then([HostEvent::AvailabilitySet { host_id: host(), windows: vec![b, a] }]);
    }

    #[test]
    fn it_should_refuse_overlapping_windows() {
        let a = Window { start: t("2026-03-10T09:00"), end: t("2026-03-10T12:00") };
        let b = Window { start: t("2026-03-10T11:00"), end: t("2026-03-10T17:00") };
        given([registered()])
            .when(HostCommand::SetAvailability { host_id: host(), windows: vec![a, b] })
            .then_err(HostError::WindowsOverlap);
    }

    #[test]
    fn it_should_refuse_a_window_that_ends_before_it_starts() {
        let a = Window { start: t("2026-03-10T12:00"), end: t("2026-03-10T09:00") };
        given([registered()])
            .when(HostCommand::SetAvailability { host_id: host(), windows: vec![a] })
            .then_err(HostError::WindowEndNotAfterStart);
    }

    #[test]
    fn it_should_add_a_channel_on_an_allowed_https_site() {
        let url = "https://live.12333.sh.cn/room/1";
        given([allowed()])
            .when(HostCommand::AddChannel { channel_id: channel(), details: details(url) })
            .then([HostEvent::ChannelAdded { channel_id: channel(), details: details(url) }]);
    }

    #[test]
    fn a_subdomain_of_an_allowed_domain_is_allowed() {
        let url = "https://m.live.12333.sh.cn:8443/room/1?x=1";
        given([allowed()])
            .when(HostCommand::AddChannel { channel_id: channel(), details: details(url) })
            .then([HostEvent::ChannelAdded { channel_id: channel(), details: details(url) }]);
    }

    #[test]
    fn it_should_refuse_a_plain_http_url() {
        given([allowed()])
            .when(HostCommand::AddChannel { channel_id: channel(), details: details("http://live.12333.sh.cn/room") })
            .then_err(HostError::StreamUrl { problem: UrlProblem::NotHttps });
    }

    #[test]
    fn it_should_refuse_a_site_not_on_the_list() {
        given([allowed()])
            .when(HostCommand::AddChannel { channel_id: channel(), details: details("https://evil.example.com/x") })
            .then_err(HostError::StreamUrl { problem: UrlProblem::HostNotAllowed { host: "evil.example.com".into() } });
    }

    #[test]
    fn it_should_refuse_tricks_with_credentials_and_lookalike_domains() {
        given([allowed()])
            .when(HostCommand::AddChannel {
                channel_id: channel(),
                details: details("https://live.12333.sh.cn@evil.example.com/"),
            })
            .then_err(HostError::StreamUrl { problem: UrlProblem::HasCredentials });
        given([allowed()])
            .when(HostCommand::AddChannel {
                channel_id: channel(),
                details: details("https://live.12333.sh.cn.evil.com/"),
            })
            .then_err(HostError::StreamUrl {
                problem: UrlProblem::HostNotAllowed { host: "live.12333.sh.cn.evil.com".into() },
            });
        given([allowed()])
            .when(HostCommand::AddChannel { channel_id: channel(), details: details("javascript:alert(1)") })
            .then_err(HostError::StreamUrl { problem: UrlProblem::NotHttps });
    }

    #[test]
    fn only_organizers_edit_the_allowlist_and_channels() {
        given_nothing()
            .when_full(as_host(host(), HostCommand::AllowStreamDomain { domain: "a.example.cn".into() }))
            .then_err(DomainError::Forbidden { role: Role::Host, command: "AllowStreamDomain".into() });
    }

    #[test]
    fn it_should_normalise_an_allowed_domain() {
        given_nothing()
            .when(HostCommand::AllowStreamDomain { domain: " Live.12333.SH.cn. ".into() })
            .then([HostEvent::StreamDomainAllowed { domain: "live.12333.sh.cn".into() }]);
        given_nothing()
            .when(HostCommand::AllowStreamDomain { domain: "https://x.cn/".into() })
            .then_err(HostError::DomainInvalid { domain: "https://x.cn/".into() });
    }

    #[test]
    fn it_should_not_remove_a_domain_a_channel_streams_from() {
        let added: Event =
            HostEvent::ChannelAdded { channel_id: channel(), details: details("https://live.12333.sh.cn/r") }.into();
        given([allowed(), added]).when(HostCommand::RemoveStreamDomain { domain: "live.12333.sh.cn".into() }).then_err(
            HostError::DomainInUse {
                domain: "live.12333.sh.cn".into(), channel: "上海公共招聘新平台直播间".into()
            },
        );
    }

    #[test]
    fn error_codes_are_stable() {
        let e: DomainError = HostError::StreamUrl { problem: UrlProblem::NotHttps }.into();
        assert_eq!(e.code(), "host.stream_url");
        assert_eq!(e.field(), Some("stream_url"));
    }
}
