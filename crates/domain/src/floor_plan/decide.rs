use super::*;

pub(crate) fn decide(state: &State, actor: &Actor, cmd: FloorPlanCommand) -> Result<Vec<FloorPlanEvent>> {
    crate::authority::organizer_only(actor.role, cmd.name())?;
    use FloorPlanCommand as C;
    use FloorPlanEvent as E;
    Ok(match cmd {
        C::SizeHall { fair_id, width, depth } => {
            laid_out_fair(state, fair_id)?;
            hall_size_in_range(width, depth)?;
            hall_holds_booths(state, fair_id, width, depth)?;
            if state.floor_plans.get(&fair_id).is_some_and(|p| p.width == width && p.depth == depth) {
                return Ok(vec![]);
            }
            vec![E::HallSized { fair_id, width, depth }]
        }
        C::AddZone { fair_id, zone_id, name } => {
            laid_out_fair(state, fair_id)?;
            zone_is_new(state, fair_id, zone_id)?;
            vec![E::ZoneAdded { fair_id, zone_id, name: clean_zone_name(&name)? }]
        }
        C::RenameZone { fair_id, zone_id, name } => {
            laid_out_fair(state, fair_id)?;
            let zone = existing_zone(state, fair_id, zone_id)?;
            let name = clean_zone_name(&name)?;
            if zone.name == name {
                return Ok(vec![]);
            }
            vec![E::ZoneRenamed { fair_id, zone_id, name }]
        }
        C::RemoveZone { fair_id, zone_id } => {
            laid_out_fair(state, fair_id)?;
            may_remove_zone(state, fair_id, zone_id)?;
            vec![E::ZoneRemoved { fair_id, zone_id }]
        }
        C::AddBooth { fair_id, booth } => check_new_booths(state, fair_id, vec![booth])?
            .into_iter()
            .map(|booth| E::BoothAdded { fair_id, booth })
            .collect(),
        C::AddBooths { fair_id, booths } => check_new_booths(state, fair_id, booths)?
            .into_iter()
            .map(|booth| E::BoothAdded { fair_id, booth })
            .collect(),
        C::MoveBooth { booth_id, x, y } => {
            let (plan, booth) = booth_of(state, booth_id)?;
            open_fair(state, booth.fair_id)?;
            if booth.rect.x == x && booth.rect.y == y {
                return Ok(vec![]);
            }
            check_place(plan, &Rect { x, y, ..booth.rect }, Some(booth_id))?;
            vec![E::BoothMoved { booth_id, x, y }]
        }
        C::ResizeBooth { booth_id, w, h } => {
            let (plan, booth) = booth_of(state, booth_id)?;
            open_fair(state, booth.fair_id)?;
            if booth.rect.w == w && booth.rect.h == h {
                return Ok(vec![]);
            }
            check_place(plan, &Rect { w, h, ..booth.rect }, Some(booth_id))?;
            vec![E::BoothResized { booth_id, w, h }]
        }
        C::RemoveBooth { booth_id } => {
            let (_, booth) = booth_of(state, booth_id)?;
            open_fair(state, booth.fair_id)?;
            in_use(state, booth)?;
            vec![E::BoothRemoved { booth_id }]
        }
        C::SetAmenities { booth_id, amenities } => {
            let (_, booth) = booth_of(state, booth_id)?;
            open_fair(state, booth.fair_id)?;
            if booth.amenities == amenities {
                return Ok(vec![]);
            }
            vec![E::AmenitiesSet { booth_id, amenities }]
        }
        C::BlockBooth { booth_id, reason } => {
            let (_, booth) = booth_of(state, booth_id)?;
            open_fair(state, booth.fair_id)?;
            may_block_booth(booth)?;
            in_use(state, booth)?;
            vec![E::BoothBlocked { booth_id, reason: clean_block_reason(&reason)? }]
        }
        C::UnblockBooth { booth_id } => {
            let (_, booth) = booth_of(state, booth_id)?;
            open_fair(state, booth.fair_id)?;
            may_unblock_booth(booth)?;
            vec![E::BoothUnblocked { booth_id }]
        }
        C::SetVirtualBooths { fair_id, count } => {
            let fair = open_fair(state, fair_id)?;
            if fair.details.mode == crate::fair::FairMode::Onsite {
                return Err(FloorPlanError::NotOnline.into());
            }
            virtual_booths_in_range(count)?;
            virtual_booths_cover_taken(state, fair_id, count)?;
            vec![E::VirtualBoothsSet { fair_id, count }]
        }
    })
}
