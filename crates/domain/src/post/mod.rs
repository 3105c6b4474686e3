//! Posts (岗位): job openings with a headcount, offered at fairs. "Jobs offered" (提供岗位数)
//! anywhere in the app is the sum of headcounts of open posts, never a count of rows.
use std::collections::BTreeSet;

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

use crate::enterprise::may_act_for;
use crate::envelope::{Actor, EventEnvelope};
use crate::error::DomainError;
use crate::ids::{EnterpriseId, FairId, PostId};
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

pub const TITLE_MAX_CHARS: usize = 60;
pub const MAX_HEADCOUNT: u32 = 10_000;
pub const MAX_SALARY: u32 = 1_000_000;

macro_rules! keyed_enum {
    ($(#[$m:meta])* $name:ident { $($v:ident => $k:literal),* $(,)? }) => {
        $(#[$m])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
        #[serde(rename_all = "snake_case")]
        pub enum $name { $($v),* }
        impl $name {
            pub const ALL: &'static [$name] = &[$($name::$v),*];
            pub fn key(self) -> &'static str { match self { $($name::$v => $k),* } }
            pub fn from_key(k: &str) -> Option<Self> { Self::ALL.iter().copied().find(|v| v.key() == k) }
        }
    };
}

keyed_enum!(
    /// Kind of work.
    PostCategory {
        Production => "production",
        Technical => "technical",
        Sales => "sales",
        Service => "service",
        Logistics => "logistics",
        Administration => "administration",
        Healthcare => "healthcare",
        Other => "other",
    }
);

keyed_enum!(
    /// Minimum education required.
    Education {
        Any => "any",
        JuniorHigh => "junior_high",
        HighSchool => "high_school",
        College => "college",
        Bachelor => "bachelor",
        Master => "master",
    }
);

keyed_enum!(
    /// Minimum work experience required.
    Experience {
        None => "none",
        OneYear => "one_year",
        ThreeYears => "three_years",
        FiveYears => "five_years",
    }
);

#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct PostDetails {
    pub title: String,
    pub category: PostCategory,
    pub headcount: u32,
    /// CNY per month.
    pub salary_min: u32,
    pub salary_max: u32,
    pub education: Education,
    pub experience: Experience,
    pub district: District,
    /// Fairs at which the post is offered.
    #[serde(default)]
    pub fairs: BTreeSet<FairId>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum PostStatus {
    Open,
    Filled,
    Withdrawn,
}

#[derive(Debug, Clone, Serialize, PartialEq, Eq, Hash, serde::Deserialize)]
pub struct Post {
    pub id: PostId,
    pub enterprise_id: EnterpriseId,
    /// Boxed, as `Fair::details` is (a smaller value in the B-tree's nodes).
    pub details: Box<PostDetails>,
    pub status: PostStatus,
    #[serde(with = "crate::snapshot::form::instant")]
    pub opened_at: DateTime<Utc>,
    pub version: u64,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, strum::IntoStaticStr)]
pub enum PostCommand {
    OpenPost { post_id: PostId, enterprise_id: EnterpriseId, details: PostDetails },
    EditPost { post_id: PostId, details: PostDetails },
    FillPost { post_id: PostId },
    WithdrawPost { post_id: PostId },
}

impl PostCommand {
    /// The variant's name (`strum::IntoStaticStr`).
    pub fn name(&self) -> &'static str {
        self.into()
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, strum::IntoStaticStr)]
pub enum PostEvent {
    PostOpened { post_id: PostId, enterprise_id: EnterpriseId, details: PostDetails },
    PostEdited { post_id: PostId, details: PostDetails },
    PostFilled { post_id: PostId },
    PostWithdrawn { post_id: PostId },
}

impl PostEvent {
    /// The variant's name (`strum::IntoStaticStr`).
    pub fn type_name(&self) -> &'static str {
        self.into()
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, thiserror::Error, strum::IntoStaticStr)]
#[strum(serialize_all = "snake_case")]
#[serde(rename_all = "snake_case")]
pub enum PostError {
    #[error("no such post")]
    NotFound,
    #[error("a post with this id already exists")]
    AlreadyExists,
    #[error("no such enterprise")]
    EnterpriseNotFound,
    #[error("an enterprise may only manage its own posts")]
    NotYourPost,
    #[error("a post needs a title")]
    TitleRequired,
    #[error("the title is longer than {max} characters")]
    TitleTooLong { max: usize },
    #[error("the headcount must be between 1 and {max}")]
    HeadcountOutOfRange { max: u32 },
    #[error("the lowest salary must not be above the highest")]
    SalaryRangeInverted,
    #[error("salaries are between 1 and {max} CNY a month")]
    SalaryOutOfRange { max: u32 },
    #[error("no such fair")]
    FairNotFound,
    #[error("the fair {name} is closed or cancelled")]
    FairNotOpen { name: String },
    #[error("the post is {status:?}, no longer open")]
    NotOpen { status: PostStatus },
}

impl PostError {
    pub fn field(&self) -> Option<&'static str> {
        use PostError::*;
        Some(match self {
            TitleRequired | TitleTooLong { .. } => "title",
            HeadcountOutOfRange { .. } => "headcount",
            SalaryRangeInverted | SalaryOutOfRange { .. } => "salary",
            FairNotFound | FairNotOpen { .. } => "fairs",
            _ => return None,
        })
    }
}

/// Jobs offered (提供岗位数): the sum of headcounts of open posts that pass `filter`.
pub fn jobs_offered<'a>(posts: impl IntoIterator<Item = &'a Post>, mut filter: impl FnMut(&Post) -> bool) -> u64 {
    posts.into_iter().filter(|p| p.status == PostStatus::Open && filter(p)).map(|p| p.details.headcount as u64).sum()
}

#[cfg(test)]
mod tests;
