//! "Live broadcasting with posts" (直播带岗): sessions in which hosts present a line-up of
//! enterprises and their posts on a channel, with conflict checks.
//!
//! Lifecycle: draft → scheduled → live → ended (with outcomes), or cancelled with a reason.
//! A draft is not on the schedule: its conflicts are shown but block nothing. Scheduling, and any
//! change to a scheduled session's time, hosts, channel or line-up, is checked by
//! [`conflict::conflicts`]: hard conflicts refuse the command; soft ones refuse it unless the
//! command carries them in `accept`, and then a `SoftConflictsAccepted` event records that.
//! Each line-up entry is an invitation the enterprise accepts or declines (its own event).
pub mod conflict;
pub mod synth;

use std::collections::{BTreeMap, BTreeSet};

use chrono::{DateTime, Duration, Utc};
use serde::{Deserialize, Serialize};

pub use self::conflict::{conflicts, conflicts_if_moved, conflicts_now, Conflict, ConflictKind, Severity};
use crate::enterprise::may_act_for;
use crate::envelope::{Actor, EventEnvelope, Role};
use crate::error::DomainError;
use crate::host::may_act_for_host;
use crate::ids::{ChannelId, EnterpriseId, FairId, HostId, PostId, SessionId};
use crate::post::PostStatus;
use crate::state::State;

pub const TITLE_MAX_CHARS: usize = 80;
pub const REASON_MAX_CHARS: usize = 500;
pub const MIN_SESSION_MINUTES: u32 = 15;
/// A session lasts at most this long; the interval index relies on the bound.
pub const MAX_SESSION_MINUTES: u32 = 8 * 60;
pub const MAX_HOSTS: usize = 5;
pub const MAX_LINEUP: usize = 20;
pub const MAX_POSTS_PER_ENTERPRISE: usize = 20;
pub const MIN_SLOT_MINUTES: u32 = 5;
/// A session may go live this long before its planned start.
pub const EARLY_START_MINUTES: i64 = 30;
pub const MAX_VIEWERS: u32 = 100_000_000;
pub const MAX_APPLICATIONS: u32 = 1_000_000;

// ---------------------------------------------------------------------------------------------
// Model

/// What a host or organizer fills in for a session.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct SessionPlan {
    pub title: String,
    /// The first is the lead host.
    pub hosts: Vec<HostId>,
    pub channel: ChannelId,
    pub start: DateTime<Utc>,
    pub minutes: u32,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub fair: Option<FairId>,
}

impl SessionPlan {
    pub fn end(&self) -> DateTime<Utc> {
        self.start + Duration::minutes(self.minutes as i64)
    }
}

/// A featured enterprise's time inside the session, relative to its start (so a moved session
/// takes its line-up along).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub struct Slot {
    pub offset_minutes: u32,
    pub minutes: u32,
}

impl Slot {
    pub fn interval(&self, session_start: DateTime<Utc>) -> (DateTime<Utc>, DateTime<Utc>) {
        let a = session_start + Duration::minutes(self.offset_minutes as i64);
        (a, a + Duration::minutes(self.minutes as i64))
    }
    pub fn end_offset(&self) -> u32 {
        self.offset_minutes + self.minutes
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Invitation {
    Invited,
    Accepted,
    Declined { reason: String },
}

impl Invitation {
    pub fn key(&self) -> &'static str {
        match self {
            Invitation::Invited => "invited",
            Invitation::Accepted => "accepted",
            Invitation::Declined { .. } => "declined",
        }
    }
}

/// One entry of a session's line-up.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct Featured {
    pub enterprise_id: EnterpriseId,
    pub posts: Vec<PostId>,
    pub slot: Slot,
    pub invitation: Invitation,
}

#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum SessionStatus {
    Draft,
    Scheduled,
    Live,
    Ended,
    Cancelled { reason: String },
}

impl SessionStatus {
    pub fn key(&self) -> &'static str {
        match self {
            SessionStatus::Draft => "draft",
            SessionStatus::Scheduled => "scheduled",
            SessionStatus::Live => "live",
            SessionStatus::Ended => "ended",
            SessionStatus::Cancelled { .. } => "cancelled",
        }
    }
    /// On the schedule: occupies its hosts, channel and featured enterprises.
    pub fn is_active(&self) -> bool {
        matches!(self, SessionStatus::Scheduled | SessionStatus::Live)
    }
    /// Shown on timelines (everything but cancelled sessions).
    pub fn is_listed(&self) -> bool {
        !matches!(self, SessionStatus::Cancelled { .. })
    }
    /// Plan and line-up may still change.
    pub fn is_open(&self) -> bool {
        matches!(self, SessionStatus::Draft | SessionStatus::Scheduled)
    }
}

/// What a session achieved, recorded when it ends.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct Outcome {
    pub peak_viewers: u32,
    /// Applications received, per featured enterprise.
    pub applications: BTreeMap<EnterpriseId, u32>,
}

impl Outcome {
    pub fn total_applications(&self) -> u64 {
        self.applications.values().map(|n| *n as u64).sum()
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct LiveSession {
    pub id: SessionId,
    pub plan: SessionPlan,
    /// Ordered by slot.
    pub lineup: Vec<Featured>,
    pub status: SessionStatus,
    pub outcome: Option<Outcome>,
    /// Soft conflicts accepted at the last scheduling decision.
    pub accepted: Vec<Conflict>,
    pub version: u64,
    /// When the session last changed (the DTSTAMP of its calendar entry).
    pub updated_at: DateTime<Utc>,
}

impl LiveSession {
    pub fn featured(&self, e: EnterpriseId) -> Option<&Featured> {
        self.lineup.iter().find(|f| f.enterprise_id == e)
    }
}

// ---------------------------------------------------------------------------------------------
// Commands, events, errors

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub enum LivestreamCommand {
    /// Create a draft.
    PlanSession {
        session_id: SessionId,
        plan: SessionPlan,
    },
    EditSession {
        session_id: SessionId,
        plan: SessionPlan,
        #[serde(default)]
        accept: Vec<Conflict>,
    },
    /// Change only the time (drag on the timeline).
    MoveSession {
        session_id: SessionId,
        start: DateTime<Utc>,
        minutes: u32,
        #[serde(default)]
        accept: Vec<Conflict>,
    },
    ScheduleSession {
        session_id: SessionId,
        #[serde(default)]
        accept: Vec<Conflict>,
    },
    /// Add an enterprise to the line-up (or invite again one that declined).
    InviteEnterprise {
        session_id: SessionId,
        enterprise_id: EnterpriseId,
        posts: Vec<PostId>,
        slot: Slot,
        #[serde(default)]
        accept: Vec<Conflict>,
    },
    ChangeFeature {
        session_id: SessionId,
        enterprise_id: EnterpriseId,
        posts: Vec<PostId>,
        slot: Slot,
        #[serde(default)]
        accept: Vec<Conflict>,
    },
    RemoveFeature {
        session_id: SessionId,
        enterprise_id: EnterpriseId,
    },
    AcceptInvitation {
        session_id: SessionId,
        enterprise_id: EnterpriseId,
    },
    DeclineInvitation {
        session_id: SessionId,
        enterprise_id: EnterpriseId,
        reason: String,
    },
    StartSession {
        session_id: SessionId,
    },
    EndSession {
        session_id: SessionId,
        outcome: Outcome,
    },
    CancelSession {
        session_id: SessionId,
        reason: String,
    },
}

impl LivestreamCommand {
    pub fn name(&self) -> &'static str {
        use LivestreamCommand::*;
        match self {
            PlanSession { .. } => "PlanSession",
            EditSession { .. } => "EditSession",
            MoveSession { .. } => "MoveSession",
            ScheduleSession { .. } => "ScheduleSession",
            InviteEnterprise { .. } => "InviteEnterprise",
            ChangeFeature { .. } => "ChangeFeature",
            RemoveFeature { .. } => "RemoveFeature",
            AcceptInvitation { .. } => "AcceptInvitation",
            DeclineInvitation { .. } => "DeclineInvitation",
            StartSession { .. } => "StartSession",
            EndSession { .. } => "EndSession",
            CancelSession { .. } => "CancelSession",
        }
    }

    /// The same command, accepting these warnings (for commands that can carry acceptance).
    pub fn with_accept(mut self, conflicts: Vec<Conflict>) -> Self {
        use LivestreamCommand::*;
        if let EditSession { accept, .. }
        | MoveSession { accept, .. }
        | ScheduleSession { accept, .. }
        | InviteEnterprise { accept, .. }
        | ChangeFeature { accept, .. } = &mut self
        {
            *accept = conflicts;
        }
        self
    }

    pub fn session_id(&self) -> SessionId {
        use LivestreamCommand::*;
        match self {
            PlanSession { session_id, .. }
            | EditSession { session_id, .. }
            | MoveSession { session_id, .. }
            | ScheduleSession { session_id, .. }
            | InviteEnterprise { session_id, .. }
            | ChangeFeature { session_id, .. }
            | RemoveFeature { session_id, .. }
            | AcceptInvitation { session_id, .. }
            | DeclineInvitation { session_id, .. }
            | StartSession { session_id }
            | EndSession { session_id, .. }
            | CancelSession { session_id, .. } => *session_id,
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub enum LivestreamEvent {
    SessionPlanned {
        session_id: SessionId,
        plan: SessionPlan,
    },
    SessionEdited {
        session_id: SessionId,
        plan: SessionPlan,
    },
    SessionMoved {
        session_id: SessionId,
        start: DateTime<Utc>,
        minutes: u32,
    },
    SessionScheduled {
        session_id: SessionId,
    },
    /// Soft conflicts the actor saw and accepted with the preceding change.
    SoftConflictsAccepted {
        session_id: SessionId,
        conflicts: Vec<Conflict>,
    },
    EnterpriseInvited {
        session_id: SessionId,
        enterprise_id: EnterpriseId,
        posts: Vec<PostId>,
        slot: Slot,
    },
    FeatureChanged {
        session_id: SessionId,
        enterprise_id: EnterpriseId,
        posts: Vec<PostId>,
        slot: Slot,
    },
    FeatureRemoved {
        session_id: SessionId,
        enterprise_id: EnterpriseId,
    },
    InvitationAccepted {
        session_id: SessionId,
        enterprise_id: EnterpriseId,
    },
    InvitationDeclined {
        session_id: SessionId,
        enterprise_id: EnterpriseId,
        reason: String,
    },
    SessionStarted {
        session_id: SessionId,
    },
    SessionEnded {
        session_id: SessionId,
        outcome: Outcome,
    },
    SessionCancelled {
        session_id: SessionId,
        reason: String,
    },
}

impl LivestreamEvent {
    pub fn type_name(&self) -> &'static str {
        use LivestreamEvent::*;
        match self {
            SessionPlanned { .. } => "SessionPlanned",
            SessionEdited { .. } => "SessionEdited",
            SessionMoved { .. } => "SessionMoved",
            SessionScheduled { .. } => "SessionScheduled",
            SoftConflictsAccepted { .. } => "SoftConflictsAccepted",
            EnterpriseInvited { .. } => "EnterpriseInvited",
            FeatureChanged { .. } => "FeatureChanged",
            FeatureRemoved { .. } => "FeatureRemoved",
            InvitationAccepted { .. } => "InvitationAccepted",
            InvitationDeclined { .. } => "InvitationDeclined",
            SessionStarted { .. } => "SessionStarted",
            SessionEnded { .. } => "SessionEnded",
            SessionCancelled { .. } => "SessionCancelled",
        }
    }

    pub fn session_id(&self) -> SessionId {
        use LivestreamEvent::*;
        match self {
            SessionPlanned { session_id, .. }
            | SessionEdited { session_id, .. }
            | SessionMoved { session_id, .. }
            | SessionScheduled { session_id }
            | SoftConflictsAccepted { session_id, .. }
            | EnterpriseInvited { session_id, .. }
            | FeatureChanged { session_id, .. }
            | FeatureRemoved { session_id, .. }
            | InvitationAccepted { session_id, .. }
            | InvitationDeclined { session_id, .. }
            | SessionStarted { session_id }
            | SessionEnded { session_id, .. }
            | SessionCancelled { session_id, .. } => *session_id,
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, thiserror::Error)]
#[serde(rename_all = "snake_case")]
pub enum LivestreamError {
    #[error("no such session")]
    NotFound,
    #[error("a session with this id already exists")]
    AlreadyExists,
    #[error("a session needs a title")]
    TitleRequired,
    #[error("the title is longer than {max} characters")]
    TitleTooLong { max: usize },
    #[error("a session needs at least one host")]
    HostRequired,
    #[error("at most {max} hosts")]
    TooManyHosts { max: usize },
    #[error("a host is listed twice")]
    DuplicateHost,
    #[error("no such host")]
    HostNotFound,
    #[error("no such channel")]
    ChannelNotFound,
    #[error("no such fair")]
    FairNotFound,
    #[error("a session lasts between {min} and {max} minutes")]
    DurationOutOfRange { min: u32, max: u32 },
    #[error("a session cannot be put on the schedule in the past")]
    StartsInPast,
    #[error("a host may only plan and change sessions they host")]
    NotYourSession,
    #[error("a {status} session cannot {action}")]
    InvalidTransition { status: String, action: String },
    #[error("the session has hard conflicts")]
    HardConflicts { conflicts: Vec<Conflict> },
    #[error("the session has warnings that must be accepted")]
    SoftConflictsNotAccepted { conflicts: Vec<Conflict> },
    #[error("no such enterprise")]
    EnterpriseNotFound,
    #[error("the enterprise is already in the line-up")]
    AlreadyFeatured,
    #[error("the enterprise is not in the line-up")]
    NotFeatured,
    #[error("at most {max} enterprises in a line-up")]
    LineupFull { max: usize },
    #[error("choose between 1 and {max} posts")]
    PostCountOutOfRange { max: usize },
    #[error("a post is chosen twice")]
    DuplicatePost,
    #[error("the post is not one of this enterprise's open posts")]
    PostNotOpen { post: PostId },
    #[error("a slot lasts at least {min} minutes")]
    SlotTooShort { min: u32 },
    #[error("a slot cannot start after {max} minutes")]
    SlotOutOfRange { max: u32 },
    #[error("the slot overlaps another enterprise's slot")]
    SlotsOverlap { other: EnterpriseId },
    #[error("an enterprise may only answer its own invitations")]
    NotYourInvitation,
    #[error("the invitation was already {answer}")]
    AlreadyAnswered { answer: String },
    #[error("the invitation was declined")]
    InvitationDeclined,
    #[error("a session cannot go live more than {minutes} minutes before its start")]
    TooEarlyToStart { minutes: i64 },
    #[error("the session's time is over; cancel it or move it")]
    TooLateToStart,
    #[error("viewers must be at most {max}")]
    ViewersOutOfRange { max: u32 },
    #[error("applications must be at most {max} per enterprise")]
    ApplicationsOutOfRange { max: u32 },
    #[error("applications are recorded only for enterprises in the line-up")]
    OutcomeForUnknownEnterprise { enterprise: EnterpriseId },
    #[error("a reason is required")]
    ReasonRequired,
    #[error("the reason is longer than {max} characters")]
    ReasonTooLong { max: usize },
}

impl LivestreamError {
    pub fn field(&self) -> Option<&'static str> {
        use LivestreamError::*;
        Some(match self {
            TitleRequired | TitleTooLong { .. } => "title",
            HostRequired | TooManyHosts { .. } | DuplicateHost | HostNotFound => "hosts",
            ChannelNotFound => "channel",
            FairNotFound => "fair",
            DurationOutOfRange { .. } => "minutes",
            StartsInPast => "start",
            PostCountOutOfRange { .. } | DuplicatePost | PostNotOpen { .. } => "posts",
            SlotTooShort { .. } | SlotOutOfRange { .. } | SlotsOverlap { .. } => "slot",
            ViewersOutOfRange { .. } => "peak_viewers",
            ApplicationsOutOfRange { .. } | OutcomeForUnknownEnterprise { .. } => "applications",
            ReasonRequired | ReasonTooLong { .. } => "reason",
            _ => return None,
        })
    }
}

// ---------------------------------------------------------------------------------------------
// Queries

/// Scheduled and live sessions a host is in.
pub fn active_sessions_of_host(state: &State, host: HostId) -> impl Iterator<Item = &LiveSession> + '_ {
    let lane = conflict::Lane::Host(host);
    let lo = (lane, DateTime::<Utc>::MIN_UTC, SessionId(uuid::Uuid::nil()));
    state
        .live_index
        .busy
        .range(lo..)
        .take_while(move |((l, _, _), _)| *l == lane)
        .filter_map(|((_, _, id), _)| state.live_sessions.get(id))
}

/// Sessions (not cancelled) that start in `[from, to)`, by start.
pub fn sessions_starting(
    state: &State,
    from: DateTime<Utc>,
    to: DateTime<Utc>,
) -> impl Iterator<Item = &LiveSession> + '_ {
    let nil = SessionId(uuid::Uuid::nil());
    let range = if from < to { Some(state.live_index.by_start.range((from, nil)..(to, nil))) } else { None };
    range.into_iter().flatten().filter_map(|((_, id), _)| state.live_sessions.get(id))
}

/// Sessions (not cancelled) that overlap `[from, to)`, by start.
pub fn sessions_overlapping(
    state: &State,
    from: DateTime<Utc>,
    to: DateTime<Utc>,
) -> impl Iterator<Item = &LiveSession> + '_ {
    sessions_starting(state, from - Duration::minutes(MAX_SESSION_MINUTES as i64), to)
        .filter(move |s| s.plan.end() > from)
}

/// Line-up entries waiting for this enterprise's answer, and the ones it answered.
pub fn invitations_of(state: &State, enterprise: EnterpriseId) -> Vec<(&LiveSession, &Featured)> {
    let mut v: Vec<_> = state.live_sessions.values().filter_map(|s| s.featured(enterprise).map(|f| (s, f))).collect();
    v.sort_by_key(|(s, _)| (s.plan.start, s.id));
    v
}

// ---------------------------------------------------------------------------------------------
// Rules

type Result<T> = std::result::Result<T, DomainError>;

fn clean_plan(state: &State, p: &SessionPlan) -> std::result::Result<SessionPlan, LivestreamError> {
    let title = p.title.trim();
    if title.is_empty() {
        return Err(LivestreamError::TitleRequired);
    }
    if title.chars().count() > TITLE_MAX_CHARS {
        return Err(LivestreamError::TitleTooLong { max: TITLE_MAX_CHARS });
    }
    if p.hosts.is_empty() {
        return Err(LivestreamError::HostRequired);
    }
    if p.hosts.len() > MAX_HOSTS {
        return Err(LivestreamError::TooManyHosts { max: MAX_HOSTS });
    }
    if p.hosts.iter().collect::<BTreeSet<_>>().len() != p.hosts.len() {
        return Err(LivestreamError::DuplicateHost);
    }
    if p.hosts.iter().any(|h| !state.hosts.contains_key(h)) {
        return Err(LivestreamError::HostNotFound);
    }
    if !state.channels.contains_key(&p.channel) {
        return Err(LivestreamError::ChannelNotFound);
    }
    if !(MIN_SESSION_MINUTES..=MAX_SESSION_MINUTES).contains(&p.minutes) {
        return Err(LivestreamError::DurationOutOfRange { min: MIN_SESSION_MINUTES, max: MAX_SESSION_MINUTES });
    }
    if let Some(f) = p.fair {
        if !state.fairs.contains_key(&f) {
            return Err(LivestreamError::FairNotFound);
        }
    }
    Ok(SessionPlan { title: title.into(), ..p.clone() })
}

fn check_reason(reason: &str) -> std::result::Result<String, LivestreamError> {
    let r = reason.trim();
    if r.is_empty() {
        return Err(LivestreamError::ReasonRequired);
    }
    if r.chars().count() > REASON_MAX_CHARS {
        return Err(LivestreamError::ReasonTooLong { max: REASON_MAX_CHARS });
    }
    Ok(r.into())
}

/// May this actor manage this session? Organizers may; a host only if they host it.
fn may_manage(actor: &Actor, hosts: &[HostId]) -> bool {
    match actor.role {
        Role::Organizer => true,
        Role::Host => hosts.iter().any(|h| may_act_for_host(actor, *h)),
        Role::Enterprise => false,
    }
}

fn invalid(s: &LiveSession, action: &str) -> LivestreamError {
    LivestreamError::InvalidTransition { status: s.status.key().into(), action: action.into() }
}

/// Check a line-up entry's posts and slot against the enterprise and the rest of the line-up.
fn check_feature(
    state: &State,
    s: &LiveSession,
    enterprise: EnterpriseId,
    posts: &[PostId],
    slot: Slot,
) -> std::result::Result<(), LivestreamError> {
    if !state.enterprises.contains_key(&enterprise) {
        return Err(LivestreamError::EnterpriseNotFound);
    }
    if posts.is_empty() || posts.len() > MAX_POSTS_PER_ENTERPRISE {
        return Err(LivestreamError::PostCountOutOfRange { max: MAX_POSTS_PER_ENTERPRISE });
    }
    if posts.iter().collect::<BTreeSet<_>>().len() != posts.len() {
        return Err(LivestreamError::DuplicatePost);
    }
    for p in posts {
        let ok = state.posts.get(p).is_some_and(|p| p.enterprise_id == enterprise && p.status == PostStatus::Open);
        if !ok {
            return Err(LivestreamError::PostNotOpen { post: *p });
        }
    }
    if slot.minutes < MIN_SLOT_MINUTES {
        return Err(LivestreamError::SlotTooShort { min: MIN_SLOT_MINUTES });
    }
    if slot.offset_minutes >= MAX_SESSION_MINUTES || slot.minutes > MAX_SESSION_MINUTES {
        return Err(LivestreamError::SlotOutOfRange { max: MAX_SESSION_MINUTES });
    }
    check_slot_free(s, enterprise, slot)
}

/// Refuse a slot that overlaps another enterprise's slot in the line-up.
fn check_slot_free(s: &LiveSession, enterprise: EnterpriseId, slot: Slot) -> std::result::Result<(), LivestreamError> {
    match s.lineup.iter().find(|f| {
        f.enterprise_id != enterprise
            && f.counts()
            && f.slot.offset_minutes < slot.end_offset()
            && slot.offset_minutes < f.slot.end_offset()
    }) {
        Some(o) => Err(LivestreamError::SlotsOverlap { other: o.enterprise_id }),
        None => Ok(()),
    }
}

/// For a session on the schedule (or about to be): refuse hard conflicts, and soft ones unless
/// accepted. Returns the soft conflicts accepted, to be recorded.
fn enforce(
    state: &State,
    id: SessionId,
    plan: &SessionPlan,
    lineup: &[Featured],
    accept: &[Conflict],
) -> std::result::Result<Vec<Conflict>, LivestreamError> {
    let found = conflicts(state, id, plan, lineup);
    if found.iter().any(Conflict::is_hard) {
        return Err(LivestreamError::HardConflicts { conflicts: found });
    }
    if found.iter().any(|c| !accept.contains(c)) {
        return Err(LivestreamError::SoftConflictsNotAccepted { conflicts: found });
    }
    Ok(found)
}

fn with_lineup(s: &LiveSession, entry: Featured) -> Vec<Featured> {
    let mut v: Vec<Featured> = s.lineup.iter().filter(|f| f.enterprise_id != entry.enterprise_id).cloned().collect();
    v.push(entry);
    v.sort_by_key(|f| (f.slot, f.enterprise_id));
    v
}

pub(crate) fn decide(
    state: &State,
    actor: &Actor,
    now: DateTime<Utc>,
    cmd: LivestreamCommand,
) -> Result<Vec<LivestreamEvent>> {
    use LivestreamCommand as C;
    use LivestreamEvent as E;
    let answering = matches!(cmd, C::AcceptInvitation { .. } | C::DeclineInvitation { .. });
    if actor.role == Role::Enterprise && !answering {
        return Err(DomainError::Forbidden { role: actor.role, command: cmd.name().into() });
    }
    let session_id = cmd.session_id();
    if let C::PlanSession { plan, .. } = &cmd {
        if state.live_sessions.contains_key(&session_id) {
            return Err(LivestreamError::AlreadyExists.into());
        }
        let plan = clean_plan(state, plan)?;
        if !may_manage(actor, &plan.hosts) {
            return Err(LivestreamError::NotYourSession.into());
        }
        return Ok(vec![E::SessionPlanned { session_id, plan }]);
    }
    let s = state.live_sessions.get(&session_id).ok_or(LivestreamError::NotFound)?;
    if !answering && !may_manage(actor, &s.plan.hosts) {
        return Err(LivestreamError::NotYourSession.into());
    }
    // A change to a session on the schedule: enforce conflicts and record accepted warnings.
    let on_schedule = s.status == SessionStatus::Scheduled;
    let checked = |plan: &SessionPlan, lineup: &[Featured], accept: &[Conflict], main: E| -> Result<Vec<E>> {
        if plan.start < now && (plan.start != s.plan.start || !on_schedule) {
            return Err(LivestreamError::StartsInPast.into());
        }
        let accepted = enforce(state, session_id, plan, lineup, accept)?;
        let mut out = vec![main];
        if !accepted.is_empty() {
            out.push(E::SoftConflictsAccepted { session_id, conflicts: accepted });
        }
        Ok(out)
    };
    Ok(match cmd {
        C::PlanSession { .. } => unreachable!("handled above"),
        C::EditSession { plan, accept, .. } => {
            if !s.status.is_open() {
                return Err(invalid(s, "change").into());
            }
            let plan = clean_plan(state, &plan)?;
            if !may_manage(actor, &plan.hosts) {
                return Err(LivestreamError::NotYourSession.into());
            }
            if plan == s.plan {
                return Ok(vec![]);
            }
            let main = E::SessionEdited { session_id, plan: plan.clone() };
            if on_schedule {
                checked(&plan, &s.lineup, &accept, main)?
            } else {
                vec![main]
            }
        }
        C::MoveSession { start, minutes, accept, .. } => {
            if !s.status.is_open() {
                return Err(invalid(s, "move").into());
            }
            if !(MIN_SESSION_MINUTES..=MAX_SESSION_MINUTES).contains(&minutes) {
                return Err(
                    LivestreamError::DurationOutOfRange { min: MIN_SESSION_MINUTES, max: MAX_SESSION_MINUTES }.into()
                );
            }
            if start == s.plan.start && minutes == s.plan.minutes {
                return Ok(vec![]);
            }
            let plan = SessionPlan { start, minutes, ..s.plan.clone() };
            let main = E::SessionMoved { session_id, start, minutes };
            if on_schedule {
                checked(&plan, &s.lineup, &accept, main)?
            } else {
                vec![main]
            }
        }
        C::ScheduleSession { accept, .. } => {
            if s.status != SessionStatus::Draft {
                return Err(invalid(s, "be scheduled").into());
            }
            if s.plan.start < now {
                return Err(LivestreamError::StartsInPast.into());
            }
            let accepted = enforce(state, session_id, &s.plan, &s.lineup, &accept)?;
            let mut out = vec![E::SessionScheduled { session_id }];
            if !accepted.is_empty() {
                out.push(E::SoftConflictsAccepted { session_id, conflicts: accepted });
            }
            out
        }
        C::InviteEnterprise { enterprise_id, posts, slot, accept, .. } => {
            if !s.status.is_open() {
                return Err(invalid(s, "change its line-up").into());
            }
            if s.featured(enterprise_id).is_some_and(Featured::counts) {
                return Err(LivestreamError::AlreadyFeatured.into());
            }
            if s.lineup.iter().filter(|f| f.counts()).count() >= MAX_LINEUP {
                return Err(LivestreamError::LineupFull { max: MAX_LINEUP }.into());
            }
            check_feature(state, s, enterprise_id, &posts, slot)?;
            let entry = Featured { enterprise_id, posts: posts.clone(), slot, invitation: Invitation::Invited };
            let main = E::EnterpriseInvited { session_id, enterprise_id, posts, slot };
            if on_schedule {
                checked(&s.plan, &with_lineup(s, entry), &accept, main)?
            } else {
                vec![main]
            }
        }
        C::ChangeFeature { enterprise_id, posts, slot, accept, .. } => {
            if !s.status.is_open() {
                return Err(invalid(s, "change its line-up").into());
            }
            let f = s.featured(enterprise_id).ok_or(LivestreamError::NotFeatured)?;
            if !f.counts() {
                return Err(LivestreamError::InvitationDeclined.into());
            }
            check_feature(state, s, enterprise_id, &posts, slot)?;
            if f.posts == posts && f.slot == slot {
                return Ok(vec![]);
            }
            let entry = Featured { posts: posts.clone(), slot, ..f.clone() };
            let main = E::FeatureChanged { session_id, enterprise_id, posts, slot };
            if on_schedule {
                checked(&s.plan, &with_lineup(s, entry), &accept, main)?
            } else {
                vec![main]
            }
        }
        C::RemoveFeature { enterprise_id, .. } => {
            if !s.status.is_open() {
                return Err(invalid(s, "change its line-up").into());
            }
            s.featured(enterprise_id).ok_or(LivestreamError::NotFeatured)?;
            vec![E::FeatureRemoved { session_id, enterprise_id }]
        }
        C::AcceptInvitation { enterprise_id, .. } => {
            if !may_act_for(actor, enterprise_id) {
                return Err(LivestreamError::NotYourInvitation.into());
            }
            let f = s.featured(enterprise_id).ok_or(LivestreamError::NotFeatured)?;
            if !s.status.is_open() {
                return Err(invalid(s, "take answers").into());
            }
            if f.invitation != Invitation::Invited {
                return Err(LivestreamError::AlreadyAnswered { answer: f.invitation.key().into() }.into());
            }
            vec![E::InvitationAccepted { session_id, enterprise_id }]
        }
        C::DeclineInvitation { enterprise_id, reason, .. } => {
            if !may_act_for(actor, enterprise_id) {
                return Err(LivestreamError::NotYourInvitation.into());
            }
            let f = s.featured(enterprise_id).ok_or(LivestreamError::NotFeatured)?;
            if !s.status.is_open() {
                return Err(invalid(s, "take answers").into());
            }
            if matches!(f.invitation, Invitation::Declined { .. }) {
                return Err(LivestreamError::AlreadyAnswered { answer: f.invitation.key().into() }.into());
            }
            let reason = check_reason(&reason)?;
            vec![E::InvitationDeclined { session_id, enterprise_id, reason }]
        }
        C::StartSession { .. } => {
            if s.status != SessionStatus::Scheduled {
                return Err(invalid(s, "go live").into());
            }
            if now < s.plan.start - Duration::minutes(EARLY_START_MINUTES) {
                return Err(LivestreamError::TooEarlyToStart { minutes: EARLY_START_MINUTES }.into());
            }
            if now >= s.plan.end() {
                return Err(LivestreamError::TooLateToStart.into());
            }
            vec![E::SessionStarted { session_id }]
        }
        C::EndSession { outcome, .. } => {
            if s.status != SessionStatus::Live {
                return Err(invalid(s, "end").into());
            }
            if outcome.peak_viewers > MAX_VIEWERS {
                return Err(LivestreamError::ViewersOutOfRange { max: MAX_VIEWERS }.into());
            }
            for (e, n) in &outcome.applications {
                if !s.featured(*e).is_some_and(Featured::counts) {
                    return Err(LivestreamError::OutcomeForUnknownEnterprise { enterprise: *e }.into());
                }
                if *n > MAX_APPLICATIONS {
                    return Err(LivestreamError::ApplicationsOutOfRange { max: MAX_APPLICATIONS }.into());
                }
            }
            vec![E::SessionEnded { session_id, outcome }]
        }
        C::CancelSession { reason, .. } => {
            if !s.status.is_open() {
                return Err(invalid(s, "be cancelled").into());
            }
            let reason = check_reason(&reason)?;
            vec![E::SessionCancelled { session_id, reason }]
        }
    })
}

// ---------------------------------------------------------------------------------------------
// State changes: every change to a session goes through `update`, which keeps the indexes in step.

fn update(state: &mut State, env: &EventEnvelope, id: SessionId, f: impl FnOnce(&mut LiveSession)) {
    let Some(mut s) = state.live_sessions.get(&id).cloned() else { return };
    conflict::unindex(&mut state.live_index, &s);
    f(&mut s);
    s.version = env.seq;
    s.updated_at = env.recorded_at;
    conflict::index(&mut state.live_index, &s);
    state.live_sessions.insert(id, s);
}

pub(crate) fn evolve(state: &mut State, env: &EventEnvelope, event: &LivestreamEvent) {
    use LivestreamEvent as E;
    match event {
        E::SessionPlanned { session_id, plan } => {
            if state.live_sessions.contains_key(session_id) {
                return;
            }
            let s = LiveSession {
                id: *session_id,
                plan: plan.clone(),
                lineup: Vec::new(),
                status: SessionStatus::Draft,
                outcome: None,
                accepted: Vec::new(),
                version: env.seq,
                updated_at: env.recorded_at,
            };
            conflict::index(&mut state.live_index, &s);
            state.live_sessions.insert(*session_id, s);
        }
        E::SessionEdited { session_id, plan } => update(state, env, *session_id, |s| s.plan = plan.clone()),
        E::SessionMoved { session_id, start, minutes } => update(state, env, *session_id, |s| {
            s.plan.start = *start;
            s.plan.minutes = *minutes;
        }),
        E::SessionScheduled { session_id } => update(state, env, *session_id, |s| {
            s.status = SessionStatus::Scheduled;
            s.accepted.clear();
        }),
        E::SoftConflictsAccepted { session_id, conflicts } => {
            update(state, env, *session_id, |s| s.accepted = conflicts.clone())
        }
        E::EnterpriseInvited { session_id, enterprise_id, posts, slot } => update(state, env, *session_id, |s| {
            let entry = Featured {
                enterprise_id: *enterprise_id,
                posts: posts.clone(),
                slot: *slot,
                invitation: Invitation::Invited,
            };
            s.lineup = with_lineup(s, entry);
        }),
        E::FeatureChanged { session_id, enterprise_id, posts, slot } => update(state, env, *session_id, |s| {
            if let Some(f) = s.featured(*enterprise_id).cloned() {
                s.lineup = with_lineup(s, Featured { posts: posts.clone(), slot: *slot, ..f });
            }
        }),
        E::FeatureRemoved { session_id, enterprise_id } => {
            update(state, env, *session_id, |s| s.lineup.retain(|f| f.enterprise_id != *enterprise_id))
        }
        E::InvitationAccepted { session_id, enterprise_id } => update(state, env, *session_id, |s| {
            if let Some(f) = s.lineup.iter_mut().find(|f| f.enterprise_id == *enterprise_id) {
                f.invitation = Invitation::Accepted;
            }
        }),
        E::InvitationDeclined { session_id, enterprise_id, reason } => update(state, env, *session_id, |s| {
            if let Some(f) = s.lineup.iter_mut().find(|f| f.enterprise_id == *enterprise_id) {
                f.invitation = Invitation::Declined { reason: reason.clone() };
            }
        }),
        E::SessionStarted { session_id } => update(state, env, *session_id, |s| s.status = SessionStatus::Live),
        E::SessionEnded { session_id, outcome } => update(state, env, *session_id, |s| {
            s.status = SessionStatus::Ended;
            s.outcome = Some(outcome.clone());
        }),
        E::SessionCancelled { session_id, reason } => {
            update(state, env, *session_id, |s| s.status = SessionStatus::Cancelled { reason: reason.clone() })
        }
    }
}

/// Would this event still be a valid fact on `state`? Used when merging logs (see `merge`): a
/// change to a session on the schedule that would give it a hard conflict (the same host,
/// channel or featured enterprise twice at once, a host outside their availability, a line-up
/// past the session's end) is refused with [`LivestreamError::HardConflicts`], the hard
/// conflicts the command would have been refused for; so are overlapping slots in a line-up and
/// starting a session that is not scheduled. Soft conflicts do not block a merge, and a draft
/// blocks nothing. Conflicts are computed with the change applied to the plan or line-up, against
/// the interval index: O(log n + neighbours), never a full scan.
pub(crate) fn check(state: &State, event: &LivestreamEvent) -> std::result::Result<(), LivestreamError> {
    use LivestreamEvent as E;
    let session = |id: &SessionId| state.live_sessions.get(id).ok_or(LivestreamError::NotFound);
    // Refuse the hard conflicts session `id` would have with this plan and line-up.
    let hard = |id: SessionId, plan: &SessionPlan, lineup: &[Featured]| {
        let hard: Vec<Conflict> = conflicts(state, id, plan, lineup).into_iter().filter(Conflict::is_hard).collect();
        if hard.is_empty() {
            Ok(())
        } else {
            Err(LivestreamError::HardConflicts { conflicts: hard })
        }
    };
    // The same for a change to session `s`, if it is on the schedule (scheduled, or live: the
    // commands refuse any change to a live session, and it occupies its host, channel and
    // line-up all the same).
    let if_on_schedule = |s: &LiveSession, plan: &SessionPlan, lineup: &[Featured]| {
        if s.status.is_active() {
            hard(s.id, plan, lineup)
        } else {
            Ok(())
        }
    };
    match event {
        E::SessionPlanned { session_id, plan } => {
            if state.live_sessions.contains_key(session_id) {
                return Err(LivestreamError::AlreadyExists);
            }
            if plan.hosts.iter().any(|h| !state.hosts.contains_key(h)) {
                return Err(LivestreamError::HostNotFound);
            }
            if !state.channels.contains_key(&plan.channel) {
                return Err(LivestreamError::ChannelNotFound);
            }
            Ok(())
        }
        // Only a scheduled session goes live: a draft (say, one whose scheduling this merge kept
        // out) would skip the conflict check.
        E::SessionStarted { session_id } => {
            let s = session(session_id)?;
            if s.status != SessionStatus::Scheduled {
                return Err(invalid(s, "go live"));
            }
            Ok(())
        }
        E::SessionEnded { session_id, .. }
        | E::SessionCancelled { session_id, .. }
        | E::SoftConflictsAccepted { session_id, .. } => session(session_id).map(|_| ()),
        E::SessionScheduled { session_id } => {
            let s = session(session_id)?;
            hard(s.id, &s.plan, &s.lineup)
        }
        E::SessionEdited { session_id, plan } => {
            let s = session(session_id)?;
            if_on_schedule(s, plan, &s.lineup)
        }
        E::SessionMoved { session_id, start, minutes } => {
            let s = session(session_id)?;
            if_on_schedule(s, &SessionPlan { start: *start, minutes: *minutes, ..s.plan.clone() }, &s.lineup)
        }
        E::EnterpriseInvited { session_id, enterprise_id, posts, slot } => {
            let s = session(session_id)?;
            check_slot_free(s, *enterprise_id, *slot)?;
            let entry = Featured {
                enterprise_id: *enterprise_id,
                posts: posts.clone(),
                slot: *slot,
                invitation: Invitation::Invited,
            };
            if_on_schedule(s, &s.plan, &with_lineup(s, entry))
        }
        E::FeatureChanged { session_id, enterprise_id, posts, slot } => {
            let s = session(session_id)?;
            let f = s.featured(*enterprise_id).ok_or(LivestreamError::NotFeatured)?;
            check_slot_free(s, *enterprise_id, *slot)?;
            if_on_schedule(s, &s.plan, &with_lineup(s, Featured { posts: posts.clone(), slot: *slot, ..f.clone() }))
        }
        E::FeatureRemoved { session_id, enterprise_id }
        | E::InvitationAccepted { session_id, enterprise_id }
        | E::InvitationDeclined { session_id, enterprise_id, .. } => {
            let s = session(session_id)?;
            s.featured(*enterprise_id).map(|_| ()).ok_or(LivestreamError::NotFeatured)
        }
    }
}

#[cfg(test)]
mod tests;
