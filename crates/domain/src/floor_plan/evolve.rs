use super::*;

pub(crate) fn plan_mut(state: &mut State, fair_id: FairId) -> &mut FloorPlan {
    state.floor_plans.entry(fair_id).or_insert_with(|| FloorPlan { fair_id: Some(fair_id), ..FloorPlan::default() })
}

pub(crate) fn booth_mut(state: &mut State, booth_id: BoothId) -> Option<&mut Booth> {
    let fair_id = *state.booth_fair.get(&booth_id)?;
    state.floor_plans.get_mut(&fair_id)?.booths.get_mut(&booth_id)
}

pub(crate) fn set_blocked(state: &mut State, booth_id: BoothId, reason: Option<String>) {
    let Some(fair_id) = state.booth_fair.get(&booth_id).copied() else { return };
    let Some(plan) = state.floor_plans.get_mut(&fair_id) else { return };
    let Some(b) = plan.booths.get_mut(&booth_id) else { return };
    let (was, now) = (b.blocked.is_some(), reason.is_some());
    b.blocked = reason;
    plan.blocked = (plan.blocked + now as u32).saturating_sub(was as u32);
}

pub(crate) fn evolve(state: &mut State, event: &FloorPlanEvent) {
    use FloorPlanEvent as E;
    match event {
        E::HallSized { fair_id, width, depth } => {
            let plan = plan_mut(state, *fair_id);
            plan.width = *width;
            plan.depth = *depth;
        }
        E::ZoneAdded { fair_id, zone_id, name } => {
            plan_mut(state, *fair_id).zones.insert(*zone_id, Zone { id: *zone_id, name: name.clone() });
        }
        E::ZoneRenamed { fair_id, zone_id, name } => {
            if let Some(z) = plan_mut(state, *fair_id).zones.get_mut(zone_id) {
                z.name = name.clone();
            }
        }
        E::ZoneRemoved { fair_id, zone_id } => {
            plan_mut(state, *fair_id).zones.remove(zone_id);
        }
        E::BoothAdded { fair_id, booth } => {
            let plan = plan_mut(state, *fair_id);
            if let Some(old) = plan.booths.insert(booth.booth_id, new_booth(*fair_id, booth)) {
                plan.blocked = plan.blocked.saturating_sub(old.blocked.is_some() as u32);
            }
            state.booth_fair.insert(booth.booth_id, *fair_id);
        }
        E::BoothMoved { booth_id, x, y } => {
            if let Some(b) = booth_mut(state, *booth_id) {
                b.rect.x = *x;
                b.rect.y = *y;
            }
        }
        E::BoothResized { booth_id, w, h } => {
            if let Some(b) = booth_mut(state, *booth_id) {
                b.rect.w = *w;
                b.rect.h = *h;
            }
        }
        E::BoothRemoved { booth_id } => {
            if let Some(fair_id) = state.booth_fair.remove(booth_id) {
                if let Some(plan) = state.floor_plans.get_mut(&fair_id) {
                    if let Some(old) = plan.booths.remove(booth_id) {
                        plan.blocked = plan.blocked.saturating_sub(old.blocked.is_some() as u32);
                    }
                }
            }
        }
        E::AmenitiesSet { booth_id, amenities } => {
            if let Some(b) = booth_mut(state, *booth_id) {
                b.amenities = *amenities;
            }
        }
        E::BoothBlocked { booth_id, reason } => set_blocked(state, *booth_id, Some(reason.clone())),
        E::BoothUnblocked { booth_id } => set_blocked(state, *booth_id, None),
        E::VirtualBoothsSet { fair_id, count } => plan_mut(state, *fair_id).virtual_booths = *count,
    }
}
