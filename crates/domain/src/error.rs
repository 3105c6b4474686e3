//! Broken rules, as a code plus parameters the UI translates.
//!
//! Each concept owns its error enum (`FairError`, `SeriesError`, ...); `DomainError` wraps them.
//! Technical failures (storage, parsing) are separate types (`AppendError`, `codec::CodecError`).
use serde::{Deserialize, Serialize};

use crate::booking::BookingError;
use crate::enterprise::EnterpriseError;
use crate::envelope::Role;
use crate::fair::FairError;
use crate::floor_plan::FloorPlanError;
use crate::host::HostError;
use crate::livestream::LivestreamError;
use crate::post::PostError;
use crate::series::SeriesError;

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, thiserror::Error)]
#[serde(rename_all = "snake_case")]
pub enum DomainError {
    #[error("the {role:?} role may not {command}")]
    Forbidden { role: Role, command: String },
    #[error(transparent)]
    Fair(#[from] FairError),
    #[error(transparent)]
    Series(#[from] SeriesError),
    #[error(transparent)]
    FloorPlan(#[from] FloorPlanError),
    #[error(transparent)]
    Enterprise(#[from] EnterpriseError),
    #[error(transparent)]
    Post(#[from] PostError),
    #[error(transparent)]
    Booking(#[from] BookingError),
    #[error(transparent)]
    Merge(#[from] crate::merge::MergeError),
    #[error(transparent)]
    Host(#[from] HostError),
    #[error(transparent)]
    Livestream(#[from] LivestreamError),
    /// A rule of the log itself (see `judge`).
    #[error(transparent)]
    Log(#[from] crate::judge::LogRuleError),
}

impl DomainError {
    /// Stable machine code, e.g. `fair.end_not_after_start`.
    pub fn code(&self) -> String {
        match self {
            DomainError::Forbidden { .. } => "forbidden".into(),
            DomainError::Fair(e) => format!("fair.{}", <&str>::from(e)),
            DomainError::Series(e) => format!("series.{}", <&str>::from(e)),
            DomainError::FloorPlan(e) => format!("floor_plan.{}", <&str>::from(e)),
            DomainError::Enterprise(e) => format!("enterprise.{}", <&str>::from(e)),
            DomainError::Post(e) => format!("post.{}", <&str>::from(e)),
            DomainError::Booking(e) => format!("booking.{}", <&str>::from(e)),
            DomainError::Merge(e) => format!("merge.{}", <&str>::from(e)),
            DomainError::Host(e) => format!("host.{}", <&str>::from(e)),
            DomainError::Livestream(e) => format!("livestream.{}", <&str>::from(e)),
            DomainError::Log(e) => format!("log.{}", <&str>::from(e)),
        }
    }

    /// The form field the rule is about, so the UI can show the message beside it.
    pub fn field(&self) -> Option<&'static str> {
        match self {
            DomainError::Forbidden { .. } => None,
            DomainError::Fair(e) => e.field(),
            DomainError::Series(e) => e.field(),
            DomainError::FloorPlan(e) => e.field(),
            DomainError::Enterprise(e) => e.field(),
            DomainError::Post(e) => e.field(),
            DomainError::Booking(e) => e.field(),
            DomainError::Merge(e) => e.field(),
            DomainError::Host(e) => e.field(),
            DomainError::Livestream(e) => e.field(),
            DomainError::Log(e) => e.field(),
        }
    }
}
