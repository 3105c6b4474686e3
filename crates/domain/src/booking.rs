//! Booth booking: requests with holds, approvals, reassignments, cancellations and the waitlist.
//!
//! Time is an input. A request holds its booth until `now + hold_hours`; an offer made from the
//! waitlist is held the same way. A deadline that has passed is recorded as a `HoldExpired` event
//! by the next booking command (or an explicit `ExpireHolds`), never silently, so replaying the
//! log gives the same state at any time. When a booth frees (cancel, reject, expiry, decline,
//! reassignment) the first eligible enterprise on the fair's waitlist is offered it in the same
//! decision, with the reason recorded on the event.
use chrono::{DateTime, Duration, Utc};
use imbl::OrdMap;
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
        hold_until: DateTime<Utc>,
    },
    /// Offered from the waitlist; held until `until`, waiting for the enterprise.
    Offered {
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

#[derive(Debug, Clone, Serialize, PartialEq, Eq, Hash)]
pub struct Booking {
    pub id: BookingId,
    pub fair_id: FairId,
    pub enterprise_id: EnterpriseId,
    /// `None` for a virtual booth.
    pub booth_id: Option<BoothId>,
    /// The zone asked for, when the request was "any booth in zone".
    pub zone_id: Option<ZoneId>,
    pub status: BookingStatus,
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

#[derive(Debug, Clone, Serialize, PartialEq, Eq, Hash)]
pub struct WaitlistEntry {
    pub id: WaitlistId,
    pub fair_id: FairId,
    pub enterprise_id: EnterpriseId,
    pub zone_id: Option<ZoneId>,
    pub joined_at: DateTime<Utc>,
    /// Sequence of the joining event: the waitlist's order.
    pub position_seq: u64,
    pub status: WaitlistStatus,
    /// The last offer made to this entry, and why (for the organizer's view of the waitlist).
    pub promotion: Option<Promotion>,
}

/// A waitlist offer as recorded: which booth, what freed it, who was passed over and why.
#[derive(Debug, Clone, Serialize, PartialEq, Eq, Hash)]
pub struct Promotion {
    pub booking_id: BookingId,
    pub booth_id: Option<BoothId>,
    pub freed_from: BookingId,
    pub freed_by: FreedBy,
    pub skipped: Vec<Skipped>,
    pub offered_at: DateTime<Utc>,
    pub until: DateTime<Utc>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
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
    pub fn name(&self) -> &'static str {
        match self {
            BookingCommand::SetBookingRules { .. } => "SetBookingRules",
            BookingCommand::RequestBooth { .. } => "RequestBooth",
            BookingCommand::ApproveBooking { .. } => "ApproveBooking",
            BookingCommand::ApproveBookings { .. } => "ApproveBookings",
            BookingCommand::RejectBooking { .. } => "RejectBooking",
            BookingCommand::RevokeApproval { .. } => "RevokeApproval",
            BookingCommand::ReassignBooking { .. } => "ReassignBooking",
            BookingCommand::CancelBooking { .. } => "CancelBooking",
            BookingCommand::JoinWaitlist { .. } => "JoinWaitlist",
            BookingCommand::LeaveWaitlist { .. } => "LeaveWaitlist",
            BookingCommand::AcceptOffer { .. } => "AcceptOffer",
            BookingCommand::DeclineOffer { .. } => "DeclineOffer",
            BookingCommand::ExpireHolds => "ExpireHolds",
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
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
    pub fn type_name(&self) -> &'static str {
        match self {
            BookingEvent::BookingRulesSet { .. } => "BookingRulesSet",
            BookingEvent::BoothRequested { .. } => "BoothRequested",
            BookingEvent::BookingApproved { .. } => "BookingApproved",
            BookingEvent::BookingApprovalRevoked { .. } => "BookingApprovalRevoked",
            BookingEvent::BookingRejected { .. } => "BookingRejected",
            BookingEvent::BookingReassigned { .. } => "BookingReassigned",
            BookingEvent::BookingCancelled { .. } => "BookingCancelled",
            BookingEvent::HoldExpired { .. } => "HoldExpired",
            BookingEvent::WaitlistJoined { .. } => "WaitlistJoined",
            BookingEvent::WaitlistLeft { .. } => "WaitlistLeft",
            BookingEvent::WaitlistOffered { .. } => "WaitlistOffered",
            BookingEvent::OfferAccepted { .. } => "OfferAccepted",
            BookingEvent::OfferDeclined { .. } => "OfferDeclined",
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, thiserror::Error)]
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

// ---------------------------------------------------------------------------------------------
// Queries used by rules and views

pub fn rules_of(state: &State, fair: FairId) -> BookingRules {
    state.booking_rules.get(&fair).copied().unwrap_or_default()
}

/// How the booth shows on the plan, and the booking that occupies it.
pub fn booth_state<'a>(state: &'a State, booth: &Booth) -> (BoothState, Option<&'a Booking>) {
    if booth.blocked.is_some() {
        return (BoothState::Blocked, None);
    }
    match state.booth_taken.get(&booth.id).and_then(|b| state.bookings.get(b)) {
        None => (BoothState::Free, None),
        Some(b) => (
            match b.status {
                BookingStatus::Booked => BoothState::Booked,
                BookingStatus::Offered { .. } => BoothState::Held,
                _ => BoothState::Requested,
            },
            Some(b),
        ),
    }
}

fn is_free(state: &State, booth: &Booth) -> bool {
    booth.blocked.is_none() && !state.booth_taken.contains_key(&booth.id)
}

/// Active bookings (requested, offered, booked) of an enterprise at a fair.
pub fn active_count(state: &State, fair: FairId, enterprise: EnterpriseId) -> u32 {
    state
        .enterprise_bookings
        .get(&enterprise)
        .map(|ids| {
            ids.keys()
                .filter_map(|id| state.bookings.get(id))
                .filter(|b| b.fair_id == fair && b.status.is_active())
                .count() as u32
        })
        .unwrap_or(0)
}

fn first_free_in_zone(state: &State, fair: FairId, zone: ZoneId) -> Option<&Booth> {
    let plan = state.floor_plans.get(&fair)?;
    plan.booths_in_zone(zone).filter(|b| is_free(state, b)).min_by(|a, b| a.code.cmp(&b.code))
}

/// Is there a free booth of a kind the fair's mode has? (Booths left on the plan of a fair that
/// became online, or virtual booths of one that became onsite, cannot be requested.)
fn has_free_booth(state: &State, fair: FairId, mode: FairMode) -> bool {
    let Some(plan) = state.floor_plans.get(&fair) else { return false };
    (mode.has_booths(BoothKind::Physical) && plan.booths.values().any(|b| is_free(state, b)))
        || (mode.has_booths(BoothKind::Virtual)
            && plan.virtual_booths > state.virtual_taken.get(&fair).copied().unwrap_or(0))
}

/// Refuse a kind of booth the fair's mode does not have.
fn kind_offered(mode: FairMode, kind: BoothKind) -> Result<(), BookingError> {
    if mode.has_booths(kind) {
        Ok(())
    } else {
        Err(BookingError::BoothKindMismatch { mode, kind })
    }
}

fn kind_offered_at(state: &State, fair: FairId, kind: BoothKind) -> Result<(), BookingError> {
    kind_offered(state.fairs.get(&fair).ok_or(BookingError::FairNotFound)?.details.mode, kind)
}

// ---------------------------------------------------------------------------------------------
// Deciding, on a scratch copy of the state so that one decision can chain events
// (an expiry frees a booth, which is offered to the waitlist, ...).

struct Decision<'a> {
    s: State,
    out: Vec<BookingEvent>,
    now: DateTime<Utc>,
    actor: &'a Actor,
}

impl Decision<'_> {
    fn push(&mut self, e: BookingEvent) {
        let env = EventEnvelope {
            id: Uuid::nil(),
            seq: self.s.last_seq + 1,
            recorded_at: self.now,
            actor: self.actor.clone(),
            schema: SCHEMA_VERSION,
            prev: String::new(),
            cmd: None,
            event: Event::Booking(e.clone()),
        };
        crate::state::evolve(&mut self.s, &env);
        self.out.push(e);
    }

    /// Record every deadline that has passed, oldest first, and what each one frees.
    fn expire_due(&mut self) {
        while let Some(((until, id), _)) = self.s.deadlines.get_min().cloned() {
            if until > self.now {
                break;
            }
            let before = self.s.bookings[&id].clone();
            self.push(BookingEvent::HoldExpired { booking_id: id });
            self.offer_freed(&before, FreedBy::Expired);
        }
    }

    /// A booking stopped occupying its booth: offer it to the waitlist.
    fn offer_freed(&mut self, freed: &Booking, by: FreedBy) {
        let fair_id = freed.fair_id;
        let Some(fair) = self.s.fairs.get(&fair_id) else { return };
        if fair.status != FairStatus::Published || past_cutoff(fair, rules_of(&self.s, fair_id), self.now) {
            return;
        }
        // A booth of a kind the fair no longer has (a booking left from before its mode changed)
        // is not offered on.
        if !fair.details.mode.has_booths(freed.kind()) {
            return;
        }
        let booth_zone = match freed.booth_id {
            Some(b) => {
                let Some(booth) = self.s.floor_plans.get(&fair_id).and_then(|p| p.booths.get(&b)) else { return };
                if !is_free(&self.s, booth) {
                    return;
                }
                Some(booth.zone_id)
            }
            None => {
                let cap = self.s.floor_plans.get(&fair_id).map(|p| p.virtual_booths).unwrap_or(0);
                if self.s.virtual_taken.get(&fair_id).copied().unwrap_or(0) >= cap {
                    return;
                }
                None
            }
        };
        let max = rules_of(&self.s, fair_id).max_booths_per_enterprise;
        let mut skipped = Vec::new();
        let order = self.s.waitlist_order.get(&fair_id).cloned().unwrap_or_default();
        for wid in order.iter() {
            let Some(entry) = self.s.waitlist.get(wid) else { continue };
            if entry.status != WaitlistStatus::Waiting {
                continue;
            }
            let zone_ok = match (booth_zone, entry.zone_id) {
                (_, None) => true,
                (Some(z), Some(want)) => z == want,
                (None, Some(_)) => false,
            };
            if !zone_ok {
                skipped.push(Skipped { waitlist_id: *wid, why: SkipReason::OtherZone });
                continue;
            }
            if active_count(&self.s, fair_id, entry.enterprise_id) >= max {
                skipped.push(Skipped { waitlist_id: *wid, why: SkipReason::AtLimit });
                continue;
            }
            let hours = rules_of(&self.s, fair_id).hold_hours;
            self.push(BookingEvent::WaitlistOffered {
                waitlist_id: *wid,
                // One offer per entry at most, so the entry's id names the offer's booking.
                booking_id: BookingId(wid.0),
                booth_id: freed.booth_id,
                until: self.now + Duration::hours(hours as i64),
                freed_from: freed.id,
                freed_by: by,
                skipped,
            });
            return;
        }
    }
}

fn past_cutoff(fair: &Fair, rules: BookingRules, now: DateTime<Utc>) -> bool {
    match fair.details.schedule {
        Some(s) => now >= s.start - Duration::hours(rules.cutoff_hours as i64),
        None => false,
    }
}

fn open_fair(state: &State, fair_id: FairId, now: DateTime<Utc>) -> Result<&Fair, BookingError> {
    let fair = state.fairs.get(&fair_id).ok_or(BookingError::FairNotFound)?;
    if fair.status != FairStatus::Published {
        return Err(BookingError::FairNotOpen { status: fair.status.kind().key().into() });
    }
    let rules = rules_of(state, fair_id);
    if past_cutoff(fair, rules, now) {
        return Err(BookingError::AfterCutoff { hours: rules.cutoff_hours });
    }
    Ok(fair)
}

fn check_reason(reason: &str) -> Result<String, BookingError> {
    let r = reason.trim();
    if r.is_empty() {
        return Err(BookingError::ReasonRequired);
    }
    if r.chars().count() > REASON_MAX_CHARS {
        return Err(BookingError::ReasonTooLong { max: REASON_MAX_CHARS });
    }
    Ok(r.into())
}

fn organizer_only(cmd: &BookingCommand) -> bool {
    matches!(
        cmd,
        BookingCommand::SetBookingRules { .. }
            | BookingCommand::ApproveBooking { .. }
            | BookingCommand::ApproveBookings { .. }
            | BookingCommand::RejectBooking { .. }
            | BookingCommand::RevokeApproval { .. }
            | BookingCommand::ReassignBooking { .. }
    )
}

pub(crate) fn decide(
    state: &State,
    actor: &Actor,
    now: DateTime<Utc>,
    cmd: BookingCommand,
) -> Result<Vec<BookingEvent>, DomainError> {
    if (organizer_only(&cmd) && actor.role != Role::Organizer)
        || actor.role == Role::Host && cmd != BookingCommand::ExpireHolds
    {
        return Err(DomainError::Forbidden { role: actor.role, command: cmd.name().into() });
    }
    let mut d = Decision { s: state.clone(), out: Vec::new(), now, actor };
    d.expire_due();
    run(&mut d, cmd)?;
    Ok(d.out)
}

fn booking<'a>(s: &'a State, id: &BookingId) -> Result<&'a Booking, BookingError> {
    s.bookings.get(id).ok_or(BookingError::NotFound)
}

fn run(d: &mut Decision<'_>, cmd: BookingCommand) -> Result<(), BookingError> {
    use BookingCommand as C;
    use BookingEvent as E;
    let now = d.now;
    match cmd {
        C::SetBookingRules { fair_id, rules } => {
            if !d.s.fairs.contains_key(&fair_id) {
                return Err(BookingError::FairNotFound);
            }
            let range = |field: &str, v: u32, min: u32, max: u32| {
                if (min..=max).contains(&v) {
                    Ok(())
                } else {
                    Err(BookingError::RuleOutOfRange { field: field.into(), min, max })
                }
            };
            range("hold_hours", rules.hold_hours, 1, MAX_HOURS)?;
            range("max_booths_per_enterprise", rules.max_booths_per_enterprise, 1, MAX_BOOTHS_LIMIT)?;
            range("cutoff_hours", rules.cutoff_hours, 0, MAX_HOURS)?;
            if rules_of(&d.s, fair_id) != rules {
                d.push(E::BookingRulesSet { fair_id, rules });
            }
        }
        C::RequestBooth { booking_id, fair_id, enterprise_id, target } => {
            if !may_act_for(d.actor, enterprise_id) {
                return Err(BookingError::NotYourEnterprise);
            }
            if d.s.bookings.contains_key(&booking_id) {
                return Err(BookingError::AlreadyExists);
            }
            let mode = open_fair(&d.s, fair_id, now)?.details.mode;
            if !d.s.enterprises.contains_key(&enterprise_id) {
                return Err(BookingError::EnterpriseNotFound);
            }
            let rules = rules_of(&d.s, fair_id);
            if active_count(&d.s, fair_id, enterprise_id) >= rules.max_booths_per_enterprise {
                return Err(BookingError::LimitReached { max: rules.max_booths_per_enterprise });
            }
            let kind = match target {
                BoothTarget::Booth { .. } | BoothTarget::AnyInZone { .. } => BoothKind::Physical,
                BoothTarget::Virtual => BoothKind::Virtual,
            };
            kind_offered(mode, kind)?;
            let (booth_id, zone_id) = match target {
                BoothTarget::Booth { booth_id } => {
                    let booth =
                        d.s.floor_plans
                            .get(&fair_id)
                            .and_then(|p| p.booths.get(&booth_id))
                            .ok_or(BookingError::BoothNotFound)?;
                    if booth.blocked.is_some() {
                        return Err(BookingError::BoothBlocked { code: booth.code.clone() });
                    }
                    if d.s.booth_taken.contains_key(&booth_id) {
                        return Err(BookingError::BoothTaken { code: booth.code.clone() });
                    }
                    (Some(booth_id), None)
                }
                BoothTarget::AnyInZone { zone_id } => {
                    let zone =
                        d.s.floor_plans
                            .get(&fair_id)
                            .and_then(|p| p.zones.get(&zone_id))
                            .ok_or(BookingError::ZoneNotFound)?;
                    let booth = first_free_in_zone(&d.s, fair_id, zone_id)
                        .ok_or_else(|| BookingError::ZoneFull { zone: zone.name.clone() })?;
                    (Some(booth.id), Some(zone_id))
                }
                BoothTarget::Virtual => {
                    let cap = d.s.floor_plans.get(&fair_id).map(|p| p.virtual_booths).unwrap_or(0);
                    if cap == 0 {
                        return Err(BookingError::NoVirtualBooths);
                    }
                    if d.s.virtual_taken.get(&fair_id).copied().unwrap_or(0) >= cap {
                        return Err(BookingError::FairFull);
                    }
                    (None, None)
                }
            };
            d.push(E::BoothRequested {
                booking_id,
                fair_id,
                enterprise_id,
                booth_id,
                zone_id,
                hold_until: now + Duration::hours(rules.hold_hours as i64),
            });
        }
        C::ApproveBooking { booking_id } => approve(d, booking_id)?,
        C::RevokeApproval { booking_id } => {
            let b = booking(&d.s, &booking_id)?;
            if b.status != BookingStatus::Booked || b.via_waitlist.is_some() {
                return Err(BookingError::NotActive { status: b.status.key().into() });
            }
            let hours = rules_of(&d.s, b.fair_id).hold_hours;
            d.push(E::BookingApprovalRevoked { booking_id, hold_until: now + Duration::hours(hours as i64) });
        }
        C::ApproveBookings { booking_ids } => {
            if booking_ids.is_empty() {
                return Err(BookingError::NothingToApprove);
            }
            for id in booking_ids {
                approve(d, id)?;
            }
        }
        C::RejectBooking { booking_id, reason } => {
            let b = booking(&d.s, &booking_id)?.clone();
            if !matches!(b.status, BookingStatus::Requested { .. }) {
                return Err(pending_error(&b));
            }
            let reason = check_reason(&reason)?;
            d.push(E::BookingRejected { booking_id, reason });
            d.offer_freed(&b, FreedBy::Rejected);
        }
        C::ReassignBooking { booking_id, booth_id } => {
            let b = booking(&d.s, &booking_id)?.clone();
            if !b.status.is_active() {
                return Err(BookingError::NotActive { status: b.status.key().into() });
            }
            let Some(old) = b.booth_id else { return Err(BookingError::NotReassignable) };
            if old == booth_id {
                return Err(BookingError::SameBooth);
            }
            kind_offered_at(&d.s, b.fair_id, BoothKind::Physical)?;
            let booth =
                d.s.floor_plans
                    .get(&b.fair_id)
                    .and_then(|p| p.booths.get(&booth_id))
                    .ok_or(BookingError::BoothNotFound)?;
            if booth.blocked.is_some() {
                return Err(BookingError::BoothBlocked { code: booth.code.clone() });
            }
            if d.s.booth_taken.contains_key(&booth_id) {
                return Err(BookingError::BoothTaken { code: booth.code.clone() });
            }
            d.push(E::BookingReassigned { booking_id, booth_id });
            d.offer_freed(&b, FreedBy::Reassigned);
        }
        C::CancelBooking { booking_id } => {
            let b = booking(&d.s, &booking_id)?.clone();
            if !may_act_for(d.actor, b.enterprise_id) {
                return Err(BookingError::NotYourEnterprise);
            }
            if !b.status.is_active() {
                return Err(BookingError::NotActive { status: b.status.key().into() });
            }
            if d.actor.role == Role::Enterprise {
                let rules = rules_of(&d.s, b.fair_id);
                if d.s.fairs.get(&b.fair_id).is_some_and(|f| past_cutoff(f, rules, now)) {
                    return Err(BookingError::CancelAfterCutoff { hours: rules.cutoff_hours });
                }
            }
            d.push(E::BookingCancelled { booking_id });
            d.offer_freed(&b, FreedBy::Cancelled);
        }
        C::JoinWaitlist { waitlist_id, fair_id, enterprise_id, zone_id } => {
            if !may_act_for(d.actor, enterprise_id) {
                return Err(BookingError::NotYourEnterprise);
            }
            if d.s.waitlist.contains_key(&waitlist_id) || d.s.bookings.contains_key(&BookingId(waitlist_id.0)) {
                return Err(BookingError::AlreadyExists);
            }
            let mode = open_fair(&d.s, fair_id, now)?.details.mode;
            if !d.s.enterprises.contains_key(&enterprise_id) {
                return Err(BookingError::EnterpriseNotFound);
            }
            if zone_id.is_some() {
                // A zone is a part of the floor plan: waiting for one needs physical booths.
                kind_offered(mode, BoothKind::Physical)?;
            }
            let waiting = d.s.waitlist_order.get(&fair_id).is_some_and(|o| {
                o.iter().any(|w| {
                    d.s.waitlist
                        .get(w)
                        .is_some_and(|e| e.enterprise_id == enterprise_id && e.status == WaitlistStatus::Waiting)
                })
            });
            if waiting {
                return Err(BookingError::AlreadyWaiting);
            }
            let rules = rules_of(&d.s, fair_id);
            if active_count(&d.s, fair_id, enterprise_id) >= rules.max_booths_per_enterprise {
                return Err(BookingError::LimitReached { max: rules.max_booths_per_enterprise });
            }
            let free = match zone_id {
                Some(z) => {
                    if !d.s.floor_plans.get(&fair_id).is_some_and(|p| p.zones.contains_key(&z)) {
                        return Err(BookingError::ZoneNotFound);
                    }
                    first_free_in_zone(&d.s, fair_id, z).is_some()
                }
                None => has_free_booth(&d.s, fair_id, mode),
            };
            if free {
                return Err(BookingError::NotFull);
            }
            d.push(E::WaitlistJoined { waitlist_id, fair_id, enterprise_id, zone_id });
        }
        C::LeaveWaitlist { waitlist_id } => {
            let e = d.s.waitlist.get(&waitlist_id).ok_or(BookingError::WaitlistNotFound)?;
            if !may_act_for(d.actor, e.enterprise_id) {
                return Err(BookingError::NotYourEnterprise);
            }
            if e.status != WaitlistStatus::Waiting {
                return Err(BookingError::NotWaiting);
            }
            d.push(E::WaitlistLeft { waitlist_id });
        }
        C::AcceptOffer { booking_id } => {
            let b = booking(&d.s, &booking_id)?;
            if !may_act_for(d.actor, b.enterprise_id) {
                return Err(BookingError::NotYourEnterprise);
            }
            match b.status {
                BookingStatus::Offered { .. } => d.push(E::OfferAccepted { booking_id }),
                BookingStatus::Expired if b.via_waitlist.is_some() => return Err(BookingError::OfferExpired),
                _ => return Err(BookingError::NoOffer),
            }
        }
        C::DeclineOffer { booking_id } => {
            let b = booking(&d.s, &booking_id)?.clone();
            if !may_act_for(d.actor, b.enterprise_id) {
                return Err(BookingError::NotYourEnterprise);
            }
            match b.status {
                BookingStatus::Offered { .. } => {
                    d.push(E::OfferDeclined { booking_id });
                    d.offer_freed(&b, FreedBy::Declined);
                }
                BookingStatus::Expired if b.via_waitlist.is_some() => return Err(BookingError::OfferExpired),
                _ => return Err(BookingError::NoOffer),
            }
        }
        C::ExpireHolds => {}
    }
    Ok(())
}

fn pending_error(b: &Booking) -> BookingError {
    match b.status {
        BookingStatus::Expired => BookingError::HoldExpired,
        _ => BookingError::NotPending { status: b.status.key().into() },
    }
}

fn approve(d: &mut Decision<'_>, booking_id: BookingId) -> Result<(), BookingError> {
    let b = booking(&d.s, &booking_id)?;
    if !matches!(b.status, BookingStatus::Requested { .. }) {
        return Err(pending_error(b));
    }
    d.push(BookingEvent::BookingApproved { booking_id });
    Ok(())
}

// ---------------------------------------------------------------------------------------------
// State changes

fn release(state: &mut State, id: BookingId) {
    let Some(b) = state.bookings.get(&id) else { return };
    if let Some(deadline) = b.status.deadline() {
        state.deadlines.remove(&(deadline, id));
    }
    match b.booth_id {
        Some(booth) => {
            if state.booth_taken.get(&booth) == Some(&id) {
                state.booth_taken.remove(&booth);
            }
        }
        None => {
            let fair = b.fair_id;
            if let Some(n) = state.virtual_taken.get_mut(&fair) {
                *n = n.saturating_sub(1);
            }
        }
    }
}

fn occupy(state: &mut State, b: &Booking) {
    match b.booth_id {
        Some(booth) => {
            state.booth_taken.insert(booth, b.id);
        }
        None => *state.virtual_taken.entry(b.fair_id).or_insert(0) += 1,
    }
    if let Some(deadline) = b.status.deadline() {
        state.deadlines.insert((deadline, b.id), ());
    }
    state.enterprise_bookings.entry(b.enterprise_id).or_default().insert(b.id, ());
    state.fair_bookings.entry(b.fair_id).or_default().insert(b.id, ());
}

/// End an active booking with `status`, freeing what it held.
fn close(state: &mut State, id: BookingId, seq: u64, status: BookingStatus) {
    release(state, id);
    if let Some(b) = state.bookings.get_mut(&id) {
        b.status = status;
        b.version = seq;
    }
}

fn set_entry(state: &mut State, id: Option<WaitlistId>, status: WaitlistStatus) {
    if let Some(e) = id.and_then(|id| state.waitlist.get_mut(&id)) {
        e.status = status;
    }
}

pub(crate) fn evolve(state: &mut State, env: &EventEnvelope, event: &BookingEvent) {
    use BookingEvent as E;
    let seq = env.seq;
    match event {
        E::BookingRulesSet { fair_id, rules } => {
            state.booking_rules.insert(*fair_id, *rules);
        }
        E::BoothRequested { booking_id, fair_id, enterprise_id, booth_id, zone_id, hold_until } => {
            let b = Booking {
                id: *booking_id,
                fair_id: *fair_id,
                enterprise_id: *enterprise_id,
                booth_id: *booth_id,
                zone_id: *zone_id,
                status: BookingStatus::Requested { hold_until: *hold_until },
                requested_at: env.recorded_at,
                created_seq: seq,
                via_waitlist: None,
                version: seq,
            };
            occupy(state, &b);
            state.bookings.insert(*booking_id, b);
        }
        E::BookingApproved { booking_id } | E::OfferAccepted { booking_id } => {
            let Some(b) = state.bookings.get(booking_id) else { return };
            let (deadline, via) = (b.status.deadline(), b.via_waitlist);
            if let Some(d) = deadline {
                state.deadlines.remove(&(d, *booking_id));
            }
            if let Some(b) = state.bookings.get_mut(booking_id) {
                b.status = BookingStatus::Booked;
                b.version = seq;
            }
            if matches!(event, E::OfferAccepted { .. }) {
                set_entry(state, via, WaitlistStatus::Served { booking_id: *booking_id });
            }
        }
        E::BookingApprovalRevoked { booking_id, hold_until } => {
            if let Some(b) = state.bookings.get_mut(booking_id) {
                b.status = BookingStatus::Requested { hold_until: *hold_until };
                b.version = seq;
            }
            state.deadlines.insert((*hold_until, *booking_id), ());
        }
        E::BookingRejected { booking_id, reason } => {
            close(state, *booking_id, seq, BookingStatus::Rejected { reason: reason.clone() })
        }
        E::BookingCancelled { booking_id } => {
            let via = state.bookings.get(booking_id).and_then(|b| b.via_waitlist);
            close(state, *booking_id, seq, BookingStatus::Cancelled);
            // An offer cancelled before it was accepted lapses, as a declined one does; an
            // accepted offer that is cancelled later was still served.
            if let Some(e) = via.and_then(|id| state.waitlist.get_mut(&id)) {
                if e.status == (WaitlistStatus::Offered { booking_id: *booking_id }) {
                    e.status = WaitlistStatus::Lapsed { booking_id: *booking_id };
                }
            }
        }
        E::HoldExpired { booking_id } => {
            let via = state.bookings.get(booking_id).and_then(|b| b.via_waitlist);
            close(state, *booking_id, seq, BookingStatus::Expired);
            set_entry(state, via, WaitlistStatus::Lapsed { booking_id: *booking_id });
        }
        E::OfferDeclined { booking_id } => {
            let via = state.bookings.get(booking_id).and_then(|b| b.via_waitlist);
            close(state, *booking_id, seq, BookingStatus::Declined);
            set_entry(state, via, WaitlistStatus::Lapsed { booking_id: *booking_id });
        }
        E::BookingReassigned { booking_id, booth_id } => {
            let Some(b) = state.bookings.get(booking_id) else { return };
            if let Some(old) = b.booth_id {
                if state.booth_taken.get(&old) == Some(booking_id) {
                    state.booth_taken.remove(&old);
                }
            }
            state.booth_taken.insert(*booth_id, *booking_id);
            if let Some(b) = state.bookings.get_mut(booking_id) {
                b.booth_id = Some(*booth_id);
                b.version = seq;
            }
        }
        E::WaitlistJoined { waitlist_id, fair_id, enterprise_id, zone_id } => {
            state.waitlist.insert(
                *waitlist_id,
                WaitlistEntry {
                    id: *waitlist_id,
                    fair_id: *fair_id,
                    enterprise_id: *enterprise_id,
                    zone_id: *zone_id,
                    joined_at: env.recorded_at,
                    position_seq: seq,
                    status: WaitlistStatus::Waiting,
                    promotion: None,
                },
            );
            state.waitlist_order.entry(*fair_id).or_default().push_back(*waitlist_id);
        }
        E::WaitlistLeft { waitlist_id } => set_entry(state, Some(*waitlist_id), WaitlistStatus::Left),
        E::WaitlistOffered { waitlist_id, booking_id, booth_id, until, freed_from, freed_by, skipped } => {
            let Some(entry) = state.waitlist.get_mut(waitlist_id) else { return };
            entry.promotion = Some(Promotion {
                booking_id: *booking_id,
                booth_id: *booth_id,
                freed_from: *freed_from,
                freed_by: *freed_by,
                skipped: skipped.clone(),
                offered_at: env.recorded_at,
                until: *until,
            });
            let (fair_id, enterprise_id, zone_id) = (entry.fair_id, entry.enterprise_id, entry.zone_id);
            let b = Booking {
                id: *booking_id,
                fair_id,
                enterprise_id,
                booth_id: *booth_id,
                zone_id,
                status: BookingStatus::Offered { until: *until },
                requested_at: env.recorded_at,
                created_seq: seq,
                via_waitlist: Some(*waitlist_id),
                version: seq,
            };
            occupy(state, &b);
            state.bookings.insert(*booking_id, b);
            set_entry(state, Some(*waitlist_id), WaitlistStatus::Offered { booking_id: *booking_id });
        }
    }
}

/// Would this event still be a valid fact on `state`? (See `fair::check`.) The booth rules are
/// the heart of it: a booth already taken on the other device makes a request a conflict.
pub(crate) fn check(state: &State, event: &BookingEvent) -> Result<(), BookingError> {
    use BookingEvent as E;
    let status = |id: &BookingId| state.bookings.get(id).map(|b| &b.status).ok_or(BookingError::NotFound);
    let free_booth = |fair: &FairId, booth: &BoothId| -> Result<(), BookingError> {
        let b = state.floor_plans.get(fair).and_then(|p| p.booths.get(booth)).ok_or(BookingError::BoothNotFound)?;
        if b.blocked.is_some() {
            return Err(BookingError::BoothBlocked { code: b.code.clone() });
        }
        if state.booth_taken.contains_key(booth) {
            return Err(BookingError::BoothTaken { code: b.code.clone() });
        }
        Ok(())
    };
    let virtual_free = |fair: &FairId| {
        let cap = state.floor_plans.get(fair).map(|p| p.virtual_booths).unwrap_or(0);
        if state.virtual_taken.get(fair).copied().unwrap_or(0) < cap {
            Ok(())
        } else {
            Err(BookingError::FairFull)
        }
    };
    match event {
        E::BookingRulesSet { fair_id, .. } => state.fairs.get(fair_id).map(|_| ()).ok_or(BookingError::FairNotFound),
        E::BoothRequested { booking_id, fair_id, enterprise_id, booth_id, .. } => {
            if state.bookings.contains_key(booking_id) {
                return Err(BookingError::AlreadyExists);
            }
            if !state.enterprises.contains_key(enterprise_id) {
                return Err(BookingError::EnterpriseNotFound);
            }
            let max = rules_of(state, *fair_id).max_booths_per_enterprise;
            if active_count(state, *fair_id, *enterprise_id) >= max {
                return Err(BookingError::LimitReached { max });
            }
            match booth_id {
                Some(b) => {
                    kind_offered_at(state, *fair_id, BoothKind::Physical)?;
                    free_booth(fair_id, b)
                }
                None => {
                    kind_offered_at(state, *fair_id, BoothKind::Virtual)?;
                    virtual_free(fair_id)
                }
            }
        }
        E::BookingApprovalRevoked { booking_id, .. } => match status(booking_id)? {
            BookingStatus::Booked => Ok(()),
            s => Err(BookingError::NotActive { status: s.key().into() }),
        },
        E::BookingApproved { booking_id } | E::BookingRejected { booking_id, .. } => match status(booking_id)? {
            BookingStatus::Requested { .. } => Ok(()),
            s => Err(BookingError::NotPending { status: s.key().into() }),
        },
        E::BookingReassigned { booking_id, booth_id } => {
            let b = state.bookings.get(booking_id).ok_or(BookingError::NotFound)?;
            if !b.status.is_active() {
                return Err(BookingError::NotActive { status: b.status.key().into() });
            }
            kind_offered_at(state, b.fair_id, BoothKind::Physical)?;
            free_booth(&b.fair_id, booth_id)
        }
        E::BookingCancelled { booking_id } | E::HoldExpired { booking_id } => {
            let s = status(booking_id)?;
            let ok = if matches!(event, E::HoldExpired { .. }) { s.deadline().is_some() } else { s.is_active() };
            if ok {
                Ok(())
            } else {
                Err(BookingError::NotActive { status: s.key().into() })
            }
        }
        E::WaitlistJoined { waitlist_id, fair_id, enterprise_id, zone_id } => {
            if state.waitlist.contains_key(waitlist_id) {
                return Err(BookingError::AlreadyExists);
            }
            if !state.enterprises.contains_key(enterprise_id) {
                return Err(BookingError::EnterpriseNotFound);
            }
            if zone_id.is_some() {
                kind_offered_at(state, *fair_id, BoothKind::Physical)?;
            }
            Ok(())
        }
        E::WaitlistLeft { waitlist_id } => match state.waitlist.get(waitlist_id) {
            None => Err(BookingError::WaitlistNotFound),
            Some(e) if e.status != WaitlistStatus::Waiting => Err(BookingError::NotWaiting),
            Some(_) => Ok(()),
        },
        E::WaitlistOffered { waitlist_id, booking_id, booth_id, .. } => {
            let entry = state.waitlist.get(waitlist_id).ok_or(BookingError::WaitlistNotFound)?;
            if entry.status != WaitlistStatus::Waiting {
                return Err(BookingError::NotWaiting);
            }
            if state.bookings.contains_key(booking_id) {
                return Err(BookingError::AlreadyExists);
            }
            match booth_id {
                Some(b) => {
                    kind_offered_at(state, entry.fair_id, BoothKind::Physical)?;
                    free_booth(&entry.fair_id, b)
                }
                None => {
                    kind_offered_at(state, entry.fair_id, BoothKind::Virtual)?;
                    virtual_free(&entry.fair_id)
                }
            }
        }
        E::OfferAccepted { booking_id } | E::OfferDeclined { booking_id } => match status(booking_id)? {
            BookingStatus::Offered { .. } => Ok(()),
            _ => Err(BookingError::NoOffer),
        },
    }
}

/// Map from a set of ids (an `OrdMap<Id, ()>` used as a persistent set).
pub type IdSet<K> = OrdMap<K, ()>;

#[cfg(test)]
mod tests;
