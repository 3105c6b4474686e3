use super::*;

// ---------------------------------------------------------------------------------------------
// Deciding, on a scratch copy of the state so that one decision can chain events
// (an expiry frees a booth, which is offered to the waitlist, ...).

pub(crate) struct Decision<'a> {
    pub(crate) s: State,
    pub(crate) out: Vec<BookingEvent>,
    pub(crate) now: DateTime<Utc>,
    pub(crate) actor: &'a Actor,
}

impl Decision<'_> {
    pub(crate) fn push(&mut self, e: BookingEvent) {
        let env = EventEnvelope {
            id: Uuid::nil(),
            seq: self.s.last_seq + 1,
            // Recorded no earlier than the last event, as `Engine::prepare` seals it.
            recorded_at: crate::judge::recorded_time(self.s.last_recorded_at, self.now),
            actor: self.actor.clone(),
            schema: SCHEMA_VERSION,
            prev: String::new(),
            cmd: None,
            event: Event::Booking(e.clone()),
            redacted: None,
        };
        crate::state::evolve(&mut self.s, &env);
        self.out.push(e);
    }

    /// Record every deadline that has passed, oldest first, and what each one frees.
    pub(crate) fn expire_due(&mut self) {
        // Deadlines that name no booking, or that expiring does not clear, are stepped over (a
        // state only a hostile log could build; `judge` refuses such logs), never indexed.
        let mut stale: std::collections::BTreeSet<(DateTime<Utc>, BookingId)> = Default::default();
        while let Some(key) = self.s.deadlines.keys().find(|k| !stale.contains(*k)).cloned() {
            let (until, id) = key;
            if until > self.now {
                break;
            }
            let Some(before) = self.s.bookings.get(&id).cloned() else {
                stale.insert(key);
                continue;
            };
            if before.status.deadline().is_none() {
                stale.insert(key);
                continue;
            }
            self.push(BookingEvent::HoldExpired { booking_id: id });
            if self.s.deadlines.contains_key(&key) {
                stale.insert(key);
            }
            self.offer_freed(&before, FreedBy::Expired);
        }
    }

    /// A booking stopped occupying its booth: offer it to the waitlist.
    pub(crate) fn offer_freed(&mut self, freed: &Booking, by: FreedBy) {
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
                until: crate::time::shifted(self.now, Duration::hours(hours as i64)),
                freed_from: freed.id,
                freed_by: by,
                skipped,
            });
            return;
        }
    }
}
