use super::*;

/// Would this event still be a valid fact on `state`? (See `fair::check`.)
pub(crate) fn check(state: &State, event: &FloorPlanEvent) -> std::result::Result<(), FloorPlanError> {
    use FloorPlanEvent as E;
    let booth = |id: &BoothId| booth_of(state, *id);
    match event {
        E::HallSized { fair_id, width, depth } => {
            laid_out_fair(state, *fair_id)?;
            hall_holds_booths(state, *fair_id, *width, *depth)
        }
        E::ZoneAdded { fair_id, zone_id, .. } => {
            laid_out_fair(state, *fair_id)?;
            zone_is_new(state, *fair_id, *zone_id)
        }
        E::ZoneRenamed { fair_id, zone_id, .. } => existing_zone(state, *fair_id, *zone_id).map(|_| ()),
        E::ZoneRemoved { fair_id, zone_id } => may_remove_zone(state, *fair_id, *zone_id),
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
            if matches!(event, E::BoothBlocked { .. }) {
                may_block_booth(b)?;
            }
            in_use(state, b)
        }
        E::AmenitiesSet { booth_id, .. } => booth(booth_id).map(|_| ()),
        E::BoothUnblocked { booth_id } => may_unblock_booth(booth(booth_id)?.1),
        E::VirtualBoothsSet { fair_id, count } => virtual_booths_cover_taken(state, *fair_id, *count),
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
