//! Floor plans (展位图): a hall of W × D metres on a 1 m grid, zones (展区) and booths (展位).
//! Onsite and hybrid fairs get a laid-out plan; online fairs get a number of virtual booths.
use imbl::OrdMap;
use serde::{Deserialize, Serialize};

use crate::envelope::Actor;
use crate::error::DomainError;
use crate::fair::Fair;
use crate::ids::{BoothId, FairId, ZoneId};
use crate::state::State;

mod check;
mod decide;
mod evolve;
mod rules;
pub(crate) use self::check::*;
pub(crate) use self::decide::*;
pub(crate) use self::evolve::*;
pub(crate) use self::rules::*;

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

#[derive(Debug, Clone, Serialize, PartialEq, Eq, Hash, serde::Deserialize)]
pub struct Zone {
    pub id: ZoneId,
    pub name: String,
}

#[derive(Debug, Clone, Serialize, PartialEq, Eq, Hash, serde::Deserialize)]
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

#[derive(Debug, Clone, Serialize, PartialEq, Eq, Default, serde::Deserialize)]
pub struct FloorPlan {
    pub fair_id: Option<FairId>,
    pub width: u16,
    pub depth: u16,
    #[serde(deserialize_with = "crate::snapshot::cautious::map")]
    pub zones: OrdMap<ZoneId, Zone>,
    #[serde(deserialize_with = "crate::snapshot::cautious::map")]
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

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, strum::IntoStaticStr)]
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
    /// The variant's name (`strum::IntoStaticStr`).
    pub fn name(&self) -> &'static str {
        self.into()
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, strum::IntoStaticStr)]
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
    /// The variant's name (`strum::IntoStaticStr`).
    pub fn type_name(&self) -> &'static str {
        self.into()
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, thiserror::Error, strum::IntoStaticStr)]
#[strum(serialize_all = "snake_case")]
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

#[cfg(test)]
mod tests;
