//! The sync protocol through the real router, on both stores: given a log, when a client pushes
//! or pulls, then what it is answered and what the log holds.
mod common;

use axum::http::StatusCode;
use chrono::Utc;
use common::{enterprise_actor, organizer, push_body, replay, Api};
use fairlog_domain::booking::{BookingCommand, BoothTarget};
use fairlog_domain::fair::FairCommand;
use fairlog_domain::ids::{BookingId, EnterpriseId, FairId, ZoneId};
use fairlog_domain::Intent;
use fairlog_server::rush::{enterprise, set_up_fair};
use serde_json::{json, Value};
use uuid::Uuid;

/// A published fair with `booths` booths and `n` registered enterprises; returns their ids.
async fn given_a_fair(
    api: &Api,
    booths: usize,
    n: usize,
) -> (FairId, Vec<fairlog_domain::ids::BoothId>, Vec<EnterpriseId>) {
    let fair_id = FairId(Uuid::new_v4());
    let client = Uuid::new_v4();
    let mut intents = set_up_fair(fair_id, booths, ZoneId(Uuid::new_v4()));
    let enterprises: Vec<EnterpriseId> = (0..n).map(|_| EnterpriseId(Uuid::new_v4())).collect();
    intents.extend(enterprises.iter().enumerate().map(|(i, e)| enterprise(i, *e)));
    let (status, v) = api.push(&push_body(client, &organizer(), 1, &intents)).await;
    assert_eq!(status, StatusCode::OK, "{v}");
    assert!(v["results"].as_array().unwrap().iter().all(|r| r["status"] == "accepted"), "{v}");
    let engine = replay(&api.pull_all().await);
    let plan = &engine.state().floor_plans[&fair_id];
    let mut booths: Vec<_> = plan.booths.values().map(|b| (b.code.clone(), b.id)).collect();
    booths.sort();
    (fair_id, booths.into_iter().map(|(_, id)| id).collect(), enterprises)
}

fn request(fair_id: FairId, e: EnterpriseId, booth_id: fairlog_domain::ids::BoothId) -> Intent {
    BookingCommand::RequestBooth {
        booking_id: BookingId(Uuid::new_v4()),
        fair_id,
        enterprise_id: e,
        target: BoothTarget::Booth { booth_id },
    }
    .into()
}

#[tokio::test]
async fn an_accepted_push_is_in_the_log_with_the_servers_time_and_the_chain_verifies() {
    for (kind, store) in common::stores().await {
        let api = Api::over(store).await;
        let before = Utc::now();
        let (fair_id, _, _) = given_a_fair(&api, 3, 1).await;
        let after = Utc::now();
        let engine = replay(&api.pull_all().await);
        assert!(engine.state().fairs.contains_key(&fair_id), "{kind}");
        for e in engine.log().entries() {
            assert!(e.recorded_at >= before && e.recorded_at <= after, "{kind}: stamped by the server's clock");
        }
        let (_, health) = api.get("/api/health").await;
        assert_eq!(health["store"], kind);
        assert_eq!(health["last_seq"], engine.log().last_seq());
        assert_eq!(health["last_hash"], engine.log().last_hash());
    }
}

#[tokio::test]
async fn a_repeated_push_is_answered_as_before_and_applied_once() {
    for (kind, store) in common::stores().await {
        let api = Api::over(store).await;
        let client = Uuid::new_v4();
        let body = push_body(
            client,
            &organizer(),
            1,
            &[FairCommand::CreateFair {
                fair_id: FairId(Uuid::new_v4()),
                details: fairlog_domain::testing::xuhui_fair("徐汇区重复提交招聘会"),
            }
            .into()],
        );
        let (_, first) = api.push(&body).await;
        let (status, again) = api.push(&body).await;
        assert_eq!(status, StatusCode::OK, "{kind}");
        assert_eq!(first["results"], again["results"], "{kind}: the same answer");
        assert_eq!(api.pull_all().await.len(), 1, "{kind}: applied once");
    }
}

#[tokio::test]
async fn a_refused_command_carries_the_domains_code_and_does_not_block_the_next() {
    for (kind, store) in common::stores().await {
        let api = Api::over(store).await;
        let client = Uuid::new_v4();
        let unknown_fair = FairId(Uuid::new_v4());
        let ok_fair = FairId(Uuid::new_v4());
        let intents: Vec<Intent> = vec![
            FairCommand::PublishFair { fair_id: unknown_fair }.into(),
            FairCommand::CreateFair {
                fair_id: ok_fair, details: fairlog_domain::testing::xuhui_fair("徐汇区招聘会")
            }
            .into(),
        ];
        let (_, v) = api.push(&push_body(client, &organizer(), 1, &intents)).await;
        let r = v["results"].as_array().unwrap();
        assert_eq!(r[0]["status"], "refused", "{kind}: {v}");
        assert_eq!(r[0]["code"], "fair.not_found", "{kind}: {v}");
        assert!(r[0]["error"].is_object(), "{kind}: the domain error, for the app to word");
        assert_eq!(r[1]["status"], "accepted", "{kind}: {v}");
        let engine = replay(&api.pull_all().await);
        assert!(engine.state().fairs.contains_key(&ok_fair));
        // The refusal counted: the client's counter moved past it.
        let (_, pulled) = api.get(&format!("/api/events?after=0&client_id={client}")).await;
        assert_eq!(pulled["last_mutation"], 2, "{kind}");
    }
}

#[tokio::test]
async fn an_unknown_command_is_refused_alone() {
    for (kind, store) in common::stores().await {
        let api = Api::over(store).await;
        let client = Uuid::new_v4();
        let good = FairCommand::CreateFair {
            fair_id: FairId(Uuid::new_v4()),
            details: fairlog_domain::testing::xuhui_fair("好的"),
        };
        let body = json!({"client_id": client, "mutations": [
            {"n": 1, "actor": organizer(), "intent": {"fair": {"LaunchRocket": {}}}},
            {"n": 2, "actor": organizer(), "intent": Intent::from(good)},
        ]});
        let (status, v) = api.push(&body).await;
        assert_eq!(status, StatusCode::OK, "{kind}");
        assert_eq!(v["results"][0]["code"], "sync.unknown_command", "{kind}: {v}");
        assert_eq!(v["results"][1]["status"], "accepted", "{kind}: {v}");
        assert_eq!(api.pull_all().await.len(), 1, "{kind}");
    }
}

#[tokio::test]
async fn a_counter_that_jumps_ahead_is_not_applied() {
    for (kind, store) in common::stores().await {
        let api = Api::over(store).await;
        let client = Uuid::new_v4();
        let intent: Intent = FairCommand::CreateFair {
            fair_id: FairId(Uuid::new_v4()),
            details: fairlog_domain::testing::xuhui_fair("跳号"),
        }
        .into();
        let (_, v) = api.push(&push_body(client, &organizer(), 5, &[intent.clone(), intent])).await;
        assert_eq!(v["results"][0], json!({"status": "out_of_order", "n": 5, "expected": 1}), "{kind}");
        assert_eq!(v["results"][1]["status"], "out_of_order", "{kind}");
        assert!(api.pull_all().await.is_empty(), "{kind}");
    }
}

#[tokio::test]
async fn malformed_and_oversized_bodies_get_a_code_and_change_nothing() {
    for (kind, store) in common::stores().await {
        let api = Api::over(store).await;
        let (status, v) = api.post_raw("/api/push", "{not json").await;
        assert_eq!(status, StatusCode::BAD_REQUEST, "{kind}");
        assert_eq!(v["code"], "request.malformed", "{kind}");
        let (status, v) = api.post_raw("/api/push", r#"{"client_id": "nope", "mutations": []}"#).await;
        assert_eq!((status, v["code"].clone()), (StatusCode::BAD_REQUEST, json!("request.malformed")), "{kind}");
        let huge = format!(r#"{{"client_id":"{}","mutations":[],"pad":"{}"}}"#, Uuid::new_v4(), "x".repeat(5 << 20));
        let (status, v) = api.post_raw("/api/push", huge).await;
        assert_eq!(status, StatusCode::PAYLOAD_TOO_LARGE, "{kind}");
        assert_eq!(v["code"], "request.too_large", "{kind}");
        let (status, v) = api.get("/api/nowhere").await;
        assert_eq!((status, v["code"].clone()), (StatusCode::NOT_FOUND, json!("request.not_found")));
        assert!(api.pull_all().await.is_empty(), "{kind}");
    }
}

#[tokio::test]
async fn a_push_of_ten_thousand_commands_is_answered_in_parts() {
    for (kind, store) in common::stores().await {
        let api = Api::over(store).await;
        let client = Uuid::new_v4();
        let fair = FairId(Uuid::new_v4());
        let intents: Vec<Intent> = (0..10_000).map(|_| FairCommand::PublishFair { fair_id: fair }.into()).collect();
        let (status, v) = api.push(&push_body(client, &organizer(), 1, &intents)).await;
        assert_eq!(status, StatusCode::OK, "{kind}");
        let results = v["results"].as_array().unwrap();
        assert_eq!(results.len(), 10_000);
        let decided = results.iter().filter(|r| r["status"] == "refused").count();
        let deferred = results.iter().filter(|r| r["status"] == "deferred").count();
        assert_eq!((decided, deferred), (fairlog_server::protocol::MAX_MUTATIONS_PER_PUSH, 10_000 - 100), "{kind}");
        // The next part continues where the first stopped.
        let rest = &intents[100..200];
        let (_, v) = api.push(&push_body(client, &organizer(), 101, rest)).await;
        assert!(v["results"].as_array().unwrap().iter().all(|r| r["status"] == "refused"), "{kind}");
    }
}

#[tokio::test]
async fn cursors_past_the_end_or_on_another_log_are_told_so() {
    for (kind, store) in common::stores().await {
        let api = Api::over(store).await;
        given_a_fair(&api, 1, 0).await;
        let lines = api.pull_all().await;
        let n = lines.len();
        let (status, v) = api.get(&format!("/api/events?after={}", n + 5)).await;
        assert_eq!((status, v["code"].clone()), (StatusCode::CONFLICT, json!("sync.cursor_ahead")), "{kind}");
        assert_eq!(v["last_seq"], n, "{kind}");
        let good = fairlog_domain::log::hash_line(&lines[1]);
        let (status, v) = api.get(&format!("/api/events?after=2&hash={good}")).await;
        assert_eq!(status, StatusCode::OK, "{kind}: {v}");
        assert_eq!(v["events"].as_array().unwrap().len(), n - 2);
        let (status, v) = api.get(&format!("/api/events?after=2&hash={}", "0".repeat(64))).await;
        assert_eq!((status, v["code"].clone()), (StatusCode::CONFLICT, json!("sync.cursor_mismatch")), "{kind}");
        let (status, v) = api.get("/api/events?after=-1").await;
        assert_eq!((status, v["code"].clone()), (StatusCode::BAD_REQUEST, json!("request.malformed")), "{kind}");
    }
}

#[tokio::test]
async fn two_enterprises_rushing_for_the_last_booth_leave_one_booking_and_a_reason() {
    for (kind, store) in common::stores().await {
        let api = std::sync::Arc::new(Api::over(store).await);
        let (fair_id, booths, enterprises) = given_a_fair(&api, 1, 2).await;
        let mut tasks = Vec::new();
        for (i, e) in enterprises.clone().into_iter().enumerate() {
            // Each enterprise in its own session (invited for that enterprise id, joined).
            let (who, _) = api.account("enterprise", Some(e.0), &format!("企业{i}")).await;
            let api = api.clone();
            let body = push_body(Uuid::new_v4(), &enterprise_actor(e.0), 1, &[request(fair_id, e, booths[0])]);
            tasks.push(tokio::spawn(async move { api.push_as(&who, &body).await.1 }));
        }
        let mut answers: Vec<Value> = Vec::new();
        for t in tasks {
            answers.push(t.await.unwrap()["results"][0].clone());
        }
        let won = answers.iter().filter(|r| r["status"] == "accepted").count();
        let lost: Vec<&Value> = answers.iter().filter(|r| r["status"] == "refused").collect();
        assert_eq!((won, lost.len()), (1, 1), "{kind}: {answers:?}");
        assert_eq!(lost[0]["code"], "booking.booth_taken", "{kind}");
        let engine = replay(&api.pull_all().await);
        let active = engine.state().bookings.values().filter(|b| b.status.is_active()).count();
        assert_eq!(active, 1, "{kind}");
    }
}
