use super::*;

/// A new fair, as a draft.
pub(crate) fn create_fair(state: &State, fair_id: FairId, details: FairDetails) -> Result<Vec<FairEvent>> {
    fair_is_new(state, fair_id)?;
    let details = check_details(state, &details)?;
    Ok(vec![FairEvent::FairCreated { fair_id, details }])
}

/// New details, at the version the form was opened at; a published fair keeps what publishing
/// needs, and no mode change strands active bookings.
pub(crate) fn edit_fair(
    state: &State,
    fair_id: FairId,
    expected_version: u64,
    details: FairDetails,
) -> Result<Vec<FairEvent>> {
    let fair = existing(state, fair_id)?;
    may_edit_fair(fair)?;
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
    Ok(vec![FairEvent::FairEdited { fair_id, details }])
}

pub(crate) fn check_details(state: &State, d: &FairDetails) -> std::result::Result<FairDetails, FairError> {
    let name = d.name.trim();
    if name.is_empty() {
        return Err(FairError::NameRequired);
    }
    if name.chars().count() > NAME_MAX_CHARS {
        return Err(FairError::NameTooLong { max: NAME_MAX_CHARS });
    }
    if let Some(s) = &d.schedule {
        dates_problem(s)?;
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
    series_exists(state, d.series)?;
    Ok(FairDetails { name: name.to_owned(), venue, ..d.clone() })
}

/// A fair's dates: the end after the start, at most `MAX_FAIR_DAYS` apart.
pub fn dates_problem(s: &Schedule) -> std::result::Result<(), FairError> {
    if s.end <= s.start {
        return Err(FairError::EndNotAfterStart);
    }
    if s.end - s.start > Duration::days(MAX_FAIR_DAYS) {
        return Err(FairError::TooLong { max_days: MAX_FAIR_DAYS });
    }
    Ok(())
}

pub(crate) fn trim_venue(v: &Venue) -> std::result::Result<Venue, FairError> {
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

/// Active bookings (requested, offered, booked) at `fair` on booths that a fair of `mode` does
/// not have: physical booths when online, virtual booths when onsite. Read through the fair's
/// booking index.
pub(crate) fn stranded_bookings(state: &State, fair: FairId, mode: FairMode) -> usize {
    state.fair_bookings.get(&fair).map_or(0, |ids| {
        ids.iter()
            .filter_map(|id| state.bookings.get(id))
            .filter(|b| b.status.is_active() && !mode.has_booths(b.kind()))
            .count()
    })
}

/// A change of mode may not leave active bookings on booths the new mode does not have (the app
/// would hide them). Only a change is checked: editing anything else is never refused for this.
pub(crate) fn keeps_bookings(state: &State, fair: &Fair, mode: FairMode) -> std::result::Result<(), FairError> {
    if mode == fair.details.mode {
        return Ok(());
    }
    match stranded_bookings(state, fair.id, mode) {
        0 => Ok(()),
        count => Err(FairError::ModeStrandsBookings { mode, count }),
    }
}

pub(crate) fn publishable(d: &FairDetails) -> std::result::Result<(), FairError> {
    if d.schedule.is_none() {
        return Err(FairError::DatesRequired);
    }
    if d.mode.is_physical() && d.venue.is_none() {
        return Err(FairError::VenueRequired);
    }
    Ok(())
}
