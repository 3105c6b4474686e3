//! Posts (岗位): job openings with a headcount, offered at fairs. "Jobs offered" (提供岗位数)
//! anywhere in the app is the sum of headcounts of open posts, never a count of rows.
use std::collections::BTreeSet;

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

use crate::enterprise::may_act_for;
use crate::envelope::{Actor, EventEnvelope, Role};
use crate::error::DomainError;
use crate::fair::FairStatus;
use crate::ids::{EnterpriseId, FairId, PostId};
use crate::place::District;
use crate::state::State;

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

#[derive(Debug, Clone, Serialize, PartialEq, Eq, Hash)]
pub struct Post {
    pub id: PostId,
    pub enterprise_id: EnterpriseId,
    pub details: PostDetails,
    pub status: PostStatus,
    pub opened_at: DateTime<Utc>,
    pub version: u64,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub enum PostCommand {
    OpenPost { post_id: PostId, enterprise_id: EnterpriseId, details: PostDetails },
    EditPost { post_id: PostId, details: PostDetails },
    FillPost { post_id: PostId },
    WithdrawPost { post_id: PostId },
}

impl PostCommand {
    pub fn name(&self) -> &'static str {
        match self {
            PostCommand::OpenPost { .. } => "OpenPost",
            PostCommand::EditPost { .. } => "EditPost",
            PostCommand::FillPost { .. } => "FillPost",
            PostCommand::WithdrawPost { .. } => "WithdrawPost",
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub enum PostEvent {
    PostOpened { post_id: PostId, enterprise_id: EnterpriseId, details: PostDetails },
    PostEdited { post_id: PostId, details: PostDetails },
    PostFilled { post_id: PostId },
    PostWithdrawn { post_id: PostId },
}

impl PostEvent {
    pub fn type_name(&self) -> &'static str {
        match self {
            PostEvent::PostOpened { .. } => "PostOpened",
            PostEvent::PostEdited { .. } => "PostEdited",
            PostEvent::PostFilled { .. } => "PostFilled",
            PostEvent::PostWithdrawn { .. } => "PostWithdrawn",
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, thiserror::Error)]
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

fn clean(state: &State, d: &PostDetails, old: Option<&PostDetails>) -> Result<PostDetails, PostError> {
    let title = d.title.trim();
    if title.is_empty() {
        return Err(PostError::TitleRequired);
    }
    if title.chars().count() > TITLE_MAX_CHARS {
        return Err(PostError::TitleTooLong { max: TITLE_MAX_CHARS });
    }
    if d.headcount == 0 || d.headcount > MAX_HEADCOUNT {
        return Err(PostError::HeadcountOutOfRange { max: MAX_HEADCOUNT });
    }
    if d.salary_min == 0 || d.salary_max > MAX_SALARY {
        return Err(PostError::SalaryOutOfRange { max: MAX_SALARY });
    }
    if d.salary_min > d.salary_max {
        return Err(PostError::SalaryRangeInverted);
    }
    for f in &d.fairs {
        let fair = state.fairs.get(f).ok_or(PostError::FairNotFound)?;
        let already = old.is_some_and(|o| o.fairs.contains(f));
        if !already && matches!(fair.status, FairStatus::Closed | FairStatus::Cancelled { .. }) {
            return Err(PostError::FairNotOpen { name: fair.details.name.clone() });
        }
    }
    Ok(PostDetails { title: title.into(), ..d.clone() })
}

pub(crate) fn decide(state: &State, actor: &Actor, cmd: PostCommand) -> Result<Vec<PostEvent>, DomainError> {
    if actor.role == Role::Host {
        return Err(DomainError::Forbidden { role: actor.role, command: cmd.name().into() });
    }
    use PostCommand as C;
    use PostEvent as E;
    let own = |post_id: PostId| -> Result<&Post, PostError> {
        let p = state.posts.get(&post_id).ok_or(PostError::NotFound)?;
        if !may_act_for(actor, p.enterprise_id) {
            return Err(PostError::NotYourPost);
        }
        Ok(p)
    };
    let open =
        |p: &Post| if p.status == PostStatus::Open { Ok(()) } else { Err(PostError::NotOpen { status: p.status }) };
    Ok(match cmd {
        C::OpenPost { post_id, enterprise_id, details } => {
            if state.posts.contains_key(&post_id) {
                return Err(PostError::AlreadyExists.into());
            }
            if !state.enterprises.contains_key(&enterprise_id) {
                return Err(PostError::EnterpriseNotFound.into());
            }
            if !may_act_for(actor, enterprise_id) {
                return Err(PostError::NotYourPost.into());
            }
            vec![E::PostOpened { post_id, enterprise_id, details: clean(state, &details, None)? }]
        }
        C::EditPost { post_id, details } => {
            let p = own(post_id)?;
            open(p)?;
            let details = clean(state, &details, Some(&p.details))?;
            if details == p.details {
                return Ok(vec![]);
            }
            vec![E::PostEdited { post_id, details }]
        }
        C::FillPost { post_id } => {
            open(own(post_id)?)?;
            vec![E::PostFilled { post_id }]
        }
        C::WithdrawPost { post_id } => {
            open(own(post_id)?)?;
            vec![E::PostWithdrawn { post_id }]
        }
    })
}

pub(crate) fn evolve(state: &mut State, env: &EventEnvelope, event: &PostEvent) {
    use PostEvent as E;
    match event {
        E::PostOpened { post_id, enterprise_id, details } => {
            state.enterprise_posts.entry(*enterprise_id).or_default().insert(*post_id, ());
            for f in &details.fairs {
                state.fair_posts.entry(*f).or_default().insert(*post_id, ());
            }
            state.posts.insert(
                *post_id,
                Post {
                    id: *post_id,
                    enterprise_id: *enterprise_id,
                    details: details.clone(),
                    status: PostStatus::Open,
                    opened_at: env.recorded_at,
                    version: env.seq,
                },
            );
        }
        E::PostEdited { post_id, details } => {
            let Some(p) = state.posts.get_mut(post_id) else { return };
            let old = std::mem::replace(&mut p.details, details.clone());
            p.version = env.seq;
            for f in old.fairs.difference(&details.fairs) {
                if let Some(set) = state.fair_posts.get_mut(f) {
                    set.remove(post_id);
                }
            }
            for f in details.fairs.difference(&old.fairs) {
                state.fair_posts.entry(*f).or_default().insert(*post_id, ());
            }
        }
        E::PostFilled { post_id } => set_status(state, *post_id, env.seq, PostStatus::Filled),
        E::PostWithdrawn { post_id } => set_status(state, *post_id, env.seq, PostStatus::Withdrawn),
    }
}

fn set_status(state: &mut State, id: PostId, seq: u64, status: PostStatus) {
    if let Some(p) = state.posts.get_mut(&id) {
        p.status = status;
        p.version = seq;
    }
}

/// Jobs offered (提供岗位数): the sum of headcounts of open posts that pass `filter`.
pub fn jobs_offered<'a>(posts: impl IntoIterator<Item = &'a Post>, mut filter: impl FnMut(&Post) -> bool) -> u64 {
    posts.into_iter().filter(|p| p.status == PostStatus::Open && filter(p)).map(|p| p.details.headcount as u64).sum()
}

/// Would this event still be a valid fact on `state`? (See `fair::check`.)
pub(crate) fn check(state: &State, event: &PostEvent) -> Result<(), PostError> {
    use PostEvent as E;
    match event {
        E::PostOpened { post_id, enterprise_id, .. } => {
            if state.posts.contains_key(post_id) {
                return Err(PostError::AlreadyExists);
            }
            if !state.enterprises.contains_key(enterprise_id) {
                return Err(PostError::EnterpriseNotFound);
            }
            Ok(())
        }
        E::PostEdited { post_id, .. } | E::PostFilled { post_id } | E::PostWithdrawn { post_id } => {
            let p = state.posts.get(post_id).ok_or(PostError::NotFound)?;
            if p.status != PostStatus::Open {
                return Err(PostError::NotOpen { status: p.status });
            }
            Ok(())
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::enterprise::{EnterpriseEvent, EnterpriseProfile};
    use crate::testing::{given, sample_profile};
    use crate::Event;

    fn ent() -> EnterpriseId {
        EnterpriseId::from_u128(7)
    }
    fn post() -> PostId {
        PostId::from_u128(70)
    }
    fn registered() -> Event {
        EnterpriseEvent::EnterpriseRegistered {
            enterprise_id: ent(),
            profile: EnterpriseProfile { ..sample_profile() },
        }
        .into()
    }
    fn details() -> PostDetails {
        PostDetails {
            title: "数控车床操作工".into(),
            category: PostCategory::Production,
            headcount: 12,
            salary_min: 7000,
            salary_max: 9500,
            education: Education::HighSchool,
            experience: Experience::OneYear,
            district: District::Minhang,
            fairs: BTreeSet::new(),
        }
    }

    #[test]
    fn it_should_open_a_post() {
        given([registered()])
            .when(PostCommand::OpenPost { post_id: post(), enterprise_id: ent(), details: details() })
            .then([PostEvent::PostOpened { post_id: post(), enterprise_id: ent(), details: details() }]);
    }

    #[test]
    fn it_should_refuse_zero_headcount() {
        given([registered()])
            .when(PostCommand::OpenPost {
                post_id: post(),
                enterprise_id: ent(),
                details: PostDetails { headcount: 0, ..details() },
            })
            .then_err(PostError::HeadcountOutOfRange { max: MAX_HEADCOUNT });
    }

    #[test]
    fn it_should_refuse_an_inverted_salary_range() {
        given([registered()])
            .when(PostCommand::OpenPost {
                post_id: post(),
                enterprise_id: ent(),
                details: PostDetails { salary_min: 9000, salary_max: 8000, ..details() },
            })
            .then_err(PostError::SalaryRangeInverted);
    }

    #[test]
    fn it_should_not_edit_a_filled_post() {
        let opened: Event = PostEvent::PostOpened { post_id: post(), enterprise_id: ent(), details: details() }.into();
        given([registered(), opened, PostEvent::PostFilled { post_id: post() }.into()])
            .when(PostCommand::EditPost { post_id: post(), details: details() })
            .then_err(PostError::NotOpen { status: PostStatus::Filled });
    }

    #[test]
    fn jobs_offered_sums_open_headcounts() {
        let mut a = Post {
            id: post(),
            enterprise_id: ent(),
            details: details(),
            status: PostStatus::Open,
            opened_at: crate::testing::default_now(),
            version: 1,
        };
        let mut b = a.clone();
        b.details.headcount = 30;
        let mut c = a.clone();
        c.status = PostStatus::Filled;
        assert_eq!(jobs_offered([&a, &b, &c], |_| true), 42);
        a.status = PostStatus::Withdrawn;
        assert_eq!(jobs_offered([&a, &b, &c], |_| true), 30);
    }
}
