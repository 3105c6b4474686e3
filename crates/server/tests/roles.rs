//! The server sets the actor, and the domain's role rules hold for every pushed command, on both
//! stores: given accounts of each role, when one pushes what is not theirs, then it is refused
//! (and the same command from its rightful owner is accepted, so each test can fail).
mod common;

use std::collections::BTreeSet;

use axum::http::StatusCode;
use chrono::Utc;
use common::{push_body, replay, Api, Who};
use fairlog_domain::booking::{BookingCommand, BoothTarget};
use fairlog_domain::enterprise::EnterpriseCommand;
use fairlog_domain::fair::FairCommand;
use fairlog_domain::host::{ChannelDetails, HostCommand, HostProfile, Platform};
use fairlog_domain::ids::{BookingId, ChannelId, EnterpriseId, FairId, HostId, PostId, SessionId, ZoneId};
use fairlog_domain::livestream::{LivestreamCommand, SessionPlan};
use fairlog_domain::place::District;
use fairlog_domain::post::{Education, Experience, PostCategory, PostCommand, PostDetails};
use fairlog_domain::{Intent, Role};
use fairlog_server::rush::{enterprise, set_up_fair};
use serde_json::{json, Value};
use uuid::Uuid;

/// Push `intents` in a session from a new client; the results.
async fn push(api: &Api, who: &Who, claimed: &Value, intents: &[Intent]) -> Vec<Value> {
    let (status, v) = api.push_as(who, &push_body(Uuid::new_v4(), claimed, 1, intents)).await;
    assert_eq!(status, StatusCode::OK, "{v}");
    v["results"].as_array().unwrap().clone()
}

/// An enterprise account that has registered its own profile (enterprise number `i`).
async fn given_an_enterprise(api: &Api, i: usize, name: &str) -> (Who, EnterpriseId) {
    let (who, subject) = api.account("enterprise", None, name).await;
    let id = EnterpriseId(subject);
    let r = push(api, &who, &common::enterprise_actor(id.0), &[enterprise(i, id)]).await;
    assert_eq!(r[0]["status"], "accepted", "the enterprise registers itself: {r:?}");
    (who, id)
}

fn post_details(title: &str) -> PostDetails {
    PostDetails {
        title: title.into(),
        category: PostCategory::Production,
        headcount: 5,
        salary_min: 7000,
        salary_max: 9000,
        education: Education::Any,
        experience: Experience::None,
        district: District::Xuhui,
        fairs: BTreeSet::new(),
    }
}

#[tokio::test]
async fn a_push_whose_actor_claims_someone_else_is_recorded_as_the_session() {
    for (kind, store) in common::stores().await {
        let api = Api::over(store).await;
        // Given an enterprise account
        let (who, subject) = api.account("enterprise", None, "陈红").await;
        let id = EnterpriseId(subject);
        // When it pushes claiming to be the organizer
        let claim = json!({"role": "organizer", "name": "王敏"});
        let fair = FairId(Uuid::new_v4());
        let details = fairlog_domain::testing::xuhui_fair("冒名的招聘会");
        let r =
            push(&api, &who, &claim, &[enterprise(0, id), FairCommand::CreateFair { fair_id: fair, details }.into()])
                .await;
        // Then its own business is recorded as the enterprise, and the organizer's is refused
        assert_eq!(r[0]["status"], "accepted", "{kind}: {r:?}");
        assert_eq!((r[1]["status"].clone(), r[1]["code"].clone()), (json!("refused"), json!("forbidden")), "{kind}");
        let engine = replay(&api.pull_all().await);
        let last = engine.log().entries().last().unwrap();
        assert_eq!(last.actor.role, Role::Enterprise, "{kind}");
        assert_eq!(last.actor.name, "陈红", "{kind}: the account's name, not the claimed one");
        assert_eq!(last.actor.subject, Some(id.0), "{kind}");
        assert_eq!(last.actor.account.map(|a| a.to_string()), who.account["id"].as_str().map(str::to_owned), "{kind}");
        // And a claim to be another enterprise acts as itself, too
        let (other, other_id) = api.account("enterprise", None, "李雷").await;
        let claim = common::enterprise_actor(id.0);
        let r = push(&api, &other, &claim, &[enterprise(1, EnterpriseId(other_id))]).await;
        assert_eq!(r[0]["status"], "accepted", "{kind}: {r:?}");
        let engine = replay(&api.pull_all().await);
        assert_eq!(engine.log().entries().last().unwrap().actor.subject, Some(other_id), "{kind}");
    }
}

#[tokio::test]
async fn an_enterprise_cannot_approve_its_own_booking() {
    for (kind, store) in common::stores().await {
        let api = Api::over(store).await;
        // Given a published fair and an enterprise that asked for a booth
        let fair_id = FairId(Uuid::new_v4());
        let setup = set_up_fair(fair_id, 2, ZoneId(Uuid::new_v4()));
        let org = api.organizer.clone();
        assert!(push(&api, &org, &common::organizer(), &setup).await.iter().all(|r| r["status"] == "accepted"));
        let (who, e) = given_an_enterprise(&api, 0, "陈红").await;
        let engine = replay(&api.pull_all().await);
        let booth_id = *engine.state().floor_plans[&fair_id].booths.keys().next().unwrap();
        let booking_id = BookingId(Uuid::new_v4());
        let ask: Intent = BookingCommand::RequestBooth {
            booking_id,
            fair_id,
            enterprise_id: e,
            target: BoothTarget::Booth { booth_id },
        }
        .into();
        assert_eq!(push(&api, &who, &common::enterprise_actor(e.0), &[ask]).await[0]["status"], "accepted", "{kind}");
        // When the enterprise approves it (claiming to be the organizer)
        let approve: Intent = BookingCommand::ApproveBooking { booking_id }.into();
        let r = push(&api, &who, &common::organizer(), std::slice::from_ref(&approve)).await;
        // Then it is refused by the domain's role rule; the organizer's approval goes through
        assert_eq!(
            (r[0]["status"].clone(), r[0]["code"].clone()),
            (json!("refused"), json!("forbidden")),
            "{kind}: {r:?}"
        );
        let r = push(&api, &org, &common::organizer(), &[approve]).await;
        assert_eq!(r[0]["status"], "accepted", "{kind}: {r:?}");
    }
}

#[tokio::test]
async fn an_enterprise_cannot_edit_another_enterprise_or_its_posts() {
    for (kind, store) in common::stores().await {
        let api = Api::over(store).await;
        // Given two enterprises, the second with an open post
        let (first, _) = given_an_enterprise(&api, 0, "陈红").await;
        let (second, other) = given_an_enterprise(&api, 1, "李雷").await;
        let post_id = PostId(Uuid::new_v4());
        let open: Intent =
            PostCommand::OpenPost { post_id, enterprise_id: other, details: post_details("数控车床操作工") }.into();
        assert_eq!(push(&api, &second, &common::organizer(), &[open]).await[0]["status"], "accepted", "{kind}");
        let engine = replay(&api.pull_all().await);
        let profile = engine.state().enterprises[&other].profile.clone();
        let version = engine.state().enterprises[&other].version;
        let edit: Intent = EnterpriseCommand::EditEnterprise {
            enterprise_id: other,
            expected_version: version,
            profile: fairlog_domain::enterprise::EnterpriseProfile { contact_name: "冒名者".into(), ..*profile },
        }
        .into();
        let edit_post: Intent = PostCommand::EditPost { post_id, details: post_details("改掉的岗位") }.into();
        let withdraw: Intent = PostCommand::WithdrawPost { post_id }.into();
        // When the first edits the second's profile and post, claiming to be it
        let r =
            push(&api, &first, &common::enterprise_actor(other.0), &[edit.clone(), edit_post.clone(), withdraw]).await;
        // Then every one is refused; the owner's own edits are accepted
        let codes: Vec<&Value> = r.iter().map(|r| &r["code"]).collect();
        assert_eq!(
            codes,
            vec![&json!("enterprise.not_your_enterprise"), &json!("post.not_your_post"), &json!("post.not_your_post")],
            "{kind}: {r:?}"
        );
        let r = push(&api, &second, &common::enterprise_actor(other.0), &[edit, edit_post]).await;
        assert!(r.iter().all(|r| r["status"] == "accepted"), "{kind}: {r:?}");
    }
}

#[tokio::test]
async fn a_host_cannot_edit_another_hosts_session() {
    for (kind, store) in common::stores().await {
        let api = Api::over(store).await;
        // Given two hosts and a session hosted by the second
        let (h1, h2, channel, session_id) =
            (HostId(Uuid::new_v4()), HostId(Uuid::new_v4()), ChannelId(Uuid::new_v4()), SessionId(Uuid::new_v4()));
        let profile =
            |n: &str| HostProfile { name: n.into(), title: "副局长".into(), organisation: "人社局".into() };
        let start = Utc::now() + chrono::Duration::days(30);
        let plan =
            |title: &str| SessionPlan { title: title.into(), hosts: vec![h2], channel, start, minutes: 60, fair: None };
        let setup: Vec<Intent> = vec![
            HostCommand::AllowStreamDomain { domain: "zhibo.example".into() }.into(),
            HostCommand::RegisterHost { host_id: h1, profile: profile("李局长") }.into(),
            HostCommand::RegisterHost { host_id: h2, profile: profile("王芳") }.into(),
            HostCommand::AddChannel {
                channel_id: channel,
                details: ChannelDetails {
                    name: "直播间".into(),
                    platform: Platform::PublicPlatform,
                    stream_url: "https://zhibo.example/1".into(),
                },
            }
            .into(),
            LivestreamCommand::PlanSession { session_id, plan: plan("局长直播带岗") }.into(),
        ];
        let org = api.organizer.clone();
        let r = push(&api, &org, &common::organizer(), &setup).await;
        assert!(r.iter().all(|r| r["status"] == "accepted"), "{kind}: {r:?}");
        let (first, _) = api.account("host", Some(h1.0), "李局长").await;
        let (second, _) = api.account("host", Some(h2.0), "王芳").await;
        // When the first host edits the second's session, claiming to be the second
        let edit: Intent =
            LivestreamCommand::EditSession { session_id, plan: plan("改掉的标题"), accept: vec![] }.into();
        let claim = json!({"role": "host", "name": "王芳", "subject": h2.0});
        let r = push(&api, &first, &claim, std::slice::from_ref(&edit)).await;
        // Then it is refused; the second host's own edit is accepted
        assert_eq!(r[0]["code"], "livestream.not_your_session", "{kind}: {r:?}");
        let r = push(&api, &second, &claim, &[edit]).await;
        assert_eq!(r[0]["status"], "accepted", "{kind}: {r:?}");
    }
}

#[tokio::test]
async fn a_client_id_counts_per_account() {
    for (kind, store) in common::stores().await {
        let api = Api::over(store).await;
        // Given an enterprise whose browser's client id another account has learnt
        let (a, a_id) = api.account("enterprise", None, "陈红").await;
        let (b, b_id) = api.account("enterprise", None, "李雷").await;
        let client = Uuid::new_v4();
        let mine = push_body(client, &common::organizer(), 1, &[enterprise(0, EnterpriseId(a_id))]);
        let (_, first) = api.push_as(&a, &mine).await;
        assert_eq!(first["results"][0]["status"], "accepted", "{kind}: {first}");
        // When the other pushes under that client id and number
        let theirs = push_body(client, &common::organizer(), 1, &[enterprise(1, EnterpriseId(b_id))]);
        let (_, second) = api.push_as(&b, &theirs).await;
        // Then it is decided as its own first mutation (not answered with the first one's result)
        assert_eq!(second["results"][0]["status"], "accepted", "{kind}: {second}");
        assert_ne!(second["results"][0]["first_seq"], first["results"][0]["first_seq"], "{kind}");
        assert_eq!(api.pull_all().await.len(), 2, "{kind}: both applied");
        let (_, pulled) = api.get_as(Some(&a), &format!("/api/events?after=0&client_id={client}")).await;
        assert_eq!(pulled["last_mutation"], 1, "{kind}");
        let (_, pulled) = api.get(&format!("/api/events?after=0&client_id={client}")).await;
        assert_eq!(pulled["last_mutation"], 0, "{kind}: the organizer's own counter for that id is untouched");
    }
}
