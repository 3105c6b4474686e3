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

mod check;
mod decide;
mod evolve;
mod invitations;
mod lineup;
mod planning;
mod rules;
mod running;
pub(crate) use self::check::*;
pub(crate) use self::decide::*;
pub(crate) use self::evolve::*;
pub(crate) use self::invitations::*;
pub(crate) use self::lineup::*;
pub(crate) use self::planning::*;
pub use self::rules::*;
pub(crate) use self::running::*;

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
        crate::time::shifted(self.start, Duration::minutes(self.minutes as i64))
    }

    /// The same plan at another start and length.
    pub fn moved(&self, start: DateTime<Utc>, minutes: u32) -> SessionPlan {
        SessionPlan { start, minutes, ..self.clone() }
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
        let a = crate::time::shifted(session_start, Duration::minutes(self.offset_minutes as i64));
        (a, crate::time::shifted(a, Duration::minutes(self.minutes as i64)))
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
#[derive(Debug, Clone, PartialEq, Eq, Hash, serde::Serialize, serde::Deserialize)]
pub struct Featured {
    pub enterprise_id: EnterpriseId,
    pub posts: Vec<PostId>,
    pub slot: Slot,
    pub invitation: Invitation,
}

impl Featured {
    /// A new line-up entry, waiting for the enterprise's answer.
    pub fn invited(enterprise_id: EnterpriseId, posts: Vec<PostId>, slot: Slot) -> Featured {
        Featured { enterprise_id, posts, slot, invitation: Invitation::Invited }
    }
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

#[derive(Debug, Clone, PartialEq, Eq, Hash, serde::Serialize, serde::Deserialize)]
pub struct LiveSession {
    pub id: SessionId,
    #[serde(with = "crate::snapshot::form::session_plan")]
    pub plan: SessionPlan,
    /// Ordered by slot.
    pub lineup: Vec<Featured>,
    pub status: SessionStatus,
    pub outcome: Option<Outcome>,
    /// Soft conflicts accepted at the last scheduling decision.
    pub accepted: Vec<Conflict>,
    pub version: u64,
    /// When the session last changed (the DTSTAMP of its calendar entry).
    #[serde(with = "crate::snapshot::form::instant")]
    pub updated_at: DateTime<Utc>,
}

impl LiveSession {
    pub fn featured(&self, e: EnterpriseId) -> Option<&Featured> {
        self.lineup.iter().find(|f| f.enterprise_id == e)
    }
}

// ---------------------------------------------------------------------------------------------
// Commands, events, errors

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, strum::IntoStaticStr)]
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
    /// The variant's name (`strum::IntoStaticStr`).
    pub fn name(&self) -> &'static str {
        self.into()
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

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, strum::IntoStaticStr)]
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
    /// The variant's name (`strum::IntoStaticStr`).
    pub fn type_name(&self) -> &'static str {
        self.into()
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

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, thiserror::Error, strum::IntoStaticStr)]
#[strum(serialize_all = "snake_case")]
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

#[cfg(test)]
mod tests;
