use super::*;

// ---------------------------------------------------------------------------------------------
// Deciding, on a scratch copy of the state so that one decision can chain events
// (an expiry frees a booth, which is offered to the waitlist, ...).

pub(crate) struct Decision<'a> {
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
                if virtual_booth_is_free(&self.s, fair_id).is_err() {
                    return;
                }
                None
            }
        };
        let mut skipped = Vec::new();
        let order = self.s.waitlist_order.get(&fair_id).cloned().unwrap_or_default();
        for wid in order.iter() {
            let Some(entry) = self.s.waitlist.get(wid) else { continue };
            if entry.status != WaitlistStatus::Waiting {
                continue;
            }
            if let Err(why) = may_be_offered(&self.s, entry, booth_zone) {
                skipped.push(Skipped { waitlist_id: *wid, why });
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
    if (organizer_only(&cmd) && actor.role != Role::Organizer)
        || actor.role == Role::Host && cmd != BookingCommand::ExpireHolds
    {
        return Err(DomainError::Forbidden { role: actor.role, command: cmd.name().into() });
    }
    let mut d = Decision { s: state, out: Vec::new(), now, actor };
    d.expire_due();
    run(&mut d, cmd)?;
    Ok((d.out, d.s))
}

pub(crate) fn booking<'a>(s: &'a State, id: &BookingId) -> Result<&'a Booking, BookingError> {
    s.bookings.get(id).ok_or(BookingError::NotFound)
}

pub(crate) fn run(d: &mut Decision<'_>, cmd: BookingCommand) -> Result<(), BookingError> {
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
            let mode = fair_takes_bookings(&d.s, fair_id, now)?.details.mode;
            if !d.s.enterprises.contains_key(&enterprise_id) {
                return Err(BookingError::EnterpriseNotFound);
            }
            within_booth_limit(&d.s, fair_id, enterprise_id)?;
            let rules = rules_of(&d.s, fair_id);
            let kind = match target {
                BoothTarget::Booth { .. } | BoothTarget::AnyInZone { .. } => BoothKind::Physical,
                BoothTarget::Virtual => BoothKind::Virtual,
            };
            kind_offered(mode, kind)?;
            let (booth_id, zone_id) = match target {
                BoothTarget::Booth { booth_id } => {
                    booth_is_free(&d.s, fair_id, booth_id)?;
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
                    virtual_booth_is_free(&d.s, fair_id)?;
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
            booth_is_free(&d.s, b.fair_id, booth_id)?;
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
            may_join_waitlist(&d.s, fair_id, enterprise_id, zone_id, now)?;
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

pub(crate) fn pending_error(b: &Booking) -> BookingError {
    match b.status {
        BookingStatus::Expired => BookingError::HoldExpired,
        _ => BookingError::NotPending { status: b.status.key().into() },
    }
}

pub(crate) fn approve(d: &mut Decision<'_>, booking_id: BookingId) -> Result<(), BookingError> {
    let b = booking(&d.s, &booking_id)?;
    if !matches!(b.status, BookingStatus::Requested { .. }) {
        return Err(pending_error(b));
    }
    d.push(BookingEvent::BookingApproved { booking_id });
    Ok(())
}
