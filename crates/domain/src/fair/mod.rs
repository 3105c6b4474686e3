//! Fairs (招聘会): create, edit, publish, close, cancel.
use chrono::{DateTime, Duration, Utc};
use serde::{Deserialize, Serialize};

use crate::envelope::{EventEnvelope, Role};
use crate::error::DomainError;
use crate::ids::{FairId, SeriesId};
use crate::industry::Industry;
use crate::place::District;
use crate::state::State;

mod check;
mod decide;
mod details;
mod evolve;
mod lifecycle;
mod outcome;
mod postpone;
mod rules;
pub(crate) use self::check::*;
pub(crate) use self::decide::*;
pub use self::details::dates_problem;
pub(crate) use self::details::*;
pub(crate) use self::evolve::*;
pub(crate) use self::lifecycle::*;
pub(crate) use self::outcome::*;
pub use self::postpone::may_postpone_fair;
pub(crate) use self::postpone::postpone_fair;
pub use self::rules::*;

pub const NAME_MAX_CHARS: usize = 80;
pub const ADDRESS_MAX_CHARS: usize = 120;
pub const REASON_MAX_CHARS: usize = 500;
pub const MAX_FAIR_DAYS: i64 = 31;
pub const MAX_CAPACITY: u32 = 1_000_000;

// ---------------------------------------------------------------------------------------------
// Model

/// 线下 / 线上 / 线上线下结合.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
#[derive(strum::IntoStaticStr, strum::EnumString, strum::VariantArray)]
#[strum(serialize_all = "snake_case")]
pub enum FairMode {
    Onsite,
    Online,
    Hybrid,
}

impl FairMode {
    /// Onsite and hybrid fairs happen in a physical place.
    pub fn is_physical(self) -> bool {
        !matches!(self, FairMode::Online)
    }
    /// Does a fair of this mode have booths of this kind? Onsite and hybrid fairs have a floor
    /// plan with physical booths; online and hybrid fairs have virtual booths.
    pub fn has_booths(self, kind: BoothKind) -> bool {
        match kind {
            BoothKind::Physical => self.is_physical(),
            BoothKind::Virtual => self != FairMode::Onsite,
        }
    }
}

/// What a booking occupies: a booth on the floor plan, or one of the virtual booths.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
#[derive(strum::IntoStaticStr, strum::EnumString, strum::VariantArray)]
#[strum(serialize_all = "snake_case")]
pub enum BoothKind {
    Physical,
    Virtual,
}

/// Where a fair takes place.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Venue {
    /// A hall in a Shanghai district.
    Hall { district: District, address: String },
    /// An employment service station (就业服务站).
    ServiceStation { district: District, station: String },
    /// A partner region outside Shanghai, for recruitment tours (e.g. 云南大理).
    Remote { region: String, address: String },
}

impl Venue {
    pub fn district(&self) -> Option<District> {
        match self {
            Venue::Hall { district, .. } | Venue::ServiceStation { district, .. } => Some(*district),
            Venue::Remote { .. } => None,
        }
    }

    /// The free-text part (address, station name or address in the region).
    pub fn place_text(&self) -> &str {
        match self {
            Venue::Hall { address, .. } | Venue::Remote { address, .. } => address,
            Venue::ServiceStation { station, .. } => station,
        }
    }
}

/// Start and end (instants; shown in Asia/Shanghai time).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct Schedule {
    #[serde(with = "crate::snapshot::form::instant")]
    pub start: DateTime<Utc>,
    #[serde(with = "crate::snapshot::form::instant")]
    pub end: DateTime<Utc>,
}

/// What an organizer fills in for a fair.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct FairDetails {
    pub name: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub series: Option<SeriesId>,
    pub industry: Industry,
    pub mode: FairMode,
    /// Required for onsite and hybrid fairs before publishing; online fairs have none.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub venue: Option<Venue>,
    /// Required before publishing.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub schedule: Option<Schedule>,
    /// Expected visitors (参会人数), if known.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub capacity: Option<u32>,
}

#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum FairStatus {
    Draft,
    Published,
    Closed,
    Cancelled { reason: String },
}

impl FairStatus {
    pub fn kind(&self) -> FairStatusKind {
        match self {
            FairStatus::Draft => FairStatusKind::Draft,
            FairStatus::Published => FairStatusKind::Published,
            FairStatus::Closed => FairStatusKind::Closed,
            FairStatus::Cancelled { .. } => FairStatusKind::Cancelled,
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
#[derive(strum::IntoStaticStr, strum::EnumString, strum::VariantArray)]
#[strum(serialize_all = "snake_case")]
pub enum FairStatusKind {
    Draft,
    Published,
    Closed,
    Cancelled,
}

/// A change to a published fair that enterprises booked there must see (new dates, another
/// venue, a cancellation). Recorded by `evolve` in `State::fair_changes`, in log order.
#[derive(Debug, Clone, PartialEq, Eq, Hash, serde::Serialize, serde::Deserialize)]
pub struct FairChange {
    /// Sequence of the event that made the change.
    pub seq: u64,
    #[serde(with = "crate::snapshot::form::instant")]
    pub at: DateTime<Utc>,
    pub kind: FairChangeKind,
}

#[derive(Debug, Clone, PartialEq, Eq, Hash, serde::Serialize, serde::Deserialize)]
pub enum FairChangeKind {
    Rescheduled { from: Option<Schedule>, to: Option<Schedule> },
    Moved { from: Option<Venue>, to: Option<Venue> },
    Cancelled { reason: String },
    Postponed { from: Option<Schedule>, to: Schedule, reason: String },
}

/// A fair as the state holds it.
#[derive(Debug, Clone, Serialize, PartialEq, Eq, Hash, serde::Deserialize)]
pub struct Fair {
    pub id: FairId,
    /// Boxed: fairs sit by value in the nodes of a persistent B-tree, where a smaller value makes
    /// every insert cheaper (fewer bytes shifted).
    #[serde(with = "crate::snapshot::form::fair_details")]
    pub details: Box<FairDetails>,
    pub status: FairStatus,
    /// What the fair achieved, once recorded.
    pub outcome: Option<FairOutcome>,
    /// Sequence of the last event that changed this fair: the version a form was opened at.
    pub version: u64,
    #[serde(with = "crate::snapshot::form::instant")]
    pub created_at: DateTime<Utc>,
}

/// A fair's results, recorded by the organizer after it has started (参会人数, 投递, 录用, 返岗复工).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct FairOutcome {
    pub visitors: u32,
    pub applications: u32,
    pub hires: u32,
    /// People helped back to work (返岗复工).
    pub returned_to_work: u32,
}

pub const MAX_OUTCOME: u32 = 10_000_000;

// ---------------------------------------------------------------------------------------------
// Commands, events, errors

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, strum::IntoStaticStr)]
pub enum FairCommand {
    CreateFair {
        fair_id: FairId,
        details: FairDetails,
    },
    /// `expected_version` is the fair's `version` when the form was opened: a fair changed since
    /// (in another tab, by a colleague) is refused with a conflict instead of silently overwritten.
    EditFair {
        fair_id: FairId,
        expected_version: u64,
        details: FairDetails,
    },
    PublishFair {
        fair_id: FairId,
    },
    /// Take a published fair back to draft (an undo of publishing); refused once enterprises
    /// hold booths at it.
    UnpublishFair {
        fair_id: FairId,
    },
    CloseFair {
        fair_id: FairId,
    },
    CancelFair {
        fair_id: FairId,
        reason: String,
    },
    /// Move a published fair to later dates, saying why.
    PostponeFair {
        fair_id: FairId,
        schedule: Schedule,
        reason: String,
    },
    /// Record (or correct) what the fair achieved.
    RecordFairOutcome {
        fair_id: FairId,
        outcome: FairOutcome,
    },
}

impl FairCommand {
    /// The variant's name (`strum::IntoStaticStr`).
    pub fn name(&self) -> &'static str {
        self.into()
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, strum::IntoStaticStr)]
pub enum FairEvent {
    FairCreated { fair_id: FairId, details: FairDetails },
    FairEdited { fair_id: FairId, details: FairDetails },
    FairPublished { fair_id: FairId },
    FairUnpublished { fair_id: FairId },
    FairClosed { fair_id: FairId },
    FairCancelled { fair_id: FairId, reason: String },
    FairPostponed { fair_id: FairId, schedule: Schedule, reason: String },
    FairOutcomeRecorded { fair_id: FairId, outcome: FairOutcome },
}

impl FairEvent {
    pub fn fair_id(&self) -> FairId {
        match self {
            FairEvent::FairCreated { fair_id, .. }
            | FairEvent::FairEdited { fair_id, .. }
            | FairEvent::FairPublished { fair_id }
            | FairEvent::FairUnpublished { fair_id }
            | FairEvent::FairClosed { fair_id }
            | FairEvent::FairCancelled { fair_id, .. }
            | FairEvent::FairPostponed { fair_id, .. }
            | FairEvent::FairOutcomeRecorded { fair_id, .. } => *fair_id,
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, thiserror::Error, strum::IntoStaticStr)]
#[strum(serialize_all = "snake_case")]
#[serde(rename_all = "snake_case")]
pub enum FairError {
    #[error("no such fair")]
    NotFound,
    #[error("a fair with this id already exists")]
    AlreadyExists,
    #[error("a fair needs a name")]
    NameRequired,
    #[error("the name is longer than {max} characters")]
    NameTooLong { max: usize },
    #[error("the end must be after the start")]
    EndNotAfterStart,
    #[error("a fair lasts at most {max_days} days")]
    TooLong { max_days: i64 },
    #[error("the address or station is required for this venue")]
    AddressRequired,
    #[error("the address is longer than {max} characters")]
    AddressTooLong { max: usize },
    #[error("a {mode:?} fair cannot have this venue")]
    VenueModeMismatch { mode: FairMode },
    #[error("an onsite or hybrid fair needs a venue before it is published")]
    VenueRequired,
    #[error("a fair needs its dates before it is published")]
    DatesRequired,
    #[error("expected visitors must be between 1 and {max}")]
    CapacityOutOfRange { max: u32 },
    #[error("no such series")]
    SeriesNotFound,
    #[error("a {status:?} fair can no longer be edited")]
    NotEditable { status: FairStatusKind },
    #[error("the fair was changed (version {actual}) since this form was opened (version {expected})")]
    EditConflict { expected: u64, actual: u64 },
    #[error("a {from:?} fair cannot become {to:?}")]
    InvalidTransition { from: FairStatusKind, to: FairStatusKind },
    #[error("a fair cannot be closed before it starts")]
    CloseBeforeStart,
    #[error("a reason is required")]
    ReasonRequired,
    #[error("results can be recorded once the fair has started")]
    OutcomeBeforeStart,
    #[error("each figure is at most {max}")]
    OutcomeTooLarge { max: u32 },
    #[error("{bookings} enterprises hold booths at this fair")]
    HasBookings { bookings: usize },
    #[error("the reason is longer than {max} characters")]
    ReasonTooLong { max: usize },
    #[error("only a published fair can be postponed (this one is {status:?})")]
    NotPostponable { status: FairStatusKind },
    #[error("a postponed fair starts later than it was to start")]
    NotLater,
    /// The new mode has no booths of a kind that `count` active bookings (requested, offered,
    /// booked) are on: physical booths for an online fair, virtual booths for an onsite one.
    #[error("{count} active bookings are on booths a {mode:?} fair does not have")]
    ModeStrandsBookings { mode: FairMode, count: usize },
}

impl FairError {
    pub fn field(&self) -> Option<&'static str> {
        use FairError::*;
        Some(match self {
            NameRequired | NameTooLong { .. } => "name",
            EndNotAfterStart | TooLong { .. } => "end",
            NotLater => "start",
            DatesRequired => "start",
            AddressRequired | AddressTooLong { .. } => "address",
            // The fair form shows these beside the mode (the venue follows from it).
            VenueModeMismatch { .. } | VenueRequired | ModeStrandsBookings { .. } => "venue",
            CapacityOutOfRange { .. } => "capacity",
            SeriesNotFound => "series",
            ReasonRequired | ReasonTooLong { .. } => "reason",
            NotFound
            | AlreadyExists
            | NotEditable { .. }
            | EditConflict { .. }
            | InvalidTransition { .. }
            | CloseBeforeStart
            | HasBookings { .. }
            | NotPostponable { .. } => return None,
            OutcomeBeforeStart | OutcomeTooLarge { .. } => "outcome",
        })
    }
}

#[cfg(test)]
mod tests;
