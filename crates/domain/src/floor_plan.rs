//! Floor plans (展位图): a hall of W × D metres on a 1 m grid, zones (展区) and booths (展位).
//! Onsite and hybrid fairs get a laid-out plan; online fairs get a number of virtual booths.
use imbl::OrdMap;
use serde::{Deserialize, Serialize};

use crate::envelope::{Actor, Role};
use crate::error::DomainError;
use crate::fair::{Fair, FairStatus};
use crate::ids::{BoothId, FairId, ZoneId};
use crate::state::State;

pub const MAX_HALL_METRES: u16 = 500;
pub const MIN_BOOTH_METRES: u16 = 2;
pub const MAX_BOOTH_METRES: u16 = 20;
pub const CODE_MAX_CHARS: usize = 10;
pub const ZONE_NAME_MAX_CHARS: usize = 40;
pub const MAX_VIRTUAL_BOOTHS: u32 = 100_000;

#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct Amenities {
    #[serde(default)]
    pub power: bool,
    #[serde(default)]
    pub table: bool,
    #[serde(default)]
    pub screen: bool,
}

/// A rectangle on the hall's grid, in metres from the top-left corner.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct Rect {
    pub x: u16,
    pub y: u16,
    pub w: u16,
    pub h: u16,
}

impl Rect {
    pub fn overlaps(&self, o: &Rect) -> bool {
        let (ax2, ay2) = (self.x as u32 + self.w as u32, self.y as u32 + self.h as u32);
        let (bx2, by2) = (o.x as u32 + o.w as u32, o.y as u32 + o.h as u32);
        (self.x as u32) < bx2 && (o.x as u32) < ax2 && (self.y as u32) < by2 && (o.y as u32) < ay2
    }
    pub fn inside(&self, width: u16, depth: u16) -> bool {
        self.x as u32 + self.w as u32 <= width as u32 && self.y as u32 + self.h as u32 <= depth as u32
    }
}

#[derive(Debug, Clone, Serialize, PartialEq, Eq, Hash)]
pub struct Zone {
    pub id: ZoneId,
    pub name: String,
}

#[derive(Debug, Clone, Serialize, PartialEq, Eq, Hash)]
pub struct Booth {
    pub id: BoothId,
    pub fair_id: FairId,
    pub zone_id: ZoneId,
    pub code: String,
    pub rect: Rect,
    pub amenities: Amenities,
    /// Blocked by the organizer (a pillar, a service desk), with the reason.
    pub blocked: Option<String>,
}

#[derive(Debug, Clone, Serialize, PartialEq, Eq, Default)]
pub struct FloorPlan {
    pub fair_id: Option<FairId>,
    pub width: u16,
    pub depth: u16,
    pub zones: OrdMap<ZoneId, Zone>,
    pub booths: OrdMap<BoothId, Booth>,
    /// Online fairs: how many virtual booths (no layout).
    pub virtual_booths: u32,
    /// How many of `booths` are blocked, kept by `evolve` so that counting bookable booths (the
    /// dashboard does it for every fair) needs no walk over the booths.
    pub blocked: u32,
}

impl FloorPlan {
    pub fn booths_in_zone(&self, zone: ZoneId) -> impl Iterator<Item = &Booth> {
        self.booths.values().filter(move |b| b.zone_id == zone)
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct NewBooth {
    pub booth_id: BoothId,
    pub zone_id: ZoneId,
    pub code: String,
    pub rect: Rect,
    #[serde(default)]
    pub amenities: Amenities,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub enum FloorPlanCommand {
    SizeHall {
        fair_id: FairId,
        width: u16,
        depth: u16,
    },
    AddZone {
        fair_id: FairId,
        zone_id: ZoneId,
        name: String,
    },
    RenameZone {
        fair_id: FairId,
        zone_id: ZoneId,
        name: String,
    },
    RemoveZone {
        fair_id: FairId,
        zone_id: ZoneId,
    },
    AddBooth {
        fair_id: FairId,
        booth: NewBooth,
    },
    /// Add many booths at once (a drawn row, a template); all or nothing.
    AddBooths {
        fair_id: FairId,
        booths: Vec<NewBooth>,
    },
    MoveBooth {
        booth_id: BoothId,
        x: u16,
        y: u16,
    },
    ResizeBooth {
        booth_id: BoothId,
        w: u16,
        h: u16,
    },
    RemoveBooth {
        booth_id: BoothId,
    },
    SetAmenities {
        booth_id: BoothId,
        amenities: Amenities,
    },
    BlockBooth {
        booth_id: BoothId,
        reason: String,
    },
    UnblockBooth {
        booth_id: BoothId,
    },
    SetVirtualBooths {
        fair_id: FairId,
        count: u32,
    },
}

impl FloorPlanCommand {
    pub fn name(&self) -> &'static str {
        match self {
            FloorPlanCommand::SizeHall { .. } => "SizeHall",
            FloorPlanCommand::AddZone { .. } => "AddZone",
            FloorPlanCommand::RenameZone { .. } => "RenameZone",
            FloorPlanCommand::RemoveZone { .. } => "RemoveZone",
            FloorPlanCommand::AddBooth { .. } => "AddBooth",
            FloorPlanCommand::AddBooths { .. } => "AddBooths",
            FloorPlanCommand::MoveBooth { .. } => "MoveBooth",
            FloorPlanCommand::ResizeBooth { .. } => "ResizeBooth",
            FloorPlanCommand::RemoveBooth { .. } => "RemoveBooth",
            FloorPlanCommand::SetAmenities { .. } => "SetAmenities",
            FloorPlanCommand::BlockBooth { .. } => "BlockBooth",
            FloorPlanCommand::UnblockBooth { .. } => "UnblockBooth",
            FloorPlanCommand::SetVirtualBooths { .. } => "SetVirtualBooths",
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub enum FloorPlanEvent {
    HallSized { fair_id: FairId, width: u16, depth: u16 },
    ZoneAdded { fair_id: FairId, zone_id: ZoneId, name: String },
    ZoneRenamed { fair_id: FairId, zone_id: ZoneId, name: String },
    ZoneRemoved { fair_id: FairId, zone_id: ZoneId },
    BoothAdded { fair_id: FairId, booth: NewBooth },
    BoothMoved { booth_id: BoothId, x: u16, y: u16 },
    BoothResized { booth_id: BoothId, w: u16, h: u16 },
    BoothRemoved { booth_id: BoothId },
    AmenitiesSet { booth_id: BoothId, amenities: Amenities },
    BoothBlocked { booth_id: BoothId, reason: String },
    BoothUnblocked { booth_id: BoothId },
    VirtualBoothsSet { fair_id: FairId, count: u32 },
}

impl FloorPlanEvent {
    pub fn type_name(&self) -> &'static str {
        match self {
            FloorPlanEvent::HallSized { .. } => "HallSized",
            FloorPlanEvent::ZoneAdded { .. } => "ZoneAdded",
            FloorPlanEvent::ZoneRenamed { .. } => "ZoneRenamed",
            FloorPlanEvent::ZoneRemoved { .. } => "ZoneRemoved",
            FloorPlanEvent::BoothAdded { .. } => "BoothAdded",
            FloorPlanEvent::BoothMoved { .. } => "BoothMoved",
            FloorPlanEvent::BoothResized { .. } => "BoothResized",
            FloorPlanEvent::BoothRemoved { .. } => "BoothRemoved",
            FloorPlanEvent::AmenitiesSet { .. } => "AmenitiesSet",
            FloorPlanEvent::BoothBlocked { .. } => "BoothBlocked",
            FloorPlanEvent::BoothUnblocked { .. } => "BoothUnblocked",
            FloorPlanEvent::VirtualBoothsSet { .. } => "VirtualBoothsSet",
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, thiserror::Error)]
#[serde(rename_all = "snake_case")]
pub enum FloorPlanError {
    #[error("no such fair")]
    FairNotFound,
    #[error("the fair is closed or cancelled; its floor plan can no longer change")]
    FairNotOpen,
    #[error("an online fair has virtual booths, not a floor plan")]
    OnlineFairHasNoLayout,
    #[error("only online and hybrid fairs have virtual booths")]
    NotOnline,
    #[error("the hall must be between 1 and {max} metres each way")]
    HallSizeOutOfRange { max: u16 },
    #[error("the hall cannot be smaller than the booths on it (booth {code} would be outside)")]
    HallTooSmall { code: String },
    #[error("size the hall before adding booths")]
    NoHall,
    #[error("no such zone")]
    ZoneNotFound,
    #[error("a zone with this id already exists")]
    ZoneExists,
    #[error("a zone needs a name")]
    ZoneNameRequired,
    #[error("the zone name is longer than {max} characters")]
    ZoneNameTooLong { max: usize },
    #[error("the zone still has {booths} booths")]
    ZoneNotEmpty { booths: usize },
    #[error("no such booth")]
    BoothNotFound,
    #[error("a booth with this id already exists")]
    BoothExists,
    #[error("a booth needs a code such as A-12")]
    CodeRequired,
    #[error("the booth code is longer than {max} characters")]
    CodeTooLong { max: usize },
    #[error("booth code {code} is already used at this fair")]
    DuplicateCode { code: String },
    #[error("a booth is between {min} and {max} metres each way")]
    BoothSizeOutOfRange { min: u16, max: u16 },
    #[error("the booth would stand outside the hall ({width} × {depth} m)")]
    OutsideHall { width: u16, depth: u16 },
    #[error("the booth would overlap booth {code}")]
    Overlap { code: String },
    #[error("booth {code} is booked or requested; release it first")]
    BoothInUse { code: String },
    #[error("the booth is already blocked")]
    AlreadyBlocked,
    #[error("the booth is not blocked")]
    NotBlocked,
    #[error("a reason is required")]
    ReasonRequired,
    #[error("at most {max} virtual booths")]
    TooManyVirtualBooths { max: u32 },
    #[error("{taken} virtual booths are already taken")]
    VirtualBoothsInUse { taken: u32 },
}

impl FloorPlanError {
    pub fn field(&self) -> Option<&'static str> {
        use FloorPlanError::*;
        Some(match self {
            HallSizeOutOfRange { .. } | HallTooSmall { .. } => "hall",
            ZoneNameRequired | ZoneNameTooLong { .. } => "zone_name",
            CodeRequired | CodeTooLong { .. } | DuplicateCode { .. } => "code",
            BoothSizeOutOfRange { .. } => "size",
            OutsideHall { .. } | Overlap { .. } => "position",
            ReasonRequired => "reason",
            TooManyVirtualBooths { .. } | VirtualBoothsInUse { .. } => "virtual",
            _ => return None,
        })
    }
}

type Result<T> = std::result::Result<T, DomainError>;

fn open_fair(state: &State, fair_id: FairId) -> std::result::Result<&Fair, FloorPlanError> {
    let fair = state.fairs.get(&fair_id).ok_or(FloorPlanError::FairNotFound)?;
    if matches!(fair.status, FairStatus::Closed | FairStatus::Cancelled { .. }) {
        return Err(FloorPlanError::FairNotOpen);
    }
    Ok(fair)
}

fn laid_out_fair(state: &State, fair_id: FairId) -> std::result::Result<&Fair, FloorPlanError> {
    let fair = open_fair(state, fair_id)?;
    if !fair.details.mode.is_physical() {
        return Err(FloorPlanError::OnlineFairHasNoLayout);
    }
    Ok(fair)
}

fn booth_of(state: &State, id: BoothId) -> std::result::Result<(&FloorPlan, &Booth), FloorPlanError> {
    let fair_id = state.booth_fair.get(&id).ok_or(FloorPlanError::BoothNotFound)?;
    let plan = state.floor_plans.get(fair_id).ok_or(FloorPlanError::BoothNotFound)?;
    let booth = plan.booths.get(&id).ok_or(FloorPlanError::BoothNotFound)?;
    Ok((plan, booth))
}

/// Check a booth's rectangle against the hall and every other booth of the plan.
fn check_place(plan: &FloorPlan, rect: &Rect, ignore: Option<BoothId>) -> std::result::Result<(), FloorPlanError> {
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

fn clean_code(code: &str) -> std::result::Result<String, FloorPlanError> {
    let code = code.trim().to_uppercase();
    if code.is_empty() {
        return Err(FloorPlanError::CodeRequired);
    }
    if code.chars().count() > CODE_MAX_CHARS {
        return Err(FloorPlanError::CodeTooLong { max: CODE_MAX_CHARS });
    }
    Ok(code)
}

fn clean_zone_name(name: &str) -> std::result::Result<String, FloorPlanError> {
    let name = name.trim();
    if name.is_empty() {
        return Err(FloorPlanError::ZoneNameRequired);
    }
    if name.chars().count() > ZONE_NAME_MAX_CHARS {
        return Err(FloorPlanError::ZoneNameTooLong { max: ZONE_NAME_MAX_CHARS });
    }
    Ok(name.to_owned())
}

fn in_use(state: &State, booth: &Booth) -> std::result::Result<(), FloorPlanError> {
    if state.booth_taken.contains_key(&booth.id) {
        return Err(FloorPlanError::BoothInUse { code: booth.code.clone() });
    }
    Ok(())
}

/// Validate new booths against the plan (and each other) and return them cleaned.
fn check_new_booths(
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

fn new_booth(fair_id: FairId, b: &NewBooth) -> Booth {
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

pub(crate) fn decide(state: &State, actor: &Actor, cmd: FloorPlanCommand) -> Result<Vec<FloorPlanEvent>> {
    if actor.role != Role::Organizer {
        return Err(DomainError::Forbidden { role: actor.role, command: cmd.name().into() });
    }
    use FloorPlanCommand as C;
    use FloorPlanEvent as E;
    Ok(match cmd {
        C::SizeHall { fair_id, width, depth } => {
            laid_out_fair(state, fair_id)?;
            if width == 0 || depth == 0 || width > MAX_HALL_METRES || depth > MAX_HALL_METRES {
                return Err(FloorPlanError::HallSizeOutOfRange { max: MAX_HALL_METRES }.into());
            }
            if let Some(plan) = state.floor_plans.get(&fair_id) {
                if let Some(b) = plan.booths.values().find(|b| !b.rect.inside(width, depth)) {
                    return Err(FloorPlanError::HallTooSmall { code: b.code.clone() }.into());
                }
                if plan.width == width && plan.depth == depth {
                    return Ok(vec![]);
                }
            }
            vec![E::HallSized { fair_id, width, depth }]
        }
        C::AddZone { fair_id, zone_id, name } => {
            laid_out_fair(state, fair_id)?;
            if state.floor_plans.get(&fair_id).is_some_and(|p| p.zones.contains_key(&zone_id)) {
                return Err(FloorPlanError::ZoneExists.into());
            }
            vec![E::ZoneAdded { fair_id, zone_id, name: clean_zone_name(&name)? }]
        }
        C::RenameZone { fair_id, zone_id, name } => {
            laid_out_fair(state, fair_id)?;
            let zone = state
                .floor_plans
                .get(&fair_id)
                .and_then(|p| p.zones.get(&zone_id))
                .ok_or(FloorPlanError::ZoneNotFound)?;
            let name = clean_zone_name(&name)?;
            if zone.name == name {
                return Ok(vec![]);
            }
            vec![E::ZoneRenamed { fair_id, zone_id, name }]
        }
        C::RemoveZone { fair_id, zone_id } => {
            laid_out_fair(state, fair_id)?;
            let plan = state.floor_plans.get(&fair_id).ok_or(FloorPlanError::ZoneNotFound)?;
            if !plan.zones.contains_key(&zone_id) {
                return Err(FloorPlanError::ZoneNotFound.into());
            }
            let booths = plan.booths_in_zone(zone_id).count();
            if booths > 0 {
                return Err(FloorPlanError::ZoneNotEmpty { booths }.into());
            }
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
            if booth.blocked.is_some() {
                return Err(FloorPlanError::AlreadyBlocked.into());
            }
            in_use(state, booth)?;
            let reason = reason.trim();
            if reason.is_empty() {
                return Err(FloorPlanError::ReasonRequired.into());
            }
            vec![E::BoothBlocked { booth_id, reason: reason.into() }]
        }
        C::UnblockBooth { booth_id } => {
            let (_, booth) = booth_of(state, booth_id)?;
            open_fair(state, booth.fair_id)?;
            if booth.blocked.is_none() {
                return Err(FloorPlanError::NotBlocked.into());
            }
            vec![E::BoothUnblocked { booth_id }]
        }
        C::SetVirtualBooths { fair_id, count } => {
            let fair = open_fair(state, fair_id)?;
            if fair.details.mode == crate::fair::FairMode::Onsite {
                return Err(FloorPlanError::NotOnline.into());
            }
            if count > MAX_VIRTUAL_BOOTHS {
                return Err(FloorPlanError::TooManyVirtualBooths { max: MAX_VIRTUAL_BOOTHS }.into());
            }
            let taken = state.virtual_taken.get(&fair_id).copied().unwrap_or(0);
            if count < taken {
                return Err(FloorPlanError::VirtualBoothsInUse { taken }.into());
            }
            vec![E::VirtualBoothsSet { fair_id, count }]
        }
    })
}

fn plan_mut(state: &mut State, fair_id: FairId) -> &mut FloorPlan {
    state.floor_plans.entry(fair_id).or_insert_with(|| FloorPlan { fair_id: Some(fair_id), ..FloorPlan::default() })
}

fn booth_mut(state: &mut State, booth_id: BoothId) -> Option<&mut Booth> {
    let fair_id = *state.booth_fair.get(&booth_id)?;
    state.floor_plans.get_mut(&fair_id)?.booths.get_mut(&booth_id)
}

fn set_blocked(state: &mut State, booth_id: BoothId, reason: Option<String>) {
    let Some(fair_id) = state.booth_fair.get(&booth_id).copied() else { return };
    let Some(plan) = state.floor_plans.get_mut(&fair_id) else { return };
    let Some(b) = plan.booths.get_mut(&booth_id) else { return };
    let (was, now) = (b.blocked.is_some(), reason.is_some());
    b.blocked = reason;
    plan.blocked = plan.blocked + now as u32 - was as u32;
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
                plan.blocked -= old.blocked.is_some() as u32;
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
                        plan.blocked -= old.blocked.is_some() as u32;
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

/// Would this event still be a valid fact on `state`? (See `fair::check`.)
pub(crate) fn check(state: &State, event: &FloorPlanEvent) -> std::result::Result<(), FloorPlanError> {
    use FloorPlanEvent as E;
    let booth = |id: &BoothId| booth_of(state, *id);
    match event {
        E::HallSized { fair_id, width, depth } => {
            laid_out_fair(state, *fair_id)?;
            match state
                .floor_plans
                .get(fair_id)
                .and_then(|p| p.booths.values().find(|b| !b.rect.inside(*width, *depth)))
            {
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::fair::FairEvent;
    use crate::testing::{given, xuhui_fair};
    use crate::Event;

    fn fair() -> FairId {
        FairId::from_u128(1)
    }
    fn zone() -> ZoneId {
        ZoneId::from_u128(10)
    }
    fn booth(n: u128) -> BoothId {
        BoothId::from_u128(100 + n)
    }
    fn nb(n: u128, code: &str, x: u16, y: u16) -> NewBooth {
        NewBooth {
            booth_id: booth(n),
            zone_id: zone(),
            code: code.into(),
            rect: Rect { x, y, w: 3, h: 3 },
            amenities: Amenities::default(),
        }
    }
    fn hall() -> Vec<Event> {
        vec![
            FairEvent::FairCreated { fair_id: fair(), details: xuhui_fair("徐汇区春季招聘会") }.into(),
            FloorPlanEvent::HallSized { fair_id: fair(), width: 30, depth: 20 }.into(),
            FloorPlanEvent::ZoneAdded { fair_id: fair(), zone_id: zone(), name: "先进制造A馆".into() }.into(),
        ]
    }
    fn with_booth() -> Vec<Event> {
        let mut h = hall();
        h.push(FloorPlanEvent::BoothAdded { fair_id: fair(), booth: nb(1, "A-01", 0, 0) }.into());
        h
    }

    #[test]
    fn it_should_add_a_booth_with_an_upper_case_code() {
        given(hall())
            .when(FloorPlanCommand::AddBooth { fair_id: fair(), booth: nb(1, " a-01 ", 0, 0) })
            .then([FloorPlanEvent::BoothAdded { fair_id: fair(), booth: nb(1, "A-01", 0, 0) }]);
    }

    #[test]
    fn it_should_not_add_a_booth_before_the_hall_is_sized() {
        let events: Vec<Event> = vec![FairEvent::FairCreated { fair_id: fair(), details: xuhui_fair("x") }.into()];
        given(events)
            .when(FloorPlanCommand::AddBooth { fair_id: fair(), booth: nb(1, "A-01", 0, 0) })
            .then_err(FloorPlanError::NoHall);
    }

    #[test]
    fn it_should_not_place_a_booth_outside_the_hall() {
        given(hall())
            .when(FloorPlanCommand::AddBooth { fair_id: fair(), booth: nb(1, "A-01", 28, 0) })
            .then_err(FloorPlanError::OutsideHall { width: 30, depth: 20 });
    }

    #[test]
    fn it_should_not_overlap_booths() {
        given(with_booth())
            .when(FloorPlanCommand::AddBooth { fair_id: fair(), booth: nb(2, "A-02", 2, 2) })
            .then_err(FloorPlanError::Overlap { code: "A-01".into() });
    }

    #[test]
    fn booths_may_touch() {
        given(with_booth())
            .when(FloorPlanCommand::AddBooth { fair_id: fair(), booth: nb(2, "A-02", 3, 0) })
            .then([FloorPlanEvent::BoothAdded { fair_id: fair(), booth: nb(2, "A-02", 3, 0) }]);
    }

    #[test]
    fn it_should_refuse_a_duplicate_code() {
        given(with_booth())
            .when(FloorPlanCommand::AddBooth { fair_id: fair(), booth: nb(2, "a-01", 10, 10) })
            .then_err(FloorPlanError::DuplicateCode { code: "A-01".into() });
    }

    #[test]
    fn a_batch_of_booths_is_checked_against_itself() {
        given(hall())
            .when(FloorPlanCommand::AddBooths {
                fair_id: fair(),
                booths: vec![nb(1, "A-01", 0, 0), nb(2, "A-02", 1, 1)],
            })
            .then_err(FloorPlanError::Overlap { code: "A-01".into() });
    }

    #[test]
    fn it_should_move_a_booth_but_not_onto_another() {
        let mut e = with_booth();
        e.push(FloorPlanEvent::BoothAdded { fair_id: fair(), booth: nb(2, "A-02", 10, 0) }.into());
        given(e.clone())
            .when(FloorPlanCommand::MoveBooth { booth_id: booth(2), x: 10, y: 5 })
            .then([FloorPlanEvent::BoothMoved { booth_id: booth(2), x: 10, y: 5 }]);
        given(e)
            .when(FloorPlanCommand::MoveBooth { booth_id: booth(2), x: 1, y: 1 })
            .then_err(FloorPlanError::Overlap { code: "A-01".into() });
    }

    #[test]
    fn it_should_resize_within_limits() {
        given(with_booth())
            .when(FloorPlanCommand::ResizeBooth { booth_id: booth(1), w: 3, h: 6 })
            .then([FloorPlanEvent::BoothResized { booth_id: booth(1), w: 3, h: 6 }]);
        given(with_booth())
            .when(FloorPlanCommand::ResizeBooth { booth_id: booth(1), w: 1, h: 6 })
            .then_err(FloorPlanError::BoothSizeOutOfRange { min: MIN_BOOTH_METRES, max: MAX_BOOTH_METRES });
    }

    #[test]
    fn the_hall_cannot_shrink_under_a_booth() {
        let mut e = with_booth();
        e.push(FloorPlanEvent::BoothMoved { booth_id: booth(1), x: 20, y: 10 }.into());
        given(e)
            .when(FloorPlanCommand::SizeHall { fair_id: fair(), width: 20, depth: 20 })
            .then_err(FloorPlanError::HallTooSmall { code: "A-01".into() });
    }

    #[test]
    fn an_online_fair_has_no_layout_but_virtual_booths() {
        let mut d = xuhui_fair("线上招聘会");
        d.mode = crate::fair::FairMode::Online;
        d.venue = None;
        let e: Vec<Event> = vec![FairEvent::FairCreated { fair_id: fair(), details: d }.into()];
        given(e.clone())
            .when(FloorPlanCommand::SizeHall { fair_id: fair(), width: 10, depth: 10 })
            .then_err(FloorPlanError::OnlineFairHasNoLayout);
        given(e)
            .when(FloorPlanCommand::SetVirtualBooths { fair_id: fair(), count: 200 })
            .then([FloorPlanEvent::VirtualBoothsSet { fair_id: fair(), count: 200 }]);
    }

    #[test]
    fn a_zone_with_booths_cannot_be_removed() {
        given(with_booth())
            .when(FloorPlanCommand::RemoveZone { fair_id: fair(), zone_id: zone() })
            .then_err(FloorPlanError::ZoneNotEmpty { booths: 1 });
    }

    #[test]
    fn blocking_needs_a_reason() {
        given(with_booth())
            .when(FloorPlanCommand::BlockBooth { booth_id: booth(1), reason: " ".into() })
            .then_err(FloorPlanError::ReasonRequired);
    }

    #[test]
    fn rectangles_overlap_only_when_they_share_area() {
        let a = Rect { x: 0, y: 0, w: 3, h: 3 };
        assert!(a.overlaps(&Rect { x: 2, y: 2, w: 3, h: 3 }));
        assert!(!a.overlaps(&Rect { x: 3, y: 0, w: 3, h: 3 }));
        assert!(!a.overlaps(&Rect { x: 0, y: 3, w: 3, h: 3 }));
        assert!(a.overlaps(&Rect { x: 1, y: 1, w: 1, h: 1 }));
    }
}
