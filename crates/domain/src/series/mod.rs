//! Series (系列活动) that group fairs: "Thousands of Enterprises, Thousands of Posts" (千企万岗),
//! industry special series, recruitment tours to partner regions, seasonal campaigns.
use serde::{Deserialize, Serialize};

use crate::envelope::{EventEnvelope, Role};
use crate::error::DomainError;
use crate::ids::SeriesId;
use crate::state::State;

mod check;
mod decide;
mod evolve;
mod rules;
pub(crate) use self::check::*;
pub(crate) use self::decide::*;
pub(crate) use self::evolve::*;
pub use self::rules::*;

pub const NAME_MAX_CHARS: usize = 80;

#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum SeriesKind {
    /// 千企万岗
    ThousandsOfPosts,
    /// An industry special series (专场).
    IndustrySpecial,
    /// A recruitment tour / labour cooperation with a partner region (劳务协作).
    RecruitmentTour { partner_region: String },
    /// A seasonal campaign such as the spring employment action (春季促进就业专项行动).
    Campaign,
}

impl SeriesKind {
    pub fn key(&self) -> &'static str {
        match self {
            SeriesKind::ThousandsOfPosts => "thousands_of_posts",
            SeriesKind::IndustrySpecial => "industry_special",
            SeriesKind::RecruitmentTour { .. } => "recruitment_tour",
            SeriesKind::Campaign => "campaign",
        }
    }
}

#[derive(Debug, Clone, Serialize, PartialEq, Eq, Hash, serde::Deserialize)]
pub struct Series {
    pub id: SeriesId,
    pub name: String,
    pub kind: SeriesKind,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, strum::IntoStaticStr)]
pub enum SeriesCommand {
    CreateSeries { series_id: SeriesId, name: String, kind: SeriesKind },
    RenameSeries { series_id: SeriesId, name: String },
}

impl SeriesCommand {
    /// The variant's name (`strum::IntoStaticStr`).
    pub fn name(&self) -> &'static str {
        self.into()
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, strum::IntoStaticStr)]
pub enum SeriesEvent {
    SeriesCreated { series_id: SeriesId, name: String, kind: SeriesKind },
    SeriesRenamed { series_id: SeriesId, name: String },
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, thiserror::Error, strum::IntoStaticStr)]
#[strum(serialize_all = "snake_case")]
#[serde(rename_all = "snake_case")]
pub enum SeriesError {
    #[error("no such series")]
    NotFound,
    #[error("a series with this id already exists")]
    AlreadyExists,
    #[error("a series needs a name")]
    NameRequired,
    #[error("the name is longer than {max} characters")]
    NameTooLong { max: usize },
    #[error("a recruitment tour needs its partner region")]
    RegionRequired,
}

impl SeriesError {
    pub fn field(&self) -> Option<&'static str> {
        match self {
            SeriesError::NameRequired | SeriesError::NameTooLong { .. } => Some("name"),
            SeriesError::RegionRequired => Some("region"),
            SeriesError::NotFound | SeriesError::AlreadyExists => None,
        }
    }
}

#[cfg(test)]
mod tests;
