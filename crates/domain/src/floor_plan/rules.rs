use super::*;

pub(crate) fn open_fair(state: &State, fair_id: FairId) -> std::result::Result<&Fair, FloorPlanError> {
    let fair = state.fairs.get(&fair_id).ok_or(FloorPlanError::FairNotFound)?;
    if !crate::fair::fair_is_open(&fair.status) {
        return Err(FloorPlanError::FairNotOpen);
    }
    Ok(fair)
}

pub(crate) fn laid_out_fair(state: &State, fair_id: FairId) -> std::result::Result<&Fair, FloorPlanError> {
    let fair = open_fair(state, fair_id)?;
    if !fair.details.mode.is_physical() {
        return Err(FloorPlanError::OnlineFairHasNoLayout);
    }
    Ok(fair)
}

pub(crate) fn booth_of(state: &State, id: BoothId) -> std::result::Result<(&FloorPlan, &Booth), FloorPlanError> {
    let fair_id = state.booth_fair.get(&id).ok_or(FloorPlanError::BoothNotFound)?;
    let plan = state.floor_plans.get(fair_id).ok_or(FloorPlanError::BoothNotFound)?;
    let booth = plan.booths.get(&id).ok_or(FloorPlanError::BoothNotFound)?;
    Ok((plan, booth))
}

/// The booth that would stick out furthest past a hall of `width` × `depth` metres (the one the
/// organizer has to move first), or `None` when every booth fits. Ties go to the lower code, so
/// the answer does not depend on id order.
pub fn booth_sticking_out(plan: &FloorPlan, width: u16, depth: u16) -> Option<&Booth> {
    let overshoot = |b: &Booth| {
        let right = (b.rect.x as u32 + b.rect.w as u32).saturating_sub(width as u32);
        let bottom = (b.rect.y as u32 + b.rect.h as u32).saturating_sub(depth as u32);
        right.max(bottom)
    };
    plan.booths
        .values()
        .filter(|b| !b.rect.inside(width, depth))
        .max_by(|a, b| overshoot(a).cmp(&overshoot(b)).then_with(|| b.code.cmp(&a.code)))
}

/// Check a booth's rectangle against the hall and every other booth of the plan.
pub(crate) fn check_place(
    plan: &FloorPlan,
    rect: &Rect,
    ignore: Option<BoothId>,
) -> std::result::Result<(), FloorPlanError> {
    let ok = |v: u16| (MIN_BOOTH_METRES..=MAX_BOOTH_METRES).contains(&v);
    if !ok(rect.w) || !ok(rect.h) {
        return Err(FloorPlanError::BoothSizeOutOfRange { min: MIN_BOOTH_METRES, max: MAX_BOOTH_METRES });
    }
    if !rect.inside(plan.width, plan.depth) {
        return Err(FloorPlanError::OutsideHall { width: plan.width, depth: plan.depth });
    }
    if let Some(other) = plan.booths.values().find(|b| Some(b.id) != ignore && b.rect.overlaps(rect)) {
        return Err(FloorPlanError::Overlap { code: other.code.clone() });
    }
    Ok(())
}

pub(crate) fn hall_size_in_range(width: u16, depth: u16) -> std::result::Result<(), FloorPlanError> {
    if width == 0 || depth == 0 || width > MAX_HALL_METRES || depth > MAX_HALL_METRES {
        return Err(FloorPlanError::HallSizeOutOfRange { max: MAX_HALL_METRES });
    }
    Ok(())
}

pub(crate) fn virtual_booths_in_range(count: u32) -> std::result::Result<(), FloorPlanError> {
    if count > MAX_VIRTUAL_BOOTHS {
        return Err(FloorPlanError::TooManyVirtualBooths { max: MAX_VIRTUAL_BOOTHS });
    }
    Ok(())
}

/// A booth is blocked for a reason, and the reason is as short as a zone's name.
pub(crate) fn clean_block_reason(reason: &str) -> std::result::Result<String, FloorPlanError> {
    let reason = reason.trim();
    if reason.is_empty() {
        return Err(FloorPlanError::ReasonRequired);
    }
    Ok(reason.into())
}

pub(crate) fn clean_code(code: &str) -> std::result::Result<String, FloorPlanError> {
    let code = code.trim().to_uppercase();
    if code.is_empty() {
        return Err(FloorPlanError::CodeRequired);
    }
    if code.chars().count() > CODE_MAX_CHARS {
        return Err(FloorPlanError::CodeTooLong { max: CODE_MAX_CHARS });
    }
    Ok(code)
}

pub(crate) fn clean_zone_name(name: &str) -> std::result::Result<String, FloorPlanError> {
    let name = name.trim();
    if name.is_empty() {
        return Err(FloorPlanError::ZoneNameRequired);
    }
    if name.chars().count() > ZONE_NAME_MAX_CHARS {
        return Err(FloorPlanError::ZoneNameTooLong { max: ZONE_NAME_MAX_CHARS });
    }
    Ok(name.to_owned())
}

pub(crate) fn in_use(state: &State, booth: &Booth) -> std::result::Result<(), FloorPlanError> {
    if state.booth_taken.contains_key(&booth.id) {
        return Err(FloorPlanError::BoothInUse { code: booth.code.clone() });
    }
    Ok(())
}

/// Validate new booths against the plan (and each other) and return them cleaned.
pub(crate) fn check_new_booths(
    state: &State,
    fair_id: FairId,
    booths: Vec<NewBooth>,
) -> std::result::Result<Vec<NewBooth>, FloorPlanError> {
    laid_out_fair(state, fair_id)?;
    let mut plan = state.floor_plans.get(&fair_id).cloned().ok_or(FloorPlanError::NoHall)?;
    if plan.width == 0 {
        return Err(FloorPlanError::NoHall);
    }
    let mut out = Vec::with_capacity(booths.len());
    for mut b in booths {
        if state.booth_fair.contains_key(&b.booth_id) || plan.booths.contains_key(&b.booth_id) {
            return Err(FloorPlanError::BoothExists);
        }
        if !plan.zones.contains_key(&b.zone_id) {
            return Err(FloorPlanError::ZoneNotFound);
        }
        b.code = clean_code(&b.code)?;
        if plan.booths.values().any(|o| o.code == b.code) {
            return Err(FloorPlanError::DuplicateCode { code: b.code });
        }
        check_place(&plan, &b.rect, None)?;
        plan.booths.insert(b.booth_id, new_booth(fair_id, &b));
        out.push(b);
    }
    Ok(out)
}

pub(crate) fn new_booth(fair_id: FairId, b: &NewBooth) -> Booth {
    Booth {
        id: b.booth_id,
        fair_id,
        zone_id: b.zone_id,
        code: b.code.clone(),
        rect: b.rect,
        amenities: b.amenities,
        blocked: None,
    }
}

/// A hall may shrink only while every booth still fits inside it.
pub fn hall_holds_booths(
    state: &State,
    fair_id: FairId,
    width: u16,
    depth: u16,
) -> std::result::Result<(), FloorPlanError> {
    match state.floor_plans.get(&fair_id).and_then(|p| booth_sticking_out(p, width, depth)) {
        Some(b) => Err(FloorPlanError::HallTooSmall { code: b.code.clone() }),
        None => Ok(()),
    }
}

/// A zone id is added to a fair's plan once.
pub fn zone_is_new(state: &State, fair_id: FairId, zone_id: ZoneId) -> std::result::Result<(), FloorPlanError> {
    if state.floor_plans.get(&fair_id).is_some_and(|p| p.zones.contains_key(&zone_id)) {
        Err(FloorPlanError::ZoneExists)
    } else {
        Ok(())
    }
}

/// The zone a command or event is about must be on the fair's plan.
pub fn existing_zone(state: &State, fair_id: FairId, zone_id: ZoneId) -> std::result::Result<&Zone, FloorPlanError> {
    state.floor_plans.get(&fair_id).and_then(|p| p.zones.get(&zone_id)).ok_or(FloorPlanError::ZoneNotFound)
}

/// A zone is removed only when it exists and no booth is left in it.
pub fn may_remove_zone(state: &State, fair_id: FairId, zone_id: ZoneId) -> std::result::Result<(), FloorPlanError> {
    existing_zone(state, fair_id, zone_id)?;
    let booths = state.floor_plans.get(&fair_id).map_or(0, |p| p.booths_in_zone(zone_id).count());
    if booths > 0 {
        return Err(FloorPlanError::ZoneNotEmpty { booths });
    }
    Ok(())
}

/// A booth is blocked once.
pub fn may_block_booth(b: &Booth) -> std::result::Result<(), FloorPlanError> {
    if b.blocked.is_some() {
        Err(FloorPlanError::AlreadyBlocked)
    } else {
        Ok(())
    }
}

/// Only a blocked booth is unblocked.
pub fn may_unblock_booth(b: &Booth) -> std::result::Result<(), FloorPlanError> {
    if b.blocked.is_none() {
        Err(FloorPlanError::NotBlocked)
    } else {
        Ok(())
    }
}

/// The virtual booths may not be fewer than those taken.
pub fn virtual_booths_cover_taken(
    state: &State,
    fair_id: FairId,
    count: u32,
) -> std::result::Result<(), FloorPlanError> {
    let taken = state.virtual_taken.get(&fair_id).copied().unwrap_or(0);
    if count < taken {
        return Err(FloorPlanError::VirtualBoothsInUse { taken });
    }
    Ok(())
}
