use super::*;

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

/// Is this booth free: not blocked and held by no active booking?
pub fn is_free(state: &State, booth: &Booth) -> bool {
    booth.blocked.is_none() && !state.booth_taken.contains_key(&booth.id)
}

/// Active bookings (requested, offered, booked) of an enterprise at a fair.
pub fn active_count(state: &State, fair: FairId, enterprise: EnterpriseId) -> u32 {
    state
        .enterprise_bookings
        .get(&enterprise)
        .map(|ids| {
            ids.iter()
                .filter_map(|id| state.bookings.get(id))
                .filter(|b| b.fair_id == fair && b.status.is_active())
                .count() as u32
        })
        .unwrap_or(0)
}

pub(crate) fn first_free_in_zone(state: &State, fair: FairId, zone: ZoneId) -> Option<&Booth> {
    let plan = state.floor_plans.get(&fair)?;
    plan.booths_in_zone(zone).filter(|b| is_free(state, b)).min_by(|a, b| a.code.cmp(&b.code))
}

/// Is there a free booth of a kind the fair's mode has? (Booths left on the plan of a fair that
/// became online, or virtual booths of one that became onsite, cannot be requested.)
pub fn has_free_booth(state: &State, fair: FairId, mode: FairMode) -> bool {
    let Some(plan) = state.floor_plans.get(&fair) else { return false };
    (mode.has_booths(BoothKind::Physical) && plan.booths.values().any(|b| is_free(state, b)))
        || (mode.has_booths(BoothKind::Virtual)
            && plan.virtual_booths > state.virtual_taken.get(&fair).copied().unwrap_or(0))
}

/// Refuse a kind of booth the fair's mode does not have.
pub(crate) fn kind_offered(mode: FairMode, kind: BoothKind) -> Result<(), BookingError> {
    if mode.has_booths(kind) {
        Ok(())
    } else {
        Err(BookingError::BoothKindMismatch { mode, kind })
    }
}

pub(crate) fn kind_offered_at(state: &State, fair: FairId, kind: BoothKind) -> Result<(), BookingError> {
    kind_offered(existing_fair(state, fair)?.details.mode, kind)
}

pub(crate) fn past_cutoff(fair: &Fair, rules: BookingRules, now: DateTime<Utc>) -> bool {
    match fair.details.schedule {
        Some(s) => now >= crate::time::shifted(s.start, -Duration::hours(rules.cutoff_hours as i64)),
        None => false,
    }
}

/// The fair takes booth requests and waitlist places now: it is published and its cutoff
/// (`cutoff_hours` before the start) has not passed.
pub fn fair_takes_bookings(state: &State, fair_id: FairId, now: DateTime<Utc>) -> Result<&Fair, BookingError> {
    let fair = existing_fair(state, fair_id)?;
    if fair.status != FairStatus::Published {
        return Err(BookingError::FairNotOpen { status: fair.status.kind().key().into() });
    }
    let rules = rules_of(state, fair_id);
    if past_cutoff(fair, rules, now) {
        return Err(BookingError::AfterCutoff { hours: rules.cutoff_hours });
    }
    Ok(fair)
}

pub(crate) fn check_reason(reason: &str) -> Result<String, BookingError> {
    let r = reason.trim();
    if r.is_empty() {
        return Err(BookingError::ReasonRequired);
    }
    if r.chars().count() > REASON_MAX_CHARS {
        return Err(BookingError::ReasonTooLong { max: REASON_MAX_CHARS });
    }
    Ok(r.into())
}

/// What a booking command or event is, for the role rule [`may_do`].
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum BookingAct {
    /// Rules, approvals, rejections, reassignments: the organizer's.
    Organize,
    /// Requests, cancellations, the waitlist and offers: an enterprise's (for itself) or the
    /// organizer's.
    Book,
    /// A deadline passing and what it frees: recorded by whoever acts next, any role.
    Tick,
}

/// Which roles may do which booking act.
pub fn may_do(role: Role, act: BookingAct, what: &str) -> Result<(), DomainError> {
    match act {
        BookingAct::Organize => crate::authority::organizer_only(role, what),
        BookingAct::Book => crate::authority::not_host(role, what),
        BookingAct::Tick => Ok(()),
    }
}

pub fn act_of_command(cmd: &BookingCommand) -> BookingAct {
    use BookingCommand as C;
    match cmd {
        C::SetBookingRules { .. }
        | C::ApproveBooking { .. }
        | C::ApproveBookings { .. }
        | C::RejectBooking { .. }
        | C::RevokeApproval { .. }
        | C::ReassignBooking { .. } => BookingAct::Organize,
        C::ExpireHolds => BookingAct::Tick,
        _ => BookingAct::Book,
    }
}

/// The act an event records. (Expiries and the offers made from the waitlist are recorded by
/// any booking command, whoever gives it.)
pub fn act_of_event(e: &BookingEvent) -> BookingAct {
    use BookingEvent as E;
    match e {
        E::BookingRulesSet { .. }
        | E::BookingApproved { .. }
        | E::BookingApprovalRevoked { .. }
        | E::BookingRejected { .. }
        | E::BookingReassigned { .. } => BookingAct::Organize,
        E::HoldExpired { .. } | E::WaitlistOffered { .. } => BookingAct::Tick,
        E::BoothRequested { .. }
        | E::BookingCancelled { .. }
        | E::WaitlistJoined { .. }
        | E::WaitlistLeft { .. }
        | E::OfferAccepted { .. }
        | E::OfferDeclined { .. } => BookingAct::Book,
    }
}

/// The booth is on the fair's plan, not blocked and held by no active booking.
pub fn booth_is_free(state: &State, fair: FairId, booth: BoothId) -> Result<&Booth, BookingError> {
    let b = state.floor_plans.get(&fair).and_then(|p| p.booths.get(&booth)).ok_or(BookingError::BoothNotFound)?;
    if b.blocked.is_some() {
        return Err(BookingError::BoothBlocked { code: b.code.clone() });
    }
    if state.booth_taken.contains_key(&booth) {
        return Err(BookingError::BoothTaken { code: b.code.clone() });
    }
    Ok(b)
}

/// The fair has virtual booths and one of them is left.
pub fn virtual_booth_is_free(state: &State, fair: FairId) -> Result<(), BookingError> {
    let cap = state.floor_plans.get(&fair).map(|p| p.virtual_booths).unwrap_or(0);
    if cap == 0 {
        return Err(BookingError::NoVirtualBooths);
    }
    if state.virtual_taken.get(&fair).copied().unwrap_or(0) >= cap {
        return Err(BookingError::FairFull);
    }
    Ok(())
}

/// The enterprise holds fewer active bookings at the fair than the fair's limit.
pub fn within_booth_limit(state: &State, fair: FairId, enterprise: EnterpriseId) -> Result<(), BookingError> {
    let max = rules_of(state, fair).max_booths_per_enterprise;
    if active_count(state, fair, enterprise) >= max {
        return Err(BookingError::LimitReached { max });
    }
    Ok(())
}

/// Free booths an enterprise could request at the fair now: free physical booths in its zones
/// (if the mode has them) plus free virtual booths (if the mode has them).
pub fn free_booths(state: &State, fair: FairId) -> usize {
    let Some(plan) = state.floor_plans.get(&fair) else { return 0 };
    let Some(mode) = state.fairs.get(&fair).map(|f| f.details.mode) else { return 0 };
    let physical = if mode.has_booths(BoothKind::Physical) {
        plan.zones.keys().map(|z| plan.booths_in_zone(*z).filter(|b| is_free(state, b)).count()).sum()
    } else {
        0
    };
    let virtual_free = if mode.has_booths(BoothKind::Virtual) {
        plan.virtual_booths.saturating_sub(state.virtual_taken.get(&fair).copied().unwrap_or(0)) as usize
    } else {
        0
    };
    physical + virtual_free
}

/// May the enterprise join the fair's waitlist (for `zone`, or for any booth) now? The fair takes
/// bookings, the enterprise exists, a zone needs physical booths, it is not waiting already, it is
/// within its booth limit, and what it waits for is full.
pub fn may_join_waitlist(
    state: &State,
    fair_id: FairId,
    enterprise_id: EnterpriseId,
    zone_id: Option<ZoneId>,
    now: DateTime<Utc>,
) -> Result<(), BookingError> {
    let mode = fair_takes_bookings(state, fair_id, now)?.details.mode;
    enterprise_is_registered(state, enterprise_id)?;
    if zone_id.is_some() {
        // A zone is a part of the floor plan: waiting for one needs physical booths.
        kind_offered(mode, BoothKind::Physical)?;
    }
    if is_waiting(state, fair_id, enterprise_id) {
        return Err(BookingError::AlreadyWaiting);
    }
    within_booth_limit(state, fair_id, enterprise_id)?;
    let free = match zone_id {
        Some(z) => {
            existing_zone(state, fair_id, z)?;
            first_free_in_zone(state, fair_id, z).is_some()
        }
        None => has_free_booth(state, fair_id, mode),
    };
    if free {
        return Err(BookingError::NotFull);
    }
    Ok(())
}

/// Is the enterprise waiting on the fair's waitlist?
pub fn is_waiting(state: &State, fair: FairId, enterprise: EnterpriseId) -> bool {
    state.waitlist_order.get(&fair).is_some_and(|o| {
        o.iter().any(|w| {
            state.waitlist.get(w).is_some_and(|e| e.enterprise_id == enterprise && e.status == WaitlistStatus::Waiting)
        })
    })
}

/// May this waiting entry be offered a freed booth in `booth_zone` (`None`: a virtual booth)?
/// An entry for a zone takes only a booth in that zone; an enterprise at its limit is passed over.
pub fn may_be_offered(state: &State, entry: &WaitlistEntry, booth_zone: Option<ZoneId>) -> Result<(), SkipReason> {
    let zone_ok = match (booth_zone, entry.zone_id) {
        (_, None) => true,
        (Some(z), Some(want)) => z == want,
        (None, Some(_)) => false,
    };
    if !zone_ok {
        return Err(SkipReason::OtherZone);
    }
    if within_booth_limit(state, entry.fair_id, entry.enterprise_id).is_err() {
        return Err(SkipReason::AtLimit);
    }
    Ok(())
}

/// Active bookings (requested, offered, booked) of an enterprise at every fair.
pub fn active_bookings_of_enterprise(state: &State, enterprise: EnterpriseId) -> usize {
    state
        .enterprise_bookings
        .get(&enterprise)
        .map(|b| b.iter().filter(|k| state.bookings.get(k).is_some_and(|b| b.status.is_active())).count())
        .unwrap_or(0)
}

/// Only the enterprise itself (or an organizer) books, waits and answers offers for it.
pub fn may_book_for(actor: &Actor, enterprise: EnterpriseId) -> Result<(), BookingError> {
    if may_act_for(actor, enterprise) {
        Ok(())
    } else {
        Err(BookingError::NotYourEnterprise)
    }
}

/// A booking id is used once.
pub fn booking_is_new(state: &State, id: BookingId) -> Result<(), BookingError> {
    if state.bookings.contains_key(&id) {
        Err(BookingError::AlreadyExists)
    } else {
        Ok(())
    }
}

/// Only a registered enterprise books or waits.
pub fn enterprise_is_registered(state: &State, enterprise: EnterpriseId) -> Result<(), BookingError> {
    if state.enterprises.contains_key(&enterprise) {
        Ok(())
    } else {
        Err(BookingError::EnterpriseNotFound)
    }
}

/// The booking a command or event is about must exist.
pub fn existing_booking(state: &State, id: BookingId) -> Result<&Booking, BookingError> {
    state.bookings.get(&id).ok_or(BookingError::NotFound)
}

/// The fair a booking rule or request is about must exist.
pub fn existing_fair(state: &State, fair: FairId) -> Result<&Fair, BookingError> {
    state.fairs.get(&fair).ok_or(BookingError::FairNotFound)
}

/// The zone named must be on the fair's floor plan.
pub fn existing_zone(state: &State, fair: FairId, zone: ZoneId) -> Result<&crate::floor_plan::Zone, BookingError> {
    state.floor_plans.get(&fair).and_then(|p| p.zones.get(&zone)).ok_or(BookingError::ZoneNotFound)
}

/// Only an active booking (requested, offered, booked) is cancelled or moved.
pub fn booking_is_active(b: &Booking) -> Result<(), BookingError> {
    if b.status.is_active() {
        Ok(())
    } else {
        Err(BookingError::NotActive { status: b.status.key().into() })
    }
}

/// The waitlist place a command or event is about must exist.
pub fn existing_waitlist_entry(state: &State, id: WaitlistId) -> Result<&WaitlistEntry, BookingError> {
    state.waitlist.get(&id).ok_or(BookingError::WaitlistNotFound)
}

/// Only a place still waiting is left or offered a booth.
pub fn still_waiting(e: &WaitlistEntry) -> Result<(), BookingError> {
    if e.status == WaitlistStatus::Waiting {
        Ok(())
    } else {
        Err(BookingError::NotWaiting)
    }
}
