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
}

impl DomainError {
    /// Stable machine code, e.g. `fair.end_not_after_start`.
    pub fn code(&self) -> String {
        match self {
            DomainError::Forbidden { .. } => "forbidden".into(),
            DomainError::Fair(e) => format!("fair.{}", variant_name(e)),
            DomainError::Series(e) => format!("series.{}", variant_name(e)),
            DomainError::FloorPlan(e) => format!("floor_plan.{}", variant_name(e)),
            DomainError::Enterprise(e) => format!("enterprise.{}", variant_name(e)),
            DomainError::Post(e) => format!("post.{}", variant_name(e)),
            DomainError::Booking(e) => format!("booking.{}", variant_name(e)),
            DomainError::Merge(e) => format!("merge.{}", variant_name(e)),
            DomainError::Host(e) => format!("host.{}", variant_name(e)),
            DomainError::Livestream(e) => format!("livestream.{}", variant_name(e)),
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
        }
    }
}

/// snake_case name of an enum variant from its serde representation (`"name_required"` or
/// `{"edit_conflict":{...}}`).
fn variant_name<T: Serialize>(v: &T) -> String {
    let text = serde_json::to_string(v).unwrap_or_default();
    let text = text.trim_start_matches('{');
    text.trim_start_matches('"').split('"').next().unwrap_or_default().to_owned()
}
