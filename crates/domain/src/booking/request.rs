use super::*;

/// An enterprise asks for a booth, any booth in a zone, or a virtual booth; it is held until
/// `now + hold_hours`.
pub(crate) fn request_booth(
    d: &mut Decision<'_>,
    booking_id: BookingId,
    fair_id: FairId,
    enterprise_id: EnterpriseId,
    target: BoothTarget,
) -> Result<(), BookingError> {
    use BookingEvent as E;
    let now = d.now;
    may_book_for(d.actor, enterprise_id)?;
    booking_is_new(&d.s, booking_id)?;
    let mode = fair_takes_bookings(&d.s, fair_id, now)?.details.mode;
    enterprise_is_registered(&d.s, enterprise_id)?;
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
            let zone = existing_zone(&d.s, fair_id, zone_id)?;
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
        hold_until: crate::time::shifted(now, Duration::hours(rules.hold_hours as i64)),
    });
    Ok(())
}
