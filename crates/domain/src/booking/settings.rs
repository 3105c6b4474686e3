use super::*;

/// Each of a fair's booking rules is in its range.
pub(crate) fn rules_in_range(rules: &BookingRules) -> Result<(), BookingError> {
    let range = |field: &str, v: u32, min: u32, max: u32| {
        if (min..=max).contains(&v) {
            Ok(())
        } else {
            Err(BookingError::RuleOutOfRange { field: field.into(), min, max })
        }
    };
    range("hold_hours", rules.hold_hours, 1, MAX_HOURS)?;
    range("max_booths_per_enterprise", rules.max_booths_per_enterprise, 1, MAX_BOOTHS_LIMIT)?;
    range("cutoff_hours", rules.cutoff_hours, 0, MAX_HOURS)
}

/// The organizer sets a fair's booking rules (hold, limit per enterprise, cutoff).
pub(crate) fn set_booking_rules(
    d: &mut Decision<'_>,
    fair_id: FairId,
    rules: BookingRules,
) -> Result<(), BookingError> {
    use BookingEvent as E;
    existing_fair(&d.s, fair_id)?;
    rules_in_range(&rules)?;
    if rules_of(&d.s, fair_id) != rules {
        d.push(E::BookingRulesSet { fair_id, rules });
    }
    Ok(())
}
