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
    EnterpriseEvent::EnterpriseRegistered { enterprise_id: ent(), profile: EnterpriseProfile { ..sample_profile() } }
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
        details: Box::new(details()),
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
