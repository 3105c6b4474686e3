//! Enterprises (用人单位): profiles, key enterprises (重点企业) and their service commissioners
//! (就业服务专员).
use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

use crate::credit_code::{self, CreditCodeProblem};
use crate::envelope::{Actor, EventEnvelope, Role};
use crate::error::DomainError;
use crate::ids::EnterpriseId;
use crate::industry::Industry;
use crate::place::District;
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
pub const CONTACT_MAX_CHARS: usize = 40;
pub const DESCRIPTION_MAX_CHARS: usize = 2000;

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
#[derive(strum::IntoStaticStr, strum::EnumString, strum::VariantArray)]
#[strum(serialize_all = "snake_case")]
pub enum CompanySize {
    /// fewer than 20 people
    Micro,
    /// 20–299
    Small,
    /// 300–999
    Medium,
    /// 1000 or more
    Large,
}

/// Why an enterprise is a key enterprise.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
#[derive(strum::IntoStaticStr, strum::EnumString, strum::VariantArray)]
#[strum(serialize_all = "snake_case")]
pub enum KeyCategory {
    /// 重大项目
    MajorProject,
    /// 重点产业
    KeyIndustry,
    /// 保供企业
    SupplyGuarantee,
}

#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct EnterpriseProfile {
    pub name: String,
    /// 统一社会信用代码, validated per GB 32100-2015.
    pub credit_code: String,
    pub industry: Industry,
    pub district: District,
    pub size: CompanySize,
    pub contact_name: String,
    pub contact_phone: String,
    #[serde(default)]
    pub description: String,
}

#[derive(Debug, Clone, Serialize, PartialEq, Eq, Hash, serde::Deserialize)]
pub struct Enterprise {
    pub id: EnterpriseId,
    /// Boxed, as `Fair::details` is: enterprises sit by value in the nodes of a persistent
    /// B-tree, and a node split or copy moves every value in it (192-byte enterprises became
    /// 72-byte ones).
    pub profile: Box<EnterpriseProfile>,
    pub key: Option<KeyCategory>,
    /// The organizer staff member serving this key enterprise.
    pub commissioner: Option<String>,
    #[serde(with = "crate::snapshot::form::instant")]
    pub registered_at: DateTime<Utc>,
    pub version: u64,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, strum::IntoStaticStr)]
pub enum EnterpriseCommand {
    RegisterEnterprise { enterprise_id: EnterpriseId, profile: EnterpriseProfile },
    EditEnterprise { enterprise_id: EnterpriseId, expected_version: u64, profile: EnterpriseProfile },
    MarkKeyEnterprise { enterprise_id: EnterpriseId, category: KeyCategory },
    UnmarkKeyEnterprise { enterprise_id: EnterpriseId },
    AssignCommissioner { enterprise_id: EnterpriseId, commissioner: String },
    UnassignCommissioner { enterprise_id: EnterpriseId },
}

impl EnterpriseCommand {
    /// The variant's name (`strum::IntoStaticStr`).
    pub fn name(&self) -> &'static str {
        self.into()
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, strum::IntoStaticStr)]
pub enum EnterpriseEvent {
    EnterpriseRegistered { enterprise_id: EnterpriseId, profile: EnterpriseProfile },
    EnterpriseEdited { enterprise_id: EnterpriseId, profile: EnterpriseProfile },
    KeyEnterpriseMarked { enterprise_id: EnterpriseId, category: KeyCategory },
    KeyEnterpriseUnmarked { enterprise_id: EnterpriseId },
    CommissionerAssigned { enterprise_id: EnterpriseId, commissioner: String },
    CommissionerUnassigned { enterprise_id: EnterpriseId },
}

impl EnterpriseEvent {
    /// The variant's name (`strum::IntoStaticStr`).
    pub fn type_name(&self) -> &'static str {
        self.into()
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, thiserror::Error, strum::IntoStaticStr)]
#[strum(serialize_all = "snake_case")]
#[serde(rename_all = "snake_case")]
pub enum EnterpriseError {
    #[error("no such enterprise")]
    NotFound,
    #[error("an enterprise with this id already exists")]
    AlreadyExists,
    #[error("an enterprise needs a name")]
    NameRequired,
    #[error("the name is longer than {max} characters")]
    NameTooLong { max: usize },
    #[error("invalid credit code: {problem}")]
    CreditCode { problem: CreditCodeProblem },
    #[error("credit code {code} is already registered")]
    DuplicateCreditCode { code: String },
    #[error("a contact person is required")]
    ContactRequired,
    #[error("the contact name is longer than {max} characters")]
    ContactTooLong { max: usize },
    #[error("{phone:?} is not a mobile (11 digits from 1) or landline (area code + number) phone number")]
    PhoneInvalid { phone: String },
    #[error("the description is longer than {max} characters")]
    DescriptionTooLong { max: usize },
    #[error("an enterprise may only change its own profile")]
    NotYourEnterprise,
    #[error("the enterprise was changed (version {actual}) since this form was opened (version {expected})")]
    EditConflict { expected: u64, actual: u64 },
    #[error("the enterprise is not a key enterprise")]
    NotKey,
    #[error("a commissioner's name is required")]
    CommissionerRequired,
    #[error("the enterprise has no service commissioner")]
    NoCommissioner,
}

impl EnterpriseError {
    pub fn field(&self) -> Option<&'static str> {
        use EnterpriseError::*;
        Some(match self {
            NameRequired | NameTooLong { .. } => "name",
            CreditCode { .. } | DuplicateCreditCode { .. } => "credit_code",
            ContactRequired | ContactTooLong { .. } => "contact_name",
            PhoneInvalid { .. } => "contact_phone",
            DescriptionTooLong { .. } => "description",
            CommissionerRequired => "commissioner",
            _ => return None,
        })
    }
}

#[cfg(test)]
mod tests;
