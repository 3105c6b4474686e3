//! Privacy by stream through the real router, on both stores: what an enterprise's pull and
//! live stream carry, checked on the raw response bytes. (The audience is put into the request's
//! extensions, as the accounts layer does from the session.)
mod common;

use std::time::Duration;

use axum::body::Body;
use axum::http::{Request, StatusCode};
use common::{organizer, push_body, replay, Api};
use fairlog_domain::booking::{BookingCommand, BoothTarget};
use fairlog_domain::enterprise::{EnterpriseCommand, KeyCategory};
use fairlog_domain::ids::{BookingId, EnterpriseId, FairId, ZoneId};
use fairlog_domain::privacy::{Audience, Replica};
use fairlog_domain::Intent;
use fairlog_server::rush::set_up_fair;
use http_body_util::BodyExt;
use serde_json::{json, Value};
use tower::ServiceExt;
use uuid::Uuid;

const A_CONTACT: &str = "张甲联系人";
const A_PHONE: &str = "13912345671";
const A_REASON: &str = "资质审核未通过甲";
const A_COMMISSIONER: &str = "李专员甲";

struct Given {
    api: Api,
    fair: FairId,
    a: EnterpriseId,
    b: EnterpriseId,
    /// B's session (the reader).
    b_session: common::Who,
    a_session: common::Who,
}

fn register(i: usize, e: EnterpriseId, contact: &str, phone: &str) -> Intent {
    let mut profile = fairlog_domain::synth_booths::generated_profile(i, format!("隐私测试企业{i}"));
    profile.contact_name = contact.into();
    profile.contact_phone = phone.into();
    EnterpriseCommand::RegisterEnterprise { enterprise_id: e, profile }.into()
}

fn request(fair_id: FairId, e: EnterpriseId, booth_id: fairlog_domain::ids::BoothId, booking: BookingId) -> Intent {
    BookingCommand::RequestBooth {
        booking_id: booking,
        fair_id,
        enterprise_id: e,
        target: BoothTarget::Booth { booth_id },
    }
    .into()
}

/// A fair; enterprise A asks for a booth and is refused with a reason, asks for another, is a
/// key enterprise with a commissioner; enterprise B is registered.
async fn given_a_requests_and_is_refused(api: Api) -> Given {
    let fair = FairId(Uuid::new_v4());
    let (a_session, a) = api.account("enterprise", None, A_CONTACT).await;
    let (b_session, b) = api.account("enterprise", None, "王乙联系人").await;
    let (a, b) = (EnterpriseId(a), EnterpriseId(b));
    let mut intents = set_up_fair(fair, 3, ZoneId(Uuid::new_v4()));
    intents.push(register(0, a, A_CONTACT, A_PHONE));
    intents.push(register(1, b, "王乙联系人", "13912345672"));
    intents.push(EnterpriseCommand::MarkKeyEnterprise { enterprise_id: a, category: KeyCategory::MajorProject }.into());
    intents
        .push(EnterpriseCommand::AssignCommissioner { enterprise_id: a, commissioner: A_COMMISSIONER.into() }.into());
    let (status, v) = api.push(&push_body(Uuid::new_v4(), &organizer(), 1, &intents)).await;
    assert_eq!(status, StatusCode::OK, "{v}");
    let engine = replay(&api.pull_all().await);
    let mut booths: Vec<_> =
        engine.state().floor_plans[&fair].booths.values().map(|b| (b.code.clone(), b.id)).collect();
    booths.sort();
    let a_actor = json!({"role": "enterprise", "name": A_CONTACT, "subject": a.0});
    let (first, second) = (BookingId(Uuid::new_v4()), BookingId(Uuid::new_v4()));
    let client = Uuid::new_v4();
    let (_, v) =
        api.push_as(&a_session, &push_body(client, &a_actor, 1, &[request(fair, a, booths[0].1, first)])).await;
    assert!(v["results"].as_array().unwrap().iter().all(|r| r["status"] == "accepted"), "{v}");
    let reject: Intent = BookingCommand::RejectBooking { booking_id: first, reason: A_REASON.into() }.into();
    api.push(&push_body(Uuid::new_v4(), &organizer(), 1, &[reject])).await;
    let (_, v) =
        api.push_as(&a_session, &push_body(client, &a_actor, 2, &[request(fair, a, booths[1].1, second)])).await;
    assert!(v["results"].as_array().unwrap().iter().all(|r| r["status"] == "accepted"), "{v}");
    Given { api, fair, a, b, b_session, a_session }
}

async fn raw(api: &Api, who: &common::Who, path: &str, audience: Option<Audience>) -> (StatusCode, String) {
    let mut req = Request::get(path).header("cookie", who.cookie.as_str()).body(Body::empty()).unwrap();
    if let Some(a) = audience {
        req.extensions_mut().insert(a);
    }
    let res = api.router.clone().oneshot(req).await.unwrap();
    let status = res.status();
    let bytes = res.into_body().collect().await.unwrap().to_bytes();
    (status, String::from_utf8(bytes.to_vec()).unwrap())
}

/// The SSE body of `/api/stream?after=0` until it has said how far it got (`id: last_seq`).
async fn raw_stream(api: &Api, who: &common::Who, audience: Audience, last_seq: u64) -> String {
    let mut req =
        Request::get("/api/stream?after=0").header("cookie", who.cookie.as_str()).body(Body::empty()).unwrap();
    req.extensions_mut().insert(audience);
    let res = api.router.clone().oneshot(req).await.unwrap();
    assert_eq!(res.status(), StatusCode::OK);
    let mut body = res.into_body();
    let mut text = String::new();
    let until = format!("id: {last_seq}\n");
    while !text.contains(&until) {
        let frame = tokio::time::timeout(Duration::from_secs(10), body.frame())
            .await
            .expect("the stream reaches the head")
            .expect("open")
            .unwrap();
        if let Ok(data) = frame.into_data() {
            text.push_str(std::str::from_utf8(&data).unwrap());
        }
    }
    text
}

fn assert_nothing_of_a(kind: &str, body: &str, a: EnterpriseId) {
    for secret in [A_CONTACT, A_PHONE, A_REASON, A_COMMISSIONER, "KeyEnterpriseMarked", "CommissionerAssigned"] {
        assert!(!body.contains(secret), "{kind}: the body holds {secret:?}: {body}");
    }
    // A's requests are there (the booths are taken) but not as A's.
    assert!(body.contains("BoothRequested"), "{kind}");
    for piece in body.split("BoothRequested").skip(1) {
        let line_rest = piece.split('\n').next().unwrap();
        let line_rest = line_rest.split("\\n").next().unwrap();
        let end = line_rest.find("}}}").unwrap_or(line_rest.len());
        assert!(!line_rest[..end].contains(&a.0.to_string()), "{kind}: a request names A: {line_rest}");
    }
}

#[tokio::test]
async fn another_enterprise_s_pull_and_stream_carry_none_of_a_s_contact_request_or_reason() {
    for (kind, store) in common::stores().await {
        let g = given_a_requests_and_is_refused(Api::over(store).await).await;
        let (_, health) = g.api.get("/api/health").await;
        let last_seq = health["last_seq"].as_u64().unwrap();
        // Pull, in pages of two stored lines, as B.
        let mut pulled = Vec::new();
        let (mut after, mut hash) = (0u64, String::new());
        // B's browser takes each page as it comes, and the cursor the server gives.
        let mut live = Replica::new();
        loop {
            let path = match after {
                0 => "/api/events?after=0&limit=2".to_owned(),
                _ => format!("/api/events?after={after}&limit=2&hash={hash}"),
            };
            let (status, body) = raw(&g.api, &g.b_session, &path, None).await;
            assert_eq!(status, StatusCode::OK, "{kind}: {body}");
            for secret in [A_CONTACT, A_PHONE, A_REASON, A_COMMISSIONER, "KeyEnterpriseMarked"] {
                assert!(!body.contains(secret), "{kind}: a page holds {secret:?}: {body}");
            }
            let v: Value = serde_json::from_str(&body).unwrap();
            let page: Vec<String> =
                v["events"].as_array().unwrap().iter().map(|l| l.as_str().unwrap().to_owned()).collect();
            let seqs = page.iter().map(|l| fairlog_domain::codec::parse_line(l).unwrap().seq);
            live.extend(seqs.zip(page.iter().map(|l| Some(l.as_str())))).expect("the page replays");
            pulled.extend(page);
            after = v["scanned"].as_u64().expect("a filtered page says how far it looked");
            hash = v["scanned_hash"].as_str().unwrap().to_owned();
            live.scanned(after, hash.clone());
            assert_eq!(live.cursor(), (after, hash.as_str()), "{kind}");
            if v["more"] != true {
                break;
            }
        }
        assert_eq!(after, last_seq, "{kind}");
        assert_eq!(hash, health["last_hash"].as_str().unwrap(), "{kind}");
        let all = pulled.join("\n");
        assert_nothing_of_a(kind, &all, g.a);
        // B's browser replays what it got, and sees both of A's booths as they are.
        let records: Vec<(u64, &str)> =
            pulled.iter().map(|l| (fairlog_domain::codec::parse_line(l).unwrap().seq, l.as_str())).collect();
        let (replica, problem) = Replica::restore(records.into_iter().map(|(k, l)| (k, Some(l))));
        assert_eq!(problem, None, "{kind}");
        assert!(replica.state().bookings.values().all(|b| b.enterprise_id != g.a), "{kind}");
        assert!(replica.entries().iter().all(|e| e.actor.subject != Some(g.a.0) || e.actor.name.is_empty()), "{kind}");
        assert_eq!(replica.state().bookings.len(), 2, "{kind}: both of A's requests are known, as someone's");
        let full = replay(&g.api.pull_all().await);
        let states = |s: &fairlog_domain::State| {
            fairlog_domain::views::floor_plan(s, g.fair).booths.into_iter().map(|b| (b.id, b.state)).collect::<Vec<_>>()
        };
        assert_eq!(states(replica.state()), states(full.state()), "{kind}");
        // Nor does anything carry A's account (it would link A's events).
        let a_account = g.a_session.account["id"].as_str().unwrap().to_owned();
        assert!(!all.contains(&a_account), "{kind}: A's account id reached B");
        assert!(full.log().entries().iter().any(|e| e.actor.account.map(|u| u.to_string()) == Some(a_account.clone())));
        // The live stream, as B.
        let sse = raw_stream(&g.api, &g.b_session, Audience::Enterprise(g.b), last_seq).await;
        assert_nothing_of_a(kind, &sse, g.a);
        assert!(!sse.contains(&a_account), "{kind}");
    }
}

#[tokio::test]
async fn the_enterprise_itself_receives_its_own_reason_and_marks() {
    for (kind, store) in common::stores().await {
        let g = given_a_requests_and_is_refused(Api::over(store).await).await;
        let (status, body) = raw(&g.api, &g.a_session, "/api/events?after=0", None).await;
        assert_eq!(status, StatusCode::OK, "{kind}");
        for mine in [A_CONTACT, A_PHONE, A_REASON, A_COMMISSIONER, "KeyEnterpriseMarked"] {
            assert!(body.contains(mine), "{kind}: {mine} missing");
        }
    }
}

#[tokio::test]
async fn without_an_audience_and_for_an_organizer_the_pull_is_the_full_log() {
    for (kind, store) in common::stores().await {
        let g = given_a_requests_and_is_refused(Api::over(store).await).await;
        let (_, none) = raw(&g.api, &g.api.organizer, "/api/events?after=0", None).await;
        let (_, org) = raw(&g.api, &g.api.organizer, "/api/events?after=0", Some(Audience::Organizer)).await;
        assert_eq!(none, org, "{kind}");
        let v: Value = serde_json::from_str(&none).unwrap();
        assert!(v.get("scanned").is_none(), "{kind}: the full log's answer is as before");
        let lines: Vec<String> =
            v["events"].as_array().unwrap().iter().map(|l| l.as_str().unwrap().to_owned()).collect();
        replay(&lines);
        assert!(none.contains(A_REASON) && none.contains(A_CONTACT), "{kind}");
    }
}
