//! Fairs (招聘会): create, edit, publish, close, cancel.
use chrono::{DateTime, Duration, Utc};
use serde::{Deserialize, Serialize};

use crate::envelope::{EventEnvelope, Role};
use crate::error::DomainError;
use crate::ids::{FairId, SeriesId};
use crate::industry::Industry;
use crate::place::District;
use crate::state::State;

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
pub enum FairMode {
    Onsite,
    Online,
    Hybrid,
}

impl FairMode {
    pub const ALL: [FairMode; 3] = [FairMode::Onsite, FairMode::Online, FairMode::Hybrid];
    pub fn key(self) -> &'static str {
        match self {
            FairMode::Onsite => "onsite",
            FairMode::Online => "online",
            FairMode::Hybrid => "hybrid",
        }
    }
    pub fn from_key(k: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|m| m.key() == k)
    }
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
pub enum BoothKind {
    Physical,
    Virtual,
}

impl BoothKind {
    pub const ALL: [BoothKind; 2] = [BoothKind::Physical, BoothKind::Virtual];
    pub fn key(self) -> &'static str {
        match self {
            BoothKind::Physical => "physical",
            BoothKind::Virtual => "virtual",
        }
    }
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
    pub start: DateTime<Utc>,
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
pub enum FairStatusKind {
    Draft,
    Published,
    Closed,
    Cancelled,
}

impl FairStatusKind {
    pub const ALL: [FairStatusKind; 4] =
        [FairStatusKind::Draft, FairStatusKind::Published, FairStatusKind::Closed, FairStatusKind::Cancelled];
    pub fn key(self) -> &'static str {
        match self {
            FairStatusKind::Draft => "draft",
            FairStatusKind::Published => "published",
            FairStatusKind::Closed => "closed",
            FairStatusKind::Cancelled => "cancelled",
        }
    }
    pub fn from_key(k: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|m| m.key() == k)
    }
}

/// A change to a published fair that enterprises booked there must see (new dates, another
/// venue, a cancellation). Recorded by `evolve` in `State::fair_changes`, in log order.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct FairChange {
    /// Sequence of the event that made the change.
    pub seq: u64,
    pub at: DateTime<Utc>,
    pub kind: FairChangeKind,
}

#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub enum FairChangeKind {
    Rescheduled { from: Option<Schedule>, to: Option<Schedule> },
    Moved { from: Option<Venue>, to: Option<Venue> },
    Cancelled { reason: String },
}

/// A fair as the state holds it.
#[derive(Debug, Clone, Serialize, PartialEq, Eq, Hash)]
pub struct Fair {
    pub id: FairId,
    /// Boxed: fairs sit by value in the nodes of a persistent B-tree, where a smaller value makes
    /// every insert cheaper (fewer bytes shifted).
    pub details: Box<FairDetails>,
    pub status: FairStatus,
    /// What the fair achieved, once recorded.
    pub outcome: Option<FairOutcome>,
    /// Sequence of the last event that changed this fair: the version a form was opened at.
    pub version: u64,
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

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
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
    /// Record (or correct) what the fair achieved.
    RecordFairOutcome {
        fair_id: FairId,
        outcome: FairOutcome,
    },
}

impl FairCommand {
    pub fn name(&self) -> &'static str {
        match self {
            FairCommand::CreateFair { .. } => "CreateFair",
            FairCommand::EditFair { .. } => "EditFair",
            FairCommand::PublishFair { .. } => "PublishFair",
            FairCommand::UnpublishFair { .. } => "UnpublishFair",
            FairCommand::CloseFair { .. } => "CloseFair",
            FairCommand::CancelFair { .. } => "CancelFair",
            FairCommand::RecordFairOutcome { .. } => "RecordFairOutcome",
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub enum FairEvent {
    FairCreated { fair_id: FairId, details: FairDetails },
    FairEdited { fair_id: FairId, details: FairDetails },
    FairPublished { fair_id: FairId },
    FairUnpublished { fair_id: FairId },
    FairClosed { fair_id: FairId },
    FairCancelled { fair_id: FairId, reason: String },
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
            | FairEvent::FairOutcomeRecorded { fair_id, .. } => *fair_id,
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, thiserror::Error)]
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
            | HasBookings { .. } => return None,
            OutcomeBeforeStart | OutcomeTooLarge { .. } => "outcome",
        })
    }
}

// ---------------------------------------------------------------------------------------------
// Rules

type Result<T> = std::result::Result<T, DomainError>;

fn check_details(state: &State, d: &FairDetails) -> std::result::Result<FairDetails, FairError> {
    let name = d.name.trim();
    if name.is_empty() {
        return Err(FairError::NameRequired);
    }
    if name.chars().count() > NAME_MAX_CHARS {
        return Err(FairError::NameTooLong { max: NAME_MAX_CHARS });
    }
    if let Some(s) = &d.schedule {
        if s.end <= s.start {
            return Err(FairError::EndNotAfterStart);
        }
        if s.end - s.start > Duration::days(MAX_FAIR_DAYS) {
            return Err(FairError::TooLong { max_days: MAX_FAIR_DAYS });
        }
    }
    let venue = match &d.venue {
        None => None,
        Some(_) if !d.mode.is_physical() => return Err(FairError::VenueModeMismatch { mode: d.mode }),
        Some(v) => Some(trim_venue(v)?),
    };
    if let Some(c) = d.capacity {
        if c == 0 || c > MAX_CAPACITY {
            return Err(FairError::CapacityOutOfRange { max: MAX_CAPACITY });
        }
    }
    if let Some(series) = d.series {
        if !state.series.contains_key(&series) {
            return Err(FairError::SeriesNotFound);
        }
    }
    Ok(FairDetails { name: name.to_owned(), venue, ..d.clone() })
}

fn trim_venue(v: &Venue) -> std::result::Result<Venue, FairError> {
    let text = v.place_text().trim();
    if text.is_empty() {
        return Err(FairError::AddressRequired);
    }
    if text.chars().count() > ADDRESS_MAX_CHARS {
        return Err(FairError::AddressTooLong { max: ADDRESS_MAX_CHARS });
    }
    Ok(match v {
        Venue::Hall { district, .. } => Venue::Hall { district: *district, address: text.into() },
        Venue::ServiceStation { district, .. } => Venue::ServiceStation { district: *district, station: text.into() },
        Venue::Remote { region, .. } => {
            let region = region.trim();
            if region.is_empty() {
                return Err(FairError::AddressRequired);
            }
            Venue::Remote { region: region.into(), address: text.into() }
        }
    })
}

fn existing(state: &State, id: FairId) -> std::result::Result<&Fair, FairError> {
    state.fairs.get(&id).ok_or(FairError::NotFound)
}

fn transition(f: &Fair, to: FairStatusKind) -> FairError {
    FairError::InvalidTransition { from: f.status.kind(), to }
}

pub(crate) fn decide(state: &State, role: Role, now: DateTime<Utc>, cmd: FairCommand) -> Result<Vec<FairEvent>> {
    if role != Role::Organizer {
        return Err(DomainError::Forbidden { role, command: cmd.name().into() });
    }
    Ok(match cmd {
        FairCommand::CreateFair { fair_id, details } => {
            if state.fairs.contains_key(&fair_id) {
                return Err(FairError::AlreadyExists.into());
            }
            let details = check_details(state, &details)?;
            vec![FairEvent::FairCreated { fair_id, details }]
        }
        FairCommand::EditFair { fair_id, expected_version, details } => {
            let fair = existing(state, fair_id)?;
            if matches!(fair.status, FairStatus::Closed | FairStatus::Cancelled { .. }) {
                return Err(FairError::NotEditable { status: fair.status.kind() }.into());
            }
            if fair.version != expected_version {
                return Err(FairError::EditConflict { expected: expected_version, actual: fair.version }.into());
            }
            let details = check_details(state, &details)?;
            if fair.status == FairStatus::Published {
                publishable(&details)?;
            }
            keeps_bookings(state, fair, details.mode)?;
            if details == *fair.details {
                return Ok(vec![]);
            }
            vec![FairEvent::FairEdited { fair_id, details }]
        }
        FairCommand::PublishFair { fair_id } => {
            let fair = existing(state, fair_id)?;
            if fair.status != FairStatus::Draft {
                return Err(transition(fair, FairStatusKind::Published).into());
            }
            publishable(&fair.details)?;
            vec![FairEvent::FairPublished { fair_id }]
        }
        FairCommand::UnpublishFair { fair_id } => {
            let fair = existing(state, fair_id)?;
            if fair.status != FairStatus::Published {
                return Err(transition(fair, FairStatusKind::Draft).into());
            }
            let bookings = active_bookings(state, fair_id);
            if bookings > 0 {
                return Err(FairError::HasBookings { bookings }.into());
            }
            vec![FairEvent::FairUnpublished { fair_id }]
        }
        FairCommand::CloseFair { fair_id } => {
            let fair = existing(state, fair_id)?;
            if fair.status != FairStatus::Published {
                return Err(transition(fair, FairStatusKind::Closed).into());
            }
            match fair.details.schedule {
                Some(s) if now >= s.start => {}
                _ => return Err(FairError::CloseBeforeStart.into()),
            }
            vec![FairEvent::FairClosed { fair_id }]
        }
        FairCommand::RecordFairOutcome { fair_id, outcome } => {
            let fair = existing(state, fair_id)?;
            if !matches!(fair.status, FairStatus::Published | FairStatus::Closed) {
                return Err(transition(fair, FairStatusKind::Closed).into());
            }
            match fair.details.schedule {
                Some(s) if now >= s.start => {}
                _ => return Err(FairError::OutcomeBeforeStart.into()),
            }
            let o = outcome;
            if [o.visitors, o.applications, o.hires, o.returned_to_work].iter().any(|v| *v > MAX_OUTCOME) {
                return Err(FairError::OutcomeTooLarge { max: MAX_OUTCOME }.into());
            }
            if fair.outcome == Some(outcome) {
                return Ok(vec![]);
            }
            vec![FairEvent::FairOutcomeRecorded { fair_id, outcome }]
        }
        FairCommand::CancelFair { fair_id, reason } => {
            let fair = existing(state, fair_id)?;
            if !matches!(fair.status, FairStatus::Draft | FairStatus::Published) {
                return Err(transition(fair, FairStatusKind::Cancelled).into());
            }
            let reason = reason.trim();
            if reason.is_empty() {
                return Err(FairError::ReasonRequired.into());
            }
            if reason.chars().count() > REASON_MAX_CHARS {
                return Err(FairError::ReasonTooLong { max: REASON_MAX_CHARS }.into());
            }
            vec![FairEvent::FairCancelled { fair_id, reason: reason.into() }]
        }
    })
}

fn active_bookings(state: &State, fair: FairId) -> usize {
    state
        .fair_bookings
        .get(&fair)
        .map_or(0, |ids| ids.keys().filter(|id| state.bookings.get(id).is_some_and(|b| b.status.is_active())).count())
}

/// Active bookings (requested, offered, booked) at `fair` on booths that a fair of `mode` does
/// not have: physical booths when online, virtual booths when onsite. Read through the fair's
/// booking index.
fn stranded_bookings(state: &State, fair: FairId, mode: FairMode) -> usize {
    state.fair_bookings.get(&fair).map_or(0, |ids| {
        ids.keys()
            .filter_map(|id| state.bookings.get(id))
            .filter(|b| b.status.is_active() && !mode.has_booths(b.kind()))
            .count()
    })
}

/// A change of mode may not leave active bookings on booths the new mode does not have (the app
/// would hide them). Only a change is checked: editing anything else is never refused for this.
fn keeps_bookings(state: &State, fair: &Fair, mode: FairMode) -> std::result::Result<(), FairError> {
    if mode == fair.details.mode {
        return Ok(());
    }
    match stranded_bookings(state, fair.id, mode) {
        0 => Ok(()),
        count => Err(FairError::ModeStrandsBookings { mode, count }),
    }
}

fn publishable(d: &FairDetails) -> std::result::Result<(), FairError> {
    if d.schedule.is_none() {
        return Err(FairError::DatesRequired);
    }
    if d.mode.is_physical() && d.venue.is_none() {
        return Err(FairError::VenueRequired);
    }
    Ok(())
}

// ---------------------------------------------------------------------------------------------
// State changes (total: an event is a fact)

pub(crate) fn evolve(state: &mut State, env: &EventEnvelope, event: &FairEvent) {
    let seq = env.seq;
    match event {
        FairEvent::FairCreated { fair_id, details } => {
            state.fairs.insert(
                *fair_id,
                Fair {
                    id: *fair_id,
                    details: Box::new(details.clone()),
                    status: FairStatus::Draft,
                    outcome: None,
                    version: seq,
                    created_at: env.recorded_at,
                },
            );
        }
        FairEvent::FairEdited { fair_id, details } => {
            let Some(f) = state.fairs.get_mut(fair_id) else { return };
            let mut changes = Vec::new();
            if f.status == FairStatus::Published {
                if f.details.schedule != details.schedule {
                    changes.push(FairChangeKind::Rescheduled { from: f.details.schedule, to: details.schedule });
                }
                if f.details.venue != details.venue {
                    changes.push(FairChangeKind::Moved { from: f.details.venue.clone(), to: details.venue.clone() });
                }
            }
            *f.details = details.clone();
            f.version = seq;
            for kind in changes {
                record_change(state, *fair_id, env, kind);
            }
        }
        FairEvent::FairPublished { fair_id } => set_status(state, *fair_id, seq, FairStatus::Published),
        FairEvent::FairUnpublished { fair_id } => set_status(state, *fair_id, seq, FairStatus::Draft),
        FairEvent::FairClosed { fair_id } => set_status(state, *fair_id, seq, FairStatus::Closed),
        FairEvent::FairOutcomeRecorded { fair_id, outcome } => {
            if let Some(f) = state.fairs.get_mut(fair_id) {
                f.outcome = Some(*outcome);
                f.version = seq;
            }
        }
        FairEvent::FairCancelled { fair_id, reason } => {
            let was_published = state.fairs.get(fair_id).is_some_and(|f| f.status == FairStatus::Published);
            set_status(state, *fair_id, seq, FairStatus::Cancelled { reason: reason.clone() });
            if was_published {
                record_change(state, *fair_id, env, FairChangeKind::Cancelled { reason: reason.clone() });
            }
        }
    }
}

fn record_change(state: &mut State, fair_id: FairId, env: &EventEnvelope, kind: FairChangeKind) {
    state.fair_changes.entry(fair_id).or_default().push_back(FairChange { seq: env.seq, at: env.recorded_at, kind });
}

fn set_status(state: &mut State, id: FairId, seq: u64, status: FairStatus) {
    if let Some(f) = state.fairs.get_mut(&id) {
        f.status = status;
        f.version = seq;
    }
}

// ---------------------------------------------------------------------------------------------

/// Would this event still be a valid fact on `state`? Used when merging logs from two devices:
/// an event the domain now refuses becomes a conflict for the user, not a silent overwrite.
pub(crate) fn check(state: &State, event: &FairEvent) -> std::result::Result<(), FairError> {
    let id = event.fair_id();
    let fair = state.fairs.get(&id);
    let from = |f: &Fair, allowed: &[FairStatusKind], to: FairStatusKind| {
        if allowed.contains(&f.status.kind()) {
            Ok(())
        } else {
            Err(FairError::InvalidTransition { from: f.status.kind(), to })
        }
    };
    match (event, fair) {
        (FairEvent::FairCreated { .. }, Some(_)) => Err(FairError::AlreadyExists),
        (FairEvent::FairCreated { details, .. }, None) => details.series.map_or(Ok(()), |s| {
            if state.series.contains_key(&s) {
                Ok(())
            } else {
                Err(FairError::SeriesNotFound)
            }
        }),
        (_, None) => Err(FairError::NotFound),
        (FairEvent::FairEdited { details, .. }, Some(f)) => {
            if matches!(f.status, FairStatus::Closed | FairStatus::Cancelled { .. }) {
                Err(FairError::NotEditable { status: f.status.kind() })
            } else {
                // A fair published on the other device keeps what publishing needs.
                if f.status == FairStatus::Published {
                    publishable(details)?;
                }
                // A booth booked on the other device holds the fair to a mode that has it.
                keeps_bookings(state, f, details.mode)
            }
        }
        (FairEvent::FairPublished { .. }, Some(f)) => {
            from(f, &[FairStatusKind::Draft], FairStatusKind::Published)?;
            // Dates or a venue removed on the other device: this fair cannot go public as it is.
            publishable(&f.details)
        }
        (FairEvent::FairUnpublished { .. }, Some(f)) => from(f, &[FairStatusKind::Published], FairStatusKind::Draft),
        (FairEvent::FairClosed { .. }, Some(f)) => from(f, &[FairStatusKind::Published], FairStatusKind::Closed),
        (FairEvent::FairOutcomeRecorded { .. }, Some(f)) => {
            from(f, &[FairStatusKind::Published, FairStatusKind::Closed], FairStatusKind::Closed)
        }
        (FairEvent::FairCancelled { .. }, Some(f)) => {
            from(f, &[FairStatusKind::Draft, FairStatusKind::Published], FairStatusKind::Cancelled)
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::testing::{given, given_nothing, hall, t};
    use crate::{Actor, Intent};

    fn fair() -> FairId {
        FairId::from_u128(1)
    }

    fn details() -> FairDetails {
        FairDetails {
            name: "2026年春季促进就业专项行动·徐汇专场".into(),
            series: None,
            industry: Industry::General,
            mode: FairMode::Onsite,
            venue: Some(hall()),
            schedule: Some(Schedule { start: t("2026-03-14T09:00"), end: t("2026-03-14T16:00") }),
            capacity: Some(3000),
        }
    }

    fn created() -> FairEvent {
        FairEvent::FairCreated { fair_id: fair(), details: details() }
    }

    #[test]
    fn it_should_create_a_fair_with_a_trimmed_name() {
        let mut d = details();
        d.name = format!("  {}  ", d.name);
        given_nothing().when(FairCommand::CreateFair { fair_id: fair(), details: d }).then([created()]);
    }

    #[test]
    fn it_should_not_create_a_fair_without_a_name() {
        let d = FairDetails { name: "   ".into(), ..details() };
        given_nothing().when(FairCommand::CreateFair { fair_id: fair(), details: d }).then_err(FairError::NameRequired);
    }

    #[test]
    fn it_should_not_create_a_fair_that_ends_before_it_starts() {
        let d = FairDetails {
            schedule: Some(Schedule { start: t("2026-03-14T09:00"), end: t("2026-03-14T09:00") }),
            ..details()
        };
        given_nothing()
            .when(FairCommand::CreateFair { fair_id: fair(), details: d })
            .then_err(FairError::EndNotAfterStart);
    }

    #[test]
    fn it_should_not_create_a_fair_longer_than_a_month() {
        let d = FairDetails {
            schedule: Some(Schedule { start: t("2026-03-01T09:00"), end: t("2026-04-02T09:00") }),
            ..details()
        };
        given_nothing()
            .when(FairCommand::CreateFair { fair_id: fair(), details: d })
            .then_err(FairError::TooLong { max_days: MAX_FAIR_DAYS });
    }

    #[test]
    fn it_should_not_create_the_same_fair_twice() {
        given([created()])
            .when(FairCommand::CreateFair { fair_id: fair(), details: details() })
            .then_err(FairError::AlreadyExists);
    }

    #[test]
    fn it_should_refuse_a_physical_venue_for_an_online_fair() {
        let d = FairDetails { mode: FairMode::Online, ..details() };
        given_nothing()
            .when(FairCommand::CreateFair { fair_id: fair(), details: d })
            .then_err(FairError::VenueModeMismatch { mode: FairMode::Online });
    }

    #[test]
    fn it_should_refuse_an_empty_address() {
        let d =
            FairDetails { venue: Some(Venue::Hall { district: District::Xuhui, address: " ".into() }), ..details() };
        given_nothing()
            .when(FairCommand::CreateFair { fair_id: fair(), details: d })
            .then_err(FairError::AddressRequired);
    }

    #[test]
    fn it_should_refuse_zero_visitors() {
        let d = FairDetails { capacity: Some(0), ..details() };
        given_nothing()
            .when(FairCommand::CreateFair { fair_id: fair(), details: d })
            .then_err(FairError::CapacityOutOfRange { max: MAX_CAPACITY });
    }

    #[test]
    fn it_should_refuse_an_unknown_series() {
        let d = FairDetails { series: Some(SeriesId::from_u128(9)), ..details() };
        given_nothing()
            .when(FairCommand::CreateFair { fair_id: fair(), details: d })
            .then_err(FairError::SeriesNotFound);
    }

    #[test]
    fn it_should_accept_a_known_series() {
        let s = SeriesId::from_u128(9);
        let d = FairDetails { series: Some(s), ..details() };
        given([crate::testing::series_created(s)])
            .when(FairCommand::CreateFair { fair_id: fair(), details: d.clone() })
            .then([FairEvent::FairCreated { fair_id: fair(), details: d }]);
    }

    #[test]
    fn it_should_let_only_organizers_create_fairs() {
        let cmd = crate::Command {
            actor: Actor::new(Role::Enterprise, "上海电气"),
            now: t("2026-03-01T09:00"),
            intent: Intent::Fair(FairCommand::CreateFair { fair_id: fair(), details: details() }),
        };
        given_nothing()
            .when_full(cmd)
            .then_err(DomainError::Forbidden { role: Role::Enterprise, command: "CreateFair".into() });
    }

    #[test]
    fn it_should_edit_a_draft_at_the_version_it_was_opened() {
        let d = FairDetails { capacity: Some(5000), ..details() };
        given([created()])
            .when(FairCommand::EditFair { fair_id: fair(), expected_version: 1, details: d.clone() })
            .then([FairEvent::FairEdited { fair_id: fair(), details: d }]);
    }

    #[test]
    fn it_should_refuse_an_edit_made_on_a_stale_version() {
        let d = FairDetails { capacity: Some(5000), ..details() };
        given([created(), FairEvent::FairEdited { fair_id: fair(), details: details() }])
            .when(FairCommand::EditFair { fair_id: fair(), expected_version: 1, details: d })
            .then_err(FairError::EditConflict { expected: 1, actual: 2 });
    }

    #[test]
    fn an_edit_that_changes_nothing_writes_nothing() {
        given([created()])
            .when(FairCommand::EditFair { fair_id: fair(), expected_version: 1, details: details() })
            .then_nothing();
    }

    #[test]
    fn it_should_not_edit_a_closed_fair() {
        given([created(), FairEvent::FairPublished { fair_id: fair() }, FairEvent::FairClosed { fair_id: fair() }])
            .when(FairCommand::EditFair { fair_id: fair(), expected_version: 3, details: details() })
            .then_err(FairError::NotEditable { status: FairStatusKind::Closed });
    }

    #[test]
    fn it_should_publish_a_draft_with_venue_and_dates() {
        given([created()])
            .when(FairCommand::PublishFair { fair_id: fair() })
            .then([FairEvent::FairPublished { fair_id: fair() }]);
    }

    #[test]
    fn it_should_not_publish_without_dates() {
        let d = FairDetails { schedule: None, ..details() };
        given([FairEvent::FairCreated { fair_id: fair(), details: d }])
            .when(FairCommand::PublishFair { fair_id: fair() })
            .then_err(FairError::DatesRequired);
    }

    #[test]
    fn it_should_not_publish_an_onsite_fair_without_a_venue() {
        let d = FairDetails { venue: None, ..details() };
        given([FairEvent::FairCreated { fair_id: fair(), details: d }])
            .when(FairCommand::PublishFair { fair_id: fair() })
            .then_err(FairError::VenueRequired);
    }

    #[test]
    fn it_should_publish_an_online_fair_without_a_venue() {
        let d = FairDetails { venue: None, mode: FairMode::Online, ..details() };
        given([FairEvent::FairCreated { fair_id: fair(), details: d }])
            .when(FairCommand::PublishFair { fair_id: fair() })
            .then([FairEvent::FairPublished { fair_id: fair() }]);
    }

    #[test]
    fn it_should_take_a_published_fair_back_to_draft() {
        given([created(), FairEvent::FairPublished { fair_id: fair() }])
            .when(FairCommand::UnpublishFair { fair_id: fair() })
            .then([FairEvent::FairUnpublished { fair_id: fair() }]);
        given([created()])
            .when(FairCommand::UnpublishFair { fair_id: fair() })
            .then_err(FairError::InvalidTransition { from: FairStatusKind::Draft, to: FairStatusKind::Draft });
    }

    #[test]
    fn it_should_not_publish_twice() {
        given([created(), FairEvent::FairPublished { fair_id: fair() }])
            .when(FairCommand::PublishFair { fair_id: fair() })
            .then_err(FairError::InvalidTransition { from: FairStatusKind::Published, to: FairStatusKind::Published });
    }

    #[test]
    fn it_should_not_remove_the_dates_of_a_published_fair() {
        let d = FairDetails { schedule: None, ..details() };
        given([created(), FairEvent::FairPublished { fair_id: fair() }])
            .when(FairCommand::EditFair { fair_id: fair(), expected_version: 2, details: d })
            .then_err(FairError::DatesRequired);
    }

    #[test]
    fn it_should_close_a_published_fair_once_it_has_started() {
        given([created(), FairEvent::FairPublished { fair_id: fair() }])
            .when_at(t("2026-03-14T16:30"), FairCommand::CloseFair { fair_id: fair() })
            .then([FairEvent::FairClosed { fair_id: fair() }]);
    }

    #[test]
    fn it_should_not_close_a_fair_before_it_starts() {
        given([created(), FairEvent::FairPublished { fair_id: fair() }])
            .when_at(t("2026-03-10T09:00"), FairCommand::CloseFair { fair_id: fair() })
            .then_err(FairError::CloseBeforeStart);
    }

    #[test]
    fn it_should_record_what_a_fair_achieved_once_it_started() {
        let outcome = FairOutcome { visitors: 3200, applications: 1800, hires: 420, returned_to_work: 96 };
        given([created(), FairEvent::FairPublished { fair_id: fair() }])
            .when_at(t("2026-03-14T16:00"), FairCommand::RecordFairOutcome { fair_id: fair(), outcome })
            .then([FairEvent::FairOutcomeRecorded { fair_id: fair(), outcome }]);
        given([created(), FairEvent::FairPublished { fair_id: fair() }])
            .when_at(t("2026-03-13T16:00"), FairCommand::RecordFairOutcome { fair_id: fair(), outcome })
            .then_err(FairError::OutcomeBeforeStart);
    }

    #[test]
    fn it_should_not_close_a_draft() {
        given([created()])
            .when_at(t("2026-03-20T09:00"), FairCommand::CloseFair { fair_id: fair() })
            .then_err(FairError::InvalidTransition { from: FairStatusKind::Draft, to: FairStatusKind::Closed });
    }

    #[test]
    fn it_should_cancel_with_a_reason() {
        given([created(), FairEvent::FairPublished { fair_id: fair() }])
            .when(FairCommand::CancelFair { fair_id: fair(), reason: " 场馆检修 ".into() })
            .then([FairEvent::FairCancelled { fair_id: fair(), reason: "场馆检修".into() }]);
    }

    #[test]
    fn it_should_not_cancel_without_a_reason() {
        given([created()])
            .when(FairCommand::CancelFair { fair_id: fair(), reason: "".into() })
            .then_err(FairError::ReasonRequired);
    }

    #[test]
    fn it_should_not_cancel_a_closed_fair() {
        given([created(), FairEvent::FairPublished { fair_id: fair() }, FairEvent::FairClosed { fair_id: fair() }])
            .when(FairCommand::CancelFair { fair_id: fair(), reason: "x".into() })
            .then_err(FairError::InvalidTransition { from: FairStatusKind::Closed, to: FairStatusKind::Cancelled });
    }

    #[test]
    fn commands_about_unknown_fairs_are_refused() {
        given_nothing().when(FairCommand::PublishFair { fair_id: fair() }).then_err(FairError::NotFound);
    }

    #[test]
    fn new_dates_of_a_published_fair_are_recorded_for_booked_enterprises() {
        let later = FairDetails {
            schedule: Some(Schedule { start: t("2026-03-15T09:00"), end: t("2026-03-15T16:00") }),
            ..details()
        };
        let g = given([
            created(),
            FairEvent::FairEdited { fair_id: fair(), details: later.clone() },
            FairEvent::FairPublished { fair_id: fair() },
            FairEvent::FairEdited { fair_id: fair(), details: details() },
            FairEvent::FairCancelled { fair_id: fair(), reason: "场馆检修".into() },
        ]);
        let changes: Vec<_> = g.state().fair_changes[&fair()].iter().map(|c| (c.seq, c.kind.clone())).collect();
        assert_eq!(
            changes,
            [
                (4, FairChangeKind::Rescheduled { from: later.schedule, to: details().schedule }),
                (5, FairChangeKind::Cancelled { reason: "场馆检修".into() }),
            ],
            "a draft's edit is no change anyone booked against"
        );
    }

    #[test]
    fn error_codes_and_fields_are_stable() {
        let e: DomainError = FairError::EndNotAfterStart.into();
        assert_eq!(e.code(), "fair.end_not_after_start");
        assert_eq!(e.field(), Some("end"));
        let e: DomainError = FairError::EditConflict { expected: 1, actual: 2 }.into();
        assert_eq!(e.code(), "fair.edit_conflict");
        let e: DomainError = FairError::ModeStrandsBookings { mode: FairMode::Online, count: 1 }.into();
        assert_eq!(e.code(), "fair.mode_strands_bookings");
        assert_eq!(e.field(), Some("venue"), "shown beside the mode");
    }

    // -----------------------------------------------------------------------------------------
    // A change of mode and the bookings it would strand.

    mod mode_changes {
        use super::*;
        use crate::booking::BookingEvent;
        use crate::enterprise::{EnterpriseEvent, EnterpriseProfile};
        use crate::event::Event;
        use crate::floor_plan::{Amenities, FloorPlanEvent, NewBooth, Rect};
        use crate::ids::{BookingId, BoothId, EnterpriseId, ZoneId};
        use crate::testing::sample_profile;

        fn booth() -> BoothId {
            BoothId::from_u128(100)
        }
        fn ent(n: u128) -> EnterpriseId {
            EnterpriseId::from_u128(200 + n)
        }
        fn bk(n: u128) -> BookingId {
            BookingId::from_u128(300 + n)
        }

        fn in_mode(mode: FairMode) -> FairDetails {
            FairDetails { mode, venue: mode.is_physical().then(hall), ..details() }
        }

        /// A published fair of `mode` with one booth on its plan and five virtual booths,
        /// and two enterprises. The fair's version is 2.
        fn published(mode: FairMode) -> Vec<Event> {
            let mut v: Vec<Event> = vec![
                FairEvent::FairCreated { fair_id: fair(), details: in_mode(mode) }.into(),
                FairEvent::FairPublished { fair_id: fair() }.into(),
                FloorPlanEvent::HallSized { fair_id: fair(), width: 30, depth: 10 }.into(),
                FloorPlanEvent::ZoneAdded { fair_id: fair(), zone_id: ZoneId::from_u128(10), name: "A馆".into() }
                    .into(),
                FloorPlanEvent::BoothAdded {
                    fair_id: fair(),
                    booth: NewBooth {
                        booth_id: booth(),
                        zone_id: ZoneId::from_u128(10),
                        code: "A-01".into(),
                        rect: Rect { x: 0, y: 0, w: 3, h: 3 },
                        amenities: Amenities::default(),
                    },
                }
                .into(),
                FloorPlanEvent::VirtualBoothsSet { fair_id: fair(), count: 5 }.into(),
            ];
            for n in 1..=2 {
                let code = crate::credit_code::complete(&format!("91310000MA1FL{:04}", n));
                v.push(
                    EnterpriseEvent::EnterpriseRegistered {
                        enterprise_id: ent(n),
                        profile: EnterpriseProfile {
                            name: format!("企业{n}"), credit_code: code, ..sample_profile()
                        },
                    }
                    .into(),
                );
            }
            v
        }

        /// Booking `n` of enterprise `n`, on the booth (physical) or on a virtual booth.
        fn requested(n: u128, physical: bool) -> Event {
            BookingEvent::BoothRequested {
                booking_id: bk(n),
                fair_id: fair(),
                enterprise_id: ent(n),
                booth_id: physical.then(booth),
                zone_id: None,
                hold_until: t("2026-03-03T09:00"),
            }
            .into()
        }

        fn with(mut events: Vec<Event>, more: impl IntoIterator<Item = Event>) -> Vec<Event> {
            events.extend(more);
            events
        }

        fn edit_to(mode: FairMode) -> FairCommand {
            FairCommand::EditFair { fair_id: fair(), expected_version: 2, details: in_mode(mode) }
        }

        #[test]
        fn it_should_not_take_a_fair_online_while_a_booth_on_its_floor_plan_is_booked() {
            let booked = with(
                published(FairMode::Onsite),
                [requested(1, true), BookingEvent::BookingApproved { booking_id: bk(1) }.into()],
            );
            given(booked)
                .when(edit_to(FairMode::Online))
                .then_err(FairError::ModeStrandsBookings { mode: FairMode::Online, count: 1 });
        }

        #[test]
        fn it_should_not_make_a_hybrid_fair_onsite_while_its_virtual_booths_are_requested() {
            given(with(published(FairMode::Hybrid), [requested(1, false), requested(2, false)]))
                .when(edit_to(FairMode::Onsite))
                .then_err(FairError::ModeStrandsBookings { mode: FairMode::Onsite, count: 2 });
        }

        #[test]
        fn only_active_bookings_hold_a_fair_to_its_mode() {
            // A request on the booth; a virtual booking that was cancelled.
            let events = with(
                published(FairMode::Hybrid),
                [requested(1, true), requested(2, false), BookingEvent::BookingCancelled { booking_id: bk(2) }.into()],
            );
            given(events.clone())
                .when(edit_to(FairMode::Online))
                .then_err(FairError::ModeStrandsBookings { mode: FairMode::Online, count: 1 });
            given(events)
                .when(edit_to(FairMode::Onsite))
                .then([FairEvent::FairEdited { fair_id: fair(), details: in_mode(FairMode::Onsite) }]);
        }

        #[test]
        fn a_fair_with_bookings_may_always_become_hybrid_but_not_back() {
            let events = with(published(FairMode::Onsite), [requested(1, true)]);
            given(events.clone())
                .when(edit_to(FairMode::Hybrid))
                .then([FairEvent::FairEdited { fair_id: fair(), details: in_mode(FairMode::Hybrid) }]);
            let hybrid = with(
                events,
                [
                    FairEvent::FairEdited { fair_id: fair(), details: in_mode(FairMode::Hybrid) }.into(),
                    requested(2, false),
                ],
            );
            let back =
                FairCommand::EditFair { fair_id: fair(), expected_version: 10, details: in_mode(FairMode::Onsite) };
            given(hybrid).when(back).then_err(FairError::ModeStrandsBookings { mode: FairMode::Onsite, count: 1 });
        }

        #[test]
        fn an_old_fair_with_stranded_bookings_stays_editable_but_may_not_strand_more() {
            // Logged before the rule: a hybrid fair with both kinds booked went online.
            let old = with(
                published(FairMode::Hybrid),
                [
                    requested(1, true),
                    requested(2, false),
                    FairEvent::FairEdited { fair_id: fair(), details: in_mode(FairMode::Online) }.into(),
                ],
            );
            let version = 11;
            let bigger = FairDetails { capacity: Some(5000), ..in_mode(FairMode::Online) };
            given(old.clone())
                .when(FairCommand::EditFair { fair_id: fair(), expected_version: version, details: bigger.clone() })
                .then([FairEvent::FairEdited { fair_id: fair(), details: bigger }]);
            given(old)
                .when(FairCommand::EditFair {
                    fair_id: fair(),
                    expected_version: version,
                    details: in_mode(FairMode::Onsite),
                })
                .then_err(FairError::ModeStrandsBookings { mode: FairMode::Onsite, count: 1 });
        }

        #[test]
        fn a_merged_publication_of_a_fair_without_dates_is_a_conflict() {
            let undated = FairDetails { schedule: None, ..details() };
            let draft = given([FairEvent::FairCreated { fair_id: fair(), details: undated.clone() }]);
            assert_eq!(
                check(draft.state(), &FairEvent::FairPublished { fair_id: fair() }),
                Err(FairError::DatesRequired)
            );
            // And a published fair may not lose its dates through a merged edit.
            let public = given([
                FairEvent::FairCreated { fair_id: fair(), details: details() },
                FairEvent::FairPublished { fair_id: fair() },
            ]);
            let edit = FairEvent::FairEdited { fair_id: fair(), details: undated };
            assert_eq!(check(public.state(), &edit), Err(FairError::DatesRequired));
        }

        #[test]
        fn a_mode_change_that_strands_bookings_merged_from_another_device_is_a_conflict() {
            let g = given(with(published(FairMode::Hybrid), [requested(1, true)]));
            let online = FairEvent::FairEdited { fair_id: fair(), details: in_mode(FairMode::Online) };
            assert_eq!(
                check(g.state(), &online),
                Err(FairError::ModeStrandsBookings { mode: FairMode::Online, count: 1 })
            );
            let onsite = FairEvent::FairEdited { fair_id: fair(), details: in_mode(FairMode::Onsite) };
            assert_eq!(check(g.state(), &onsite), Ok(()));
        }
    }
}
