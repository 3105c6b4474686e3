use super::*;

// ---------------------------------------------------------------------------------------------
// Rules

pub(crate) type Result<T> = std::result::Result<T, DomainError>;

pub(crate) fn check_details(state: &State, d: &FairDetails) -> std::result::Result<FairDetails, FairError> {
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

pub(crate) fn existing(state: &State, id: FairId) -> std::result::Result<&Fair, FairError> {
    state.fairs.get(&id).ok_or(FairError::NotFound)
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
            vec![FairEvent::FairEdited { fair_id, details }]
        }
        FairCommand::PublishFair { fair_id } => {
            let fair = existing(state, fair_id)?;
            may_publish_fair(fair)?;
            vec![FairEvent::FairPublished { fair_id }]
        }
        FairCommand::UnpublishFair { fair_id } => {
            let fair = existing(state, fair_id)?;
            may_unpublish_fair(fair)?;
            let bookings = active_bookings(state, fair_id);
            if bookings > 0 {
                return Err(FairError::HasBookings { bookings }.into());
            }
            vec![FairEvent::FairUnpublished { fair_id }]
        }
        FairCommand::CloseFair { fair_id } => {
            let fair = existing(state, fair_id)?;
            may_close_fair(fair)?;
            match fair.details.schedule {
                Some(s) if now >= s.start => {}
                _ => return Err(FairError::CloseBeforeStart.into()),
            }
            vec![FairEvent::FairClosed { fair_id }]
        }
        FairCommand::RecordFairOutcome { fair_id, outcome } => {
            let fair = existing(state, fair_id)?;
            may_record_outcome(fair)?;
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
            may_cancel_fair(fair)?;
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

/// Active bookings (requested, offered, booked) at `fair` on booths that a fair of `mode` does
/// not have: physical booths when online, virtual booths when onsite. Read through the fair's
/// booking index.
pub(crate) fn stranded_bookings(state: &State, fair: FairId, mode: FairMode) -> usize {
    state.fair_bookings.get(&fair).map_or(0, |ids| {
        ids.keys()
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
