//! Series (系列活动) that group fairs: "Thousands of Enterprises, Thousands of Posts" (千企万岗),
//! industry special series, recruitment tours to partner regions, seasonal campaigns.
use serde::{Deserialize, Serialize};

use crate::envelope::{EventEnvelope, Role};
use crate::error::DomainError;
use crate::ids::SeriesId;
use crate::state::State;

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

#[derive(Debug, Clone, Serialize, PartialEq, Eq, Hash)]
pub struct Series {
    pub id: SeriesId,
    pub name: String,
    pub kind: SeriesKind,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub enum SeriesCommand {
    CreateSeries { series_id: SeriesId, name: String, kind: SeriesKind },
    RenameSeries { series_id: SeriesId, name: String },
}

impl SeriesCommand {
    pub fn name(&self) -> &'static str {
        match self {
            SeriesCommand::CreateSeries { .. } => "CreateSeries",
            SeriesCommand::RenameSeries { .. } => "RenameSeries",
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub enum SeriesEvent {
    SeriesCreated { series_id: SeriesId, name: String, kind: SeriesKind },
    SeriesRenamed { series_id: SeriesId, name: String },
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, thiserror::Error)]
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

fn clean_name(name: &str) -> Result<String, SeriesError> {
    let name = name.trim();
    if name.is_empty() {
        return Err(SeriesError::NameRequired);
    }
    if name.chars().count() > NAME_MAX_CHARS {
        return Err(SeriesError::NameTooLong { max: NAME_MAX_CHARS });
    }
    Ok(name.to_owned())
}

pub(crate) fn decide(state: &State, role: Role, cmd: SeriesCommand) -> Result<Vec<SeriesEvent>, DomainError> {
    if role != Role::Organizer {
        return Err(DomainError::Forbidden { role, command: cmd.name().into() });
    }
    Ok(match cmd {
        SeriesCommand::CreateSeries { series_id, name, kind } => {
            if state.series.contains_key(&series_id) {
                return Err(SeriesError::AlreadyExists.into());
            }
            let name = clean_name(&name)?;
            let kind = match kind {
                SeriesKind::RecruitmentTour { partner_region } => {
                    let r = partner_region.trim();
                    if r.is_empty() {
                        return Err(SeriesError::RegionRequired.into());
                    }
                    SeriesKind::RecruitmentTour { partner_region: r.into() }
                }
                k => k,
            };
            vec![SeriesEvent::SeriesCreated { series_id, name, kind }]
        }
        SeriesCommand::RenameSeries { series_id, name } => {
            let s = state.series.get(&series_id).ok_or(SeriesError::NotFound)?;
            let name = clean_name(&name)?;
            if name == s.name {
                return Ok(vec![]);
            }
            vec![SeriesEvent::SeriesRenamed { series_id, name }]
        }
    })
}

pub(crate) fn evolve(state: &mut State, _env: &EventEnvelope, event: &SeriesEvent) {
    match event {
        SeriesEvent::SeriesCreated { series_id, name, kind } => {
            state.series.insert(*series_id, Series { id: *series_id, name: name.clone(), kind: kind.clone() });
        }
        SeriesEvent::SeriesRenamed { series_id, name } => {
            if let Some(s) = state.series.get_mut(series_id) {
                s.name = name.clone();
            }
        }
    }
}

/// Would this event still be a valid fact on `state`? (See `fair::check`.)
pub(crate) fn check(state: &State, event: &SeriesEvent) -> Result<(), SeriesError> {
    match event {
        SeriesEvent::SeriesCreated { series_id, .. } if state.series.contains_key(series_id) => {
            Err(SeriesError::AlreadyExists)
        }
        SeriesEvent::SeriesRenamed { series_id, .. } if !state.series.contains_key(series_id) => {
            Err(SeriesError::NotFound)
        }
        _ => Ok(()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::testing::{given, given_nothing, series_created};

    #[test]
    fn it_should_create_a_recruitment_tour_with_its_region() {
        let id = SeriesId::from_u128(7);
        let kind = SeriesKind::RecruitmentTour { partner_region: "云南大理".into() };
        given_nothing()
            .when(SeriesCommand::CreateSeries {
                series_id: id, name: " 就在浦东·云南行 ".into(), kind: kind.clone()
            })
            .then([SeriesEvent::SeriesCreated { series_id: id, name: "就在浦东·云南行".into(), kind }]);
    }

    #[test]
    fn it_should_not_create_a_tour_without_a_region() {
        let kind = SeriesKind::RecruitmentTour { partner_region: "  ".into() };
        given_nothing()
            .when(SeriesCommand::CreateSeries { series_id: SeriesId::from_u128(7), name: "x".into(), kind })
            .then_err(SeriesError::RegionRequired);
    }

    #[test]
    fn it_should_not_rename_to_an_empty_name() {
        let id = SeriesId::from_u128(7);
        given([series_created(id)])
            .when(SeriesCommand::RenameSeries { series_id: id, name: "".into() })
            .then_err(SeriesError::NameRequired);
    }
}
