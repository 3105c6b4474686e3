use super::*;

/// Would this event still be a valid fact on `state`? (See `fair::check`.)
pub(crate) fn check(state: &State, event: &FloorPlanEvent) -> std::result::Result<(), FloorPlanError> {
    use FloorPlanEvent as E;
    let booth = |id: &BoothId| booth_of(state, *id);
    match event {
        E::HallSized { fair_id, width, depth } => {
            laid_out_fair(state, *fair_id)?;
            match state.floor_plans.get(fair_id).and_then(|p| booth_sticking_out(p, *width, *depth)) {
                Some(b) => Err(FloorPlanError::HallTooSmall { code: b.code.clone() }),
                None => Ok(()),
            }
        }
        E::ZoneAdded { fair_id, zone_id, .. } => {
            laid_out_fair(state, *fair_id)?;
            if state.floor_plans.get(fair_id).is_some_and(|p| p.zones.contains_key(zone_id)) {
                return Err(FloorPlanError::ZoneExists);
            }
            Ok(())
        }
        E::ZoneRenamed { fair_id, zone_id, .. } | E::ZoneRemoved { fair_id, zone_id } => {
            let plan = state.floor_plans.get(fair_id).ok_or(FloorPlanError::ZoneNotFound)?;
            if !plan.zones.contains_key(zone_id) {
                return Err(FloorPlanError::ZoneNotFound);
            }
            if matches!(event, E::ZoneRemoved { .. }) {
                let booths = plan.booths_in_zone(*zone_id).count();
                if booths > 0 {
                    return Err(FloorPlanError::ZoneNotEmpty { booths });
                }
            }
            Ok(())
        }
        E::BoothAdded { fair_id, booth } => check_new_booths(state, *fair_id, vec![booth.clone()]).map(|_| ()),
        E::BoothMoved { booth_id, x, y } => {
            let (plan, b) = booth(booth_id)?;
            check_place(plan, &Rect { x: *x, y: *y, ..b.rect }, Some(*booth_id))
        }
        E::BoothResized { booth_id, w, h } => {
            let (plan, b) = booth(booth_id)?;
            check_place(plan, &Rect { w: *w, h: *h, ..b.rect }, Some(*booth_id))
        }
        E::BoothRemoved { booth_id } | E::BoothBlocked { booth_id, .. } => {
            let (_, b) = booth(booth_id)?;
            if matches!(event, E::BoothBlocked { .. }) && b.blocked.is_some() {
                return Err(FloorPlanError::AlreadyBlocked);
            }
            in_use(state, b)
        }
        E::AmenitiesSet { booth_id, .. } => booth(booth_id).map(|_| ()),
        E::BoothUnblocked { booth_id } => {
            let (_, b) = booth(booth_id)?;
            if b.blocked.is_none() {
                return Err(FloorPlanError::NotBlocked);
            }
            Ok(())
        }
        E::VirtualBoothsSet { fair_id, count } => {
            let taken = state.virtual_taken.get(fair_id).copied().unwrap_or(0);
            if *count < taken {
                return Err(FloorPlanError::VirtualBoothsInUse { taken });
            }
            Ok(())
        }
    }
}

/// Who recorded it may lay out floor plans, and its values pass the command's checks (booths
/// added are checked by `check`, with `check_new_booths`).
pub(crate) fn recorded(actor: &Actor, event: &FloorPlanEvent) -> Result<()> {
    use FloorPlanEvent as E;
    crate::authority::organizer_only(actor.role, event.type_name())?;
    match event {
        E::HallSized { width, depth, .. } => hall_size_in_range(*width, *depth)?,
        E::ZoneAdded { name, .. } | E::ZoneRenamed { name, .. } => {
            clean_zone_name(name)?;
        }
        E::BoothBlocked { reason, .. } => {
            clean_block_reason(reason)?;
        }
        E::VirtualBoothsSet { count, .. } => virtual_booths_in_range(*count)?,
        _ => {}
    }
    Ok(())
}
