//! Booth booking: requests with holds, approvals, reassignments, cancellations and the waitlist.
//!
//! Time is an input. A request holds its booth until `now + hold_hours`; an offer made from the
//! waitlist is held the same way. A deadline that has passed is recorded as a `HoldExpired` event
//! by the next booking command (or an explicit `ExpireHolds`), never silently, so replaying the
//! log gives the same state at any time. When a booth frees (cancel, reject, expiry, decline,
//! reassignment) the first eligible enterprise on the fair's waitlist is offered it in the same
//! decision, with the reason recorded on the event.
use chrono::{DateTime, Duration, Utc};
use serde::{Deserialize, Serialize};
use uuid::Uuid;

use crate::enterprise::may_act_for;
use crate::envelope::{Actor, EventEnvelope, Role, SCHEMA_VERSION};
use crate::error::DomainError;
use crate::event::Event;
use crate::fair::{BoothKind, Fair, FairMode, FairStatus};
use crate::floor_plan::Booth;
use crate::ids::{BookingId, BoothId, EnterpriseId, FairId, WaitlistId, ZoneId};
use crate::state::State;

mod approve;
mod cancel;
mod check;
mod decide;
mod evolve;
mod expiry;
mod request;
mod rules;
mod settings;
mod waitlist;
pub(crate) use self::approve::*;
pub(crate) use self::cancel::*;
pub(crate) use self::check::*;
pub(crate) use self::decide::*;
pub(crate) use self::evolve::*;
pub(crate) use self::expiry::*;
pub(crate) use self::request::*;
pub use self::rules::*;
pub(crate) use self::settings::*;
pub(crate) use self::waitlist::*;

pub const DEFAULT_HOLD_HOURS: u32 = 48;
pub const DEFAULT_MAX_BOOTHS: u32 = 1;
pub const DEFAULT_CUTOFF_HOURS: u32 = 24;
pub const MAX_HOURS: u32 = 720;
pub const MAX_BOOTHS_LIMIT: u32 = 20;
pub const REASON_MAX_CHARS: usize = 500;

/// A fair's booking rules, set by the organizer.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct BookingRules {
    /// How long a request or an offer holds its booth.
    pub hold_hours: u32,
    /// Booths one enterprise may hold or book at this fair.
    pub max_booths_per_enterprise: u32,
    /// Requests, waitlist joins and cancellations by enterprises close this long before the start.
    pub cutoff_hours: u32,
}

impl Default for BookingRules {
    fn default() -> Self {
        BookingRules {
            hold_hours: DEFAULT_HOLD_HOURS,
            max_booths_per_enterprise: DEFAULT_MAX_BOOTHS,
            cutoff_hours: DEFAULT_CUTOFF_HOURS,
        }
    }
}

/// What an enterprise asks for.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum BoothTarget {
    /// This booth.
    Booth { booth_id: BoothId },
    /// Any free booth in this zone (the first by code).
    AnyInZone { zone_id: ZoneId },
    /// A virtual booth of an online or hybrid fair.
    Virtual,
}

#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum BookingStatus {
    /// Asked for; the booth is held until `hold_until`, waiting for the organizer.
    Requested {
        #[serde(with = "crate::snapshot::form::instant")]
        hold_until: DateTime<Utc>,
    },
    /// Offered from the waitlist; held until `until`, waiting for the enterprise.
    Offered {
        #[serde(with = "crate::snapshot::form::instant")]
        until: DateTime<Utc>,
    },
    Booked,
    Rejected {
        reason: String,
    },
    Cancelled,
    Expired,
    Declined,
}

impl BookingStatus {
    /// Does the booking occupy its booth?
    pub fn is_active(&self) -> bool {
        matches!(self, BookingStatus::Requested { .. } | BookingStatus::Offered { .. } | BookingStatus::Booked)
    }
    pub fn key(&self) -> &'static str {
        match self {
            BookingStatus::Requested { .. } => "requested",
            BookingStatus::Offered { .. } => "offered",
            BookingStatus::Booked => "booked",
            BookingStatus::Rejected { .. } => "rejected",
            BookingStatus::Cancelled => "cancelled",
            BookingStatus::Expired => "expired",
            BookingStatus::Declined => "declined",
        }
    }
    pub fn deadline(&self) -> Option<DateTime<Utc>> {
        match self {
            BookingStatus::Requested { hold_until } => Some(*hold_until),
            BookingStatus::Offered { until } => Some(*until),
            _ => None,
        }
    }
}

#[derive(Debug, Clone, Serialize, PartialEq, Eq, Hash, serde::Deserialize)]
pub struct Booking {
    pub id: BookingId,
    pub fair_id: FairId,
    pub enterprise_id: EnterpriseId,
    /// `None` for a virtual booth.
    pub booth_id: Option<BoothId>,
    /// The zone asked for, when the request was "any booth in zone".
    pub zone_id: Option<ZoneId>,
    pub status: BookingStatus,
    #[serde(with = "crate::snapshot::form::instant")]
    pub requested_at: DateTime<Utc>,
    /// Sequence of the event that created the booking.
    pub created_seq: u64,
    pub via_waitlist: Option<WaitlistId>,
    pub version: u64,
}

impl Booking {
    /// A booth on the floor plan, or a virtual booth.
    pub fn kind(&self) -> BoothKind {
        if self.booth_id.is_some() {
            BoothKind::Physical
        } else {
            BoothKind::Virtual
        }
    }
}

/// What a booth shows on the floor plan (by colour and by text).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum BoothState {
    Free,
    /// Offered to an enterprise from the waitlist.
    Held,
    /// Requested by an enterprise, waiting for approval.
    Requested,
    Booked,
    Blocked,
}

impl BoothState {
    pub fn key(self) -> &'static str {
        match self {
            BoothState::Free => "free",
            BoothState::Held => "held",
            BoothState::Requested => "requested",
            BoothState::Booked => "booked",
            BoothState::Blocked => "blocked",
        }
    }
}

/// Why a waitlist entry was passed over for an offer.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum SkipReason {
    /// It waits for another zone.
    OtherZone,
    /// It already holds as many booths as the fair allows.
    AtLimit,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct Skipped {
    pub waitlist_id: WaitlistId,
    pub why: SkipReason,
}

/// What freed the booth that a waitlist offer is about.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum FreedBy {
    Cancelled,
    Rejected,
    Expired,
    Declined,
    Reassigned,
}

#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum WaitlistStatus {
    Waiting,
    Offered {
        booking_id: BookingId,
    },
    Served {
        booking_id: BookingId,
    },
    Left,
    /// The offer was declined or expired.
    Lapsed {
        booking_id: BookingId,
    },
}

#[derive(Debug, Clone, Serialize, PartialEq, Eq, Hash, serde::Deserialize)]
pub struct WaitlistEntry {
    pub id: WaitlistId,
    pub fair_id: FairId,
    pub enterprise_id: EnterpriseId,
    pub zone_id: Option<ZoneId>,
    #[serde(with = "crate::snapshot::form::instant")]
    pub joined_at: DateTime<Utc>,
    /// Sequence of the joining event: the waitlist's order.
    pub position_seq: u64,
    pub status: WaitlistStatus,
    /// The last offer made to this entry, and why (for the organizer's view of the waitlist).
    pub promotion: Option<Promotion>,
}

/// A waitlist offer as recorded: which booth, what freed it, who was passed over and why.
#[derive(Debug, Clone, Serialize, PartialEq, Eq, Hash, serde::Deserialize)]
pub struct Promotion {
    pub booking_id: BookingId,
    pub booth_id: Option<BoothId>,
    pub freed_from: BookingId,
    pub freed_by: FreedBy,
    pub skipped: Vec<Skipped>,
    #[serde(with = "crate::snapshot::form::instant")]
    pub offered_at: DateTime<Utc>,
    #[serde(with = "crate::snapshot::form::instant")]
    pub until: DateTime<Utc>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, strum::IntoStaticStr)]
pub enum BookingCommand {
    SetBookingRules {
        fair_id: FairId,
        rules: BookingRules,
    },
    RequestBooth {
        booking_id: BookingId,
        fair_id: FairId,
        enterprise_id: EnterpriseId,
        target: BoothTarget,
    },
    ApproveBooking {
        booking_id: BookingId,
    },
    /// Approve several requests at once; all or nothing.
    ApproveBookings {
        booking_ids: Vec<BookingId>,
    },
    /// Take an approval back (an undo): the booking waits for a decision again, held anew.
    RevokeApproval {
        booking_id: BookingId,
    },
    RejectBooking {
        booking_id: BookingId,
        reason: String,
    },
    ReassignBooking {
        booking_id: BookingId,
        booth_id: BoothId,
    },
    CancelBooking {
        booking_id: BookingId,
    },
    JoinWaitlist {
        waitlist_id: WaitlistId,
        fair_id: FairId,
        enterprise_id: EnterpriseId,
        zone_id: Option<ZoneId>,
    },
    LeaveWaitlist {
        waitlist_id: WaitlistId,
    },
    AcceptOffer {
        booking_id: BookingId,
    },
    DeclineOffer {
        booking_id: BookingId,
    },
    /// Record every hold and offer whose deadline has passed (and the offers that follow).
    ExpireHolds,
}

impl BookingCommand {
    /// The variant's name (`strum::IntoStaticStr`).
    pub fn name(&self) -> &'static str {
        self.into()
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, strum::IntoStaticStr)]
pub enum BookingEvent {
    BookingRulesSet {
        fair_id: FairId,
        rules: BookingRules,
    },
    BoothRequested {
        booking_id: BookingId,
        fair_id: FairId,
        enterprise_id: EnterpriseId,
        booth_id: Option<BoothId>,
        zone_id: Option<ZoneId>,
        hold_until: DateTime<Utc>,
    },
    BookingApproved {
        booking_id: BookingId,
    },
    BookingApprovalRevoked {
        booking_id: BookingId,
        hold_until: DateTime<Utc>,
    },
    BookingRejected {
        booking_id: BookingId,
        reason: String,
    },
    BookingReassigned {
        booking_id: BookingId,
        booth_id: BoothId,
    },
    BookingCancelled {
        booking_id: BookingId,
    },
    /// A request's hold or a waitlist offer passed its deadline.
    HoldExpired {
        booking_id: BookingId,
    },
    WaitlistJoined {
        waitlist_id: WaitlistId,
        fair_id: FairId,
        enterprise_id: EnterpriseId,
        zone_id: Option<ZoneId>,
    },
    WaitlistLeft {
        waitlist_id: WaitlistId,
    },
    /// The first eligible waiting enterprise is offered a freed booth; `skipped` lists those
    /// ahead of it that were not eligible, and why.
    WaitlistOffered {
        waitlist_id: WaitlistId,
        booking_id: BookingId,
        booth_id: Option<BoothId>,
        until: DateTime<Utc>,
        freed_from: BookingId,
        freed_by: FreedBy,
        #[serde(default, skip_serializing_if = "Vec::is_empty")]
        skipped: Vec<Skipped>,
    },
    OfferAccepted {
        booking_id: BookingId,
    },
    OfferDeclined {
        booking_id: BookingId,
    },
}

impl BookingEvent {
    /// The variant's name (`strum::IntoStaticStr`).
    pub fn type_name(&self) -> &'static str {
        self.into()
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, thiserror::Error, strum::IntoStaticStr)]
#[strum(serialize_all = "snake_case")]
#[serde(rename_all = "snake_case")]
pub enum BookingError {
    #[error("no such fair")]
    FairNotFound,
    #[error("the fair is not open for booking (it is {status})")]
    FairNotOpen { status: String },
    #[error("requests closed {hours} hours before the fair starts")]
    AfterCutoff { hours: u32 },
    #[error("no such enterprise")]
    EnterpriseNotFound,
    #[error("an enterprise may only book for itself")]
    NotYourEnterprise,
    #[error("a booking with this id already exists")]
    AlreadyExists,
    #[error("no such booking")]
    NotFound,
    #[error("no such booth at this fair")]
    BoothNotFound,
    #[error("booth {code} is blocked")]
    BoothBlocked { code: String },
    #[error("booth {code} was just taken by another enterprise")]
    BoothTaken { code: String },
    #[error("no such zone at this fair")]
    ZoneNotFound,
    #[error("zone {zone} has no free booth")]
    ZoneFull { zone: String },
    #[error("the fair has no free booth")]
    FairFull,
    #[error("the fair has no virtual booths")]
    NoVirtualBooths,
    #[error("an enterprise may hold at most {max} booths at this fair")]
    LimitReached { max: u32 },
    #[error("the booking is {status}, not waiting for approval")]
    NotPending { status: String },
    #[error("the hold ran out before the decision")]
    HoldExpired,
    #[error("the booking is {status}; only active bookings can change")]
    NotActive { status: String },
    #[error("the booking has no booth to move")]
    NotReassignable,
    #[error("the booth is the same")]
    SameBooth,
    #[error("bookings can no longer be cancelled ({hours} hours before the start)")]
    CancelAfterCutoff { hours: u32 },
    #[error("a reason is required")]
    ReasonRequired,
    #[error("the reason is longer than {max} characters")]
    ReasonTooLong { max: usize },
    #[error("the enterprise is already on this fair's waitlist")]
    AlreadyWaiting,
    #[error("there is a free booth; request it instead of joining the waitlist")]
    NotFull,
    #[error("no such waitlist entry")]
    WaitlistNotFound,
    #[error("the entry is no longer waiting")]
    NotWaiting,
    #[error("there is no open offer on this booking")]
    NoOffer,
    #[error("the offer ran out")]
    OfferExpired,
    #[error("{field} must be between {min} and {max}")]
    RuleOutOfRange { field: String, min: u32, max: u32 },
    #[error("nothing to approve")]
    NothingToApprove,
    /// A physical booth at an online fair (booths left on its plan from when it was onsite or
    /// hybrid), or a virtual booth at an onsite fair.
    #[error("a {mode:?} fair has no {kind:?} booths")]
    BoothKindMismatch { mode: FairMode, kind: BoothKind },
}

impl BookingError {
    pub fn field(&self) -> Option<&'static str> {
        use BookingError::*;
        Some(match self {
            ReasonRequired | ReasonTooLong { .. } => "reason",
            BoothNotFound | BoothBlocked { .. } | BoothTaken { .. } | SameBooth | BoothKindMismatch { .. } => "booth",
            ZoneNotFound | ZoneFull { .. } => "zone",
            RuleOutOfRange { .. } => "rules",
            _ => return None,
        })
    }
}

pub use crate::id_set::IdSet;

#[cfg(test)]
mod tests;
