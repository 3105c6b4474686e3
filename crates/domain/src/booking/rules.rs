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

pub(crate) fn is_free(state: &State, booth: &Booth) -> bool {
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

pub(crate) fn first_free_in_zone(state: &State, fair: FairId, zone: ZoneId) -> Option<&Booth> {
    let plan = state.floor_plans.get(&fair)?;
    plan.booths_in_zone(zone).filter(|b| is_free(state, b)).min_by(|a, b| a.code.cmp(&b.code))
}

/// Is there a free booth of a kind the fair's mode has? (Booths left on the plan of a fair that
/// became online, or virtual booths of one that became onsite, cannot be requested.)
pub(crate) fn has_free_booth(state: &State, fair: FairId, mode: FairMode) -> bool {
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
    kind_offered(state.fairs.get(&fair).ok_or(BookingError::FairNotFound)?.details.mode, kind)
}

pub(crate) fn past_cutoff(fair: &Fair, rules: BookingRules, now: DateTime<Utc>) -> bool {
    match fair.details.schedule {
        Some(s) => now >= s.start - Duration::hours(rules.cutoff_hours as i64),
        None => false,
    }
}

pub(crate) fn open_fair(state: &State, fair_id: FairId, now: DateTime<Utc>) -> Result<&Fair, BookingError> {
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

pub(crate) fn organizer_only(cmd: &BookingCommand) -> bool {
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
