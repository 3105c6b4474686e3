use super::*;

pub(crate) fn decide(
    state: &State,
    actor: &Actor,
    now: DateTime<Utc>,
    cmd: BookingCommand,
) -> Result<Vec<BookingEvent>, DomainError> {
    decide_on(state.clone(), actor, now, cmd).map(|(events, _)| events)
}

/// Decide on a copy of the state and hand back the copy with the events applied (each evolved
/// once, as it was emitted, numbered after the state's last sequence and recorded at `now`), so
/// that `Engine::prepare` keeps it instead of evolving the events again.
pub(crate) fn decide_on(
    state: State,
    actor: &Actor,
    now: DateTime<Utc>,
    cmd: BookingCommand,
) -> Result<(Vec<BookingEvent>, State), DomainError> {
    may_do(actor.role, act_of_command(&cmd), cmd.name())?;
    let mut d = Decision { s: state, out: Vec::new(), now, actor };
    d.expire_due();
    run(&mut d, cmd)?;
    Ok((d.out, d.s))
}

pub(crate) fn run(d: &mut Decision<'_>, cmd: BookingCommand) -> Result<(), BookingError> {
    use BookingCommand as C;
    match cmd {
        C::SetBookingRules { fair_id, rules } => set_booking_rules(d, fair_id, rules)?,
        C::RequestBooth { booking_id, fair_id, enterprise_id, target } => {
            request_booth(d, booking_id, fair_id, enterprise_id, target)?
        }
        C::ApproveBooking { booking_id } => approve(d, booking_id)?,
        C::RevokeApproval { booking_id } => revoke_approval(d, booking_id)?,
        C::ApproveBookings { booking_ids } => approve_bookings(d, booking_ids)?,
        C::RejectBooking { booking_id, reason } => reject_booking(d, booking_id, reason)?,
        C::ReassignBooking { booking_id, booth_id } => reassign_booking(d, booking_id, booth_id)?,
        C::CancelBooking { booking_id } => cancel_booking(d, booking_id)?,
        C::JoinWaitlist { waitlist_id, fair_id, enterprise_id, zone_id } => {
            join_waitlist(d, waitlist_id, fair_id, enterprise_id, zone_id)?
        }
        C::LeaveWaitlist { waitlist_id } => leave_waitlist(d, waitlist_id)?,
        C::AcceptOffer { booking_id } => accept_offer(d, booking_id)?,
        C::DeclineOffer { booking_id } => decline_offer(d, booking_id)?,
        C::ExpireHolds => {}
    }
    Ok(())
}
