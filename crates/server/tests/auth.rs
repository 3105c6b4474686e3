//! Accounts, sessions, invitations, CSRF and throttling through the real router, on both stores:
//! given accounts, when someone signs in, joins, forges or hammers, then what they are answered.
mod common;

use std::time::{Duration, Instant};

use axum::body::Body;
use axum::http::{Request, StatusCode};
use common::{push_body, Api, Who, PASSWORD};
use fairlog_domain::fair::FairCommand;
use fairlog_domain::ids::FairId;
use fairlog_domain::Intent;
use serde_json::{json, Value};
use uuid::Uuid;

fn create_fair(name: &str) -> Intent {
    FairCommand::CreateFair { fair_id: FairId(Uuid::new_v4()), details: fairlog_domain::testing::xuhui_fair(name) }
        .into()
}

fn code(v: &Value) -> &str {
    v["code"].as_str().unwrap_or("")
}

async fn sign_in_raw(api: &Api, name: &str, password: &str) -> (StatusCode, Value) {
    api.post_as(None, "/api/auth/sign-in", json!({"name": name, "password": password}).to_string()).await
}

#[tokio::test]
async fn sign_in_sets_an_http_only_strict_cookie_and_me_answers_with_the_account() {
    for (kind, store) in common::stores().await {
        let api = Api::over(store).await;
        // When the organizer signs in
        let body = json!({"name": common::ORGANIZER, "password": PASSWORD}).to_string();
        let req = Request::post("/api/auth/sign-in").header("content-type", "application/json");
        let (status, headers, v) = api.call_full(req.body(Body::from(body.clone())).unwrap()).await;
        // Then a session cookie with every flag, Secure since the host is not loopback
        assert_eq!(status, StatusCode::OK, "{kind}: {v}");
        let cookie = common::set_cookie(&headers).unwrap();
        for flag in ["HttpOnly", "SameSite=Strict", "Path=/", "Max-Age=604800", "Secure"] {
            assert!(cookie.contains(flag), "{kind}: {cookie} has {flag}");
        }
        assert_eq!(v["account"]["role"], "organizer", "{kind}");
        assert_eq!(v["account"]["name"], common::ORGANIZER, "{kind}");
        assert_eq!(v["account"]["disabled"], false, "{kind}");
        assert!(v["csrf"].as_str().unwrap().len() >= 32, "{kind}");
        // On a loopback host the cookie is not Secure (plain http://127.0.0.1 works)
        let req = Request::post("/api/auth/sign-in")
            .header("content-type", "application/json")
            .header("host", "127.0.0.1:8080");
        let (_, headers, _) = api.call_full(req.body(Body::from(body)).unwrap()).await;
        assert!(!common::set_cookie(&headers).unwrap().contains("Secure"), "{kind}");
        // And me answers with the same account and the session's CSRF token
        let (status, me) = api.get("/api/auth/me").await;
        assert_eq!(status, StatusCode::OK, "{kind}");
        assert_eq!(me["account"], api.organizer.account, "{kind}");
        assert_eq!(me["csrf"], api.organizer.csrf.as_str(), "{kind}");
    }
}

#[tokio::test]
async fn the_log_is_closed_without_a_session() {
    for (kind, store) in common::stores().await {
        let api = Api::over(store).await;
        // Given an event in the log
        let (_, v) = api.push(&push_body(Uuid::new_v4(), &common::organizer(), 1, &[create_fair("一")])).await;
        assert_eq!(v["results"][0]["status"], "accepted", "{kind}: {v}");
        // When someone without a session pushes, pulls or streams
        let body = push_body(Uuid::new_v4(), &common::organizer(), 1, &[create_fair("二")]).to_string();
        let (push, pv) = api.post_as(None, "/api/push", body).await;
        let (pull, lv) = api.get_as(None, "/api/events?after=0").await;
        let (stream, sv) = api.get_as(None, "/api/stream?after=0").await;
        let (me, mv) = api.get_as(None, "/api/auth/me").await;
        // Then 401 auth.signed_out each time, and nothing was applied
        for (status, v) in [(push, pv), (pull, lv), (stream, sv), (me, mv)] {
            assert_eq!((status, code(&v)), (StatusCode::UNAUTHORIZED, "auth.signed_out"), "{kind}: {v}");
        }
        assert_eq!(api.pull_all().await.len(), 1, "{kind}");
        // The health check stays public
        assert_eq!(api.get_as(None, "/api/health").await.0, StatusCode::OK, "{kind}");
    }
}

#[tokio::test]
async fn a_forged_expired_or_revoked_session_cookie_is_signed_out() {
    for (kind, store) in common::stores().await {
        let api = Api::over(store).await;
        let push = |n: u64| push_body(Uuid::new_v4(), &common::organizer(), n, &[create_fair("会话")]);
        // A forged cookie (right shape, never issued)
        let forged = Who { cookie: format!("fairlog_session={}", "ab".repeat(32)), ..api.organizer.clone() };
        let (status, v) = api.push_as(&forged, &push(1)).await;
        assert_eq!((status, code(&v)), (StatusCode::UNAUTHORIZED, "auth.signed_out"), "{kind}: forged");
        // A stolen cookie, revoked by signing out: useless afterwards
        let stolen = api.sign_in(common::ORGANIZER, PASSWORD).await.unwrap();
        assert_eq!(api.get_as(Some(&stolen), "/api/auth/me").await.0, StatusCode::OK, "{kind}");
        let (status, _) = api.post_as(Some(&stolen), "/api/auth/sign-out", "{}").await;
        assert_eq!(status, StatusCode::OK, "{kind}");
        let (status, v) = api.push_as(&stolen, &push(1)).await;
        assert_eq!((status, code(&v)), (StatusCode::UNAUTHORIZED, "auth.signed_out"), "{kind}: revoked");
        // The organizer's other session is still good
        assert_eq!(api.get("/api/auth/me").await.0, StatusCode::OK, "{kind}");
        // An expired one: a week and a minute later
        api.clock.advance(Duration::from_secs(7 * 24 * 3600 + 60));
        let (status, v) = api.get("/api/auth/me").await;
        assert_eq!((status, code(&v)), (StatusCode::UNAUTHORIZED, "auth.signed_out"), "{kind}: expired");
        assert_eq!(api.get("/api/events?after=0").await.0, StatusCode::UNAUTHORIZED, "{kind}");
        assert!(api.store.head().await.unwrap().last_seq == 0, "{kind}: nothing applied");
    }
}

#[tokio::test]
async fn a_post_without_the_csrf_token_or_from_another_site_is_refused() {
    for (kind, store) in common::stores().await {
        let api = Api::over(store).await;
        let body = push_body(Uuid::new_v4(), &common::organizer(), 1, &[create_fair("跨站")]).to_string();
        // The session cookie alone (what a cross-site form would send)
        let req = Request::post("/api/push")
            .header("content-type", "application/json")
            .header("cookie", api.organizer.cookie.as_str());
        let (status, v) = api.call(req.body(Body::from(body.clone())).unwrap()).await;
        assert_eq!((status, code(&v)), (StatusCode::FORBIDDEN, "auth.csrf"), "{kind}: no token");
        // A wrong token
        let wrong = Who { csrf: "0".repeat(64), ..api.organizer.clone() };
        let (status, v) = api.push_as(&wrong, &serde_json::from_str(&body).unwrap()).await;
        assert_eq!((status, code(&v)), (StatusCode::FORBIDDEN, "auth.csrf"), "{kind}: wrong token");
        // Sign-out, invitations, disabling: the same
        for path in ["/api/auth/sign-out", "/api/invitations", "/api/auth/password"] {
            let (status, v) = api.post_as(Some(&wrong), path, "{}").await;
            assert_eq!((status, code(&v)), (StatusCode::FORBIDDEN, "auth.csrf"), "{kind}: {path}");
        }
        // Sign-in from another site, by Origin or by Sec-Fetch-Site
        let sign_in = json!({"name": common::ORGANIZER, "password": PASSWORD}).to_string();
        for (h, v) in [("origin", "https://evil.example"), ("sec-fetch-site", "cross-site")] {
            let req = Request::post("/api/auth/sign-in")
                .header("content-type", "application/json")
                .header("host", "fair.example")
                .header(h, v);
            let (status, body) = api.call(req.body(Body::from(sign_in.clone())).unwrap()).await;
            assert_eq!((status, code(&body)), (StatusCode::FORBIDDEN, "auth.csrf"), "{kind}: {h}");
        }
        // The same origin is fine
        let req = Request::post("/api/auth/sign-in")
            .header("content-type", "application/json")
            .header("host", "fair.example")
            .header("origin", "https://fair.example")
            .header("sec-fetch-site", "same-origin");
        assert_eq!(api.call(req.body(Body::from(sign_in)).unwrap()).await.0, StatusCode::OK, "{kind}");
        // Nothing was applied; and with the token it goes through
        assert_eq!(api.store.head().await.unwrap().last_seq, 0, "{kind}");
        let (status, v) = api.push(&serde_json::from_str(&body).unwrap()).await;
        assert_eq!((status, v["results"][0]["status"].clone()), (StatusCode::OK, json!("accepted")), "{kind}");
    }
}

#[tokio::test]
async fn a_reused_expired_or_forged_invitation_is_refused() {
    for (kind, store) in common::stores().await {
        let api = Api::over(store).await;
        // Given an invitation, used once
        let inv = api.invite("enterprise", None).await;
        let token = inv["token"].as_str().unwrap();
        assert_eq!(inv["path"], format!("/#/join/{token}"), "{kind}");
        let (_, shown) = api.get_as(None, &format!("/api/invitations/{token}")).await;
        assert_eq!((shown["role"].clone(), shown["valid"].clone()), (json!("enterprise"), json!(true)), "{kind}");
        let who = api.join(token, "陈红", PASSWORD).await.expect("joins");
        assert_eq!(who.account["subject"], inv["subject"], "{kind}: the invitation's enterprise");
        // When it is used again
        let (status, v) = api.join(token, "李雷", PASSWORD).await.unwrap_err();
        assert_eq!((status, code(&v)), (StatusCode::GONE, "auth.invitation_used"), "{kind}");
        let (_, shown) = api.get_as(None, &format!("/api/invitations/{token}")).await;
        assert_eq!(shown["valid"], false, "{kind}");
        // A forged one
        let (status, v) = api.join(&"f".repeat(64), "李雷", PASSWORD).await.unwrap_err();
        assert_eq!((status, code(&v)), (StatusCode::NOT_FOUND, "auth.invitation_unknown"), "{kind}");
        let (status, _) = api.get_as(None, &format!("/api/invitations/{}", "f".repeat(64))).await;
        assert_eq!(status, StatusCode::NOT_FOUND, "{kind}");
        // An expired one: eight days later
        let late = api.invite("enterprise", None).await;
        api.clock.advance(Duration::from_secs(8 * 24 * 3600));
        let (status, v) = api.join(late["token"].as_str().unwrap(), "韩梅", PASSWORD).await.unwrap_err();
        assert_eq!((status, code(&v)), (StatusCode::GONE, "auth.invitation_expired"), "{kind}");
        // Then only the first join made an account
        let me = api.sign_in(common::ORGANIZER, PASSWORD).await.unwrap();
        let (_, list) = api.get_as(Some(&me), "/api/accounts").await;
        let names: Vec<&str> =
            list["accounts"].as_array().unwrap().iter().map(|a| a["name"].as_str().unwrap()).collect();
        assert_eq!(names, vec![common::ORGANIZER, "陈红"], "{kind}");
    }
}

#[tokio::test]
async fn a_hundred_wrong_passwords_lock_the_name_and_say_until_when() {
    for (kind, store) in common::stores().await {
        let api = Api::over(store).await;
        let started = Instant::now();
        let (mut bad, mut throttled, mut locked) = (0, 0, 0);
        let mut until = String::new();
        for _ in 0..100 {
            let (status, v) = sign_in_raw(&api, common::ORGANIZER, "wrong password!").await;
            match code(&v) {
                "auth.bad_password" => bad += 1,
                "auth.throttled" => {
                    // The wait grows; the test clock waits it out at once.
                    assert_eq!(status, StatusCode::TOO_MANY_REQUESTS, "{kind}");
                    throttled += 1;
                    api.clock.advance(Duration::from_secs(20));
                }
                "auth.locked" => {
                    assert_eq!(status, StatusCode::TOO_MANY_REQUESTS, "{kind}");
                    locked += 1;
                    until = v["until"].as_str().unwrap().to_owned();
                    assert!(v["message"].as_str().unwrap().contains(&until), "{kind}: the message says until when");
                }
                other => panic!("{kind}: {other}: {v}"),
            }
        }
        // Then nine plain refusals, a wait after each of the 5th to 9th, and locked from the 10th
        assert_eq!(bad, 9, "{kind}");
        assert_eq!(throttled, 5, "{kind}");
        assert_eq!(locked, 100 - 9 - 5, "{kind}");
        let until = chrono::DateTime::parse_from_rfc3339(&until).unwrap();
        let now = chrono::Utc::now() + chrono::Duration::seconds(5 * 20);
        assert!((until.signed_duration_since(now).num_minutes() - 15).abs() <= 1, "{kind}: about 15 minutes");
        // The right password is refused while locked, and works after the lock
        let (_, v) = sign_in_raw(&api, common::ORGANIZER, PASSWORD).await;
        assert_eq!(code(&v), "auth.locked", "{kind}");
        api.clock.advance(Duration::from_secs(15 * 60 + 1));
        assert!(api.sign_in(common::ORGANIZER, PASSWORD).await.is_ok(), "{kind}");
        // And the audit tells the organizer
        let (_, audit) = api.get("/api/audit?limit=1000").await;
        let kinds: Vec<&str> =
            audit["entries"].as_array().unwrap().iter().map(|e| e["kind"].as_str().unwrap()).collect();
        assert_eq!(kinds.iter().filter(|k| **k == "sign_in_failed").count(), 10, "{kind}");
        assert!(kinds.contains(&"sign_in_locked"), "{kind}");
        assert!(started.elapsed() < Duration::from_secs(20), "{kind}: no real waiting");
    }
}

#[tokio::test]
async fn failures_from_one_address_lock_it_for_every_name() {
    for (kind, store) in common::stores().await {
        let api = Api::over(store).await;
        let from = |name: String| {
            let mut req = Request::post("/api/auth/sign-in")
                .header("content-type", "application/json")
                .body(Body::from(json!({"name": name, "password": "wrong password!"}).to_string()))
                .unwrap();
            let addr: std::net::SocketAddr = "203.0.113.7:5000".parse().unwrap();
            req.extensions_mut().insert(axum::extract::ConnectInfo(addr));
            req
        };
        let mut last = Value::Null;
        for i in 0..10 {
            api.clock.advance(Duration::from_secs(60));
            last = api.call(from(format!("猜测{i}"))).await.1;
        }
        assert_eq!(code(&last), "auth.locked", "{kind}: {last}");
        let (_, v) = api.call(from("另一个名字".into())).await;
        assert_eq!(code(&v), "auth.locked", "{kind}: the address is locked");
        // Another address is not
        let (_, v) = sign_in_raw(&api, "另一个名字", "wrong password!").await;
        assert_eq!(code(&v), "auth.bad_password", "{kind}");
    }
}

#[tokio::test]
async fn a_megabyte_password_is_refused_before_hashing() {
    for (kind, store) in common::stores().await {
        let api = Api::over(store).await;
        let huge = "密".repeat(350_000); // ~1 MB of UTF-8
        let inv = api.invite("enterprise", None).await;
        let started = Instant::now();
        let (status, v) = sign_in_raw(&api, common::ORGANIZER, &huge).await;
        assert_eq!((status, code(&v)), (StatusCode::BAD_REQUEST, "auth.password_too_long"), "{kind}");
        let (status, v) = api.join(inv["token"].as_str().unwrap(), "陈红", &huge).await.unwrap_err();
        assert_eq!((status, code(&v)), (StatusCode::BAD_REQUEST, "auth.password_too_long"), "{kind}");
        let (status, v) = api.post_raw("/api/auth/password", json!({"old": PASSWORD, "new": huge}).to_string()).await;
        assert_eq!((status, code(&v)), (StatusCode::BAD_REQUEST, "auth.password_too_long"), "{kind}");
        assert!(started.elapsed() < Duration::from_secs(5), "{kind}");
        // 256 characters is still a password, 7 is not
        let ok = "码".repeat(256);
        let who = api.join(inv["token"].as_str().unwrap(), "陈红", &ok).await.expect("256 characters");
        assert!(api.sign_in("陈红", &ok).await.is_ok(), "{kind}");
        let (status, v) =
            api.post_as(Some(&who), "/api/auth/password", json!({"old": ok, "new": "short"}).to_string()).await;
        assert_eq!((status, code(&v)), (StatusCode::BAD_REQUEST, "auth.password_too_short"), "{kind}");
    }
}

#[tokio::test]
async fn a_name_with_html_is_kept_as_text_and_control_characters_are_refused() {
    for (kind, store) in common::stores().await {
        let api = Api::over(store).await;
        let html = "<img src=x onerror=alert(1)>&amp;";
        let inv = api.invite("enterprise", None).await;
        let token = inv["token"].as_str().unwrap();
        for (name, expected) in [
            ("陈\u{0}红", "account.name_invalid"),
            ("\n\t", "account.name_required"),
            ("a\u{7}b", "account.name_invalid"),
            ("\u{1b}[31m红", "account.name_invalid"),
            (&"长".repeat(61), "account.name_too_long"),
            ("   ", "account.name_required"),
        ] {
            let (status, v) = api.join(token, name, PASSWORD).await.unwrap_err();
            assert_eq!((status, code(&v)), (StatusCode::BAD_REQUEST, expected), "{kind}: {name:?}");
        }
        // HTML is just text: stored and answered as given
        let who = api.join(token, html, PASSWORD).await.expect("an HTML name is a name");
        assert_eq!(who.account["name"], html, "{kind}");
        let (_, me) = api.get_as(Some(&who), "/api/auth/me").await;
        assert_eq!(me["account"]["name"], html, "{kind}");
        assert!(api.sign_in(html, PASSWORD).await.is_ok(), "{kind}");
        // And a command it pushes is recorded with that name, verbatim
        let e = fairlog_domain::ids::EnterpriseId(Uuid::parse_str(inv["subject"].as_str().unwrap()).unwrap());
        let (_, v) = api
            .push_as(
                &who,
                &push_body(Uuid::new_v4(), &common::organizer(), 1, &[fairlog_server::rush::enterprise(0, e)]),
            )
            .await;
        assert_eq!(v["results"][0]["status"], "accepted", "{kind}: {v}");
        let engine = common::replay(&api.pull_all().await);
        assert_eq!(engine.log().entries().last().unwrap().actor.name, html, "{kind}");
    }
}

#[tokio::test]
async fn sql_metacharacters_in_every_field_are_only_text() {
    for (kind, store) in common::stores().await {
        let api = Api::over(store).await;
        let evil = "'); DROP TABLE accounts;--";
        let quote = "x' OR '1'='1";
        // Invitation name, join name and password, sign-in name and password, token, cookie,
        // CSRF header, path id, query
        let (status, inv) =
            api.post_raw("/api/invitations", json!({"role": "enterprise", "name": evil}).to_string()).await;
        assert_eq!(status, StatusCode::OK, "{kind}: {inv}");
        let token = inv["token"].as_str().unwrap();
        let pw = format!("{evil}{quote}");
        let who = api.join(token, "ignored", &pw).await.expect("joins");
        assert_eq!(who.account["name"], evil, "{kind}: the invitation's name, verbatim");
        assert!(api.sign_in(evil, &pw).await.is_ok(), "{kind}");
        assert_eq!(sign_in_raw(&api, evil, quote).await.1["code"], "auth.bad_password", "{kind}");
        assert_eq!(sign_in_raw(&api, quote, quote).await.1["code"], "auth.bad_password", "{kind}");
        assert_eq!(api.get_as(None, &format!("/api/invitations/{}", urlencode(quote))).await.0, StatusCode::NOT_FOUND);
        assert_eq!(api.join(quote, evil, &pw).await.unwrap_err().0, StatusCode::NOT_FOUND, "{kind}");
        let cookie = Who { cookie: format!("fairlog_session={quote}"), csrf: quote.into(), account: Value::Null };
        assert_eq!(api.get_as(Some(&cookie), "/api/auth/me").await.0, StatusCode::UNAUTHORIZED, "{kind}");
        let (status, _) = api.post_raw(&format!("/api/accounts/{}/disable", urlencode(quote)), "{}").await;
        assert_eq!(status, StatusCode::NOT_FOUND, "{kind}");
        let (status, _) = api.get(&format!("/api/audit?limit={}", urlencode(evil))).await;
        assert_eq!(status, StatusCode::BAD_REQUEST, "{kind}");
        let (status, _) = api.post_raw("/api/invitations", json!({"role": evil, "name": quote}).to_string()).await;
        assert_eq!(status, StatusCode::BAD_REQUEST, "{kind}");
        // Then every table is there and holds what was typed
        let (status, list) = api.get("/api/accounts").await;
        assert_eq!(status, StatusCode::OK, "{kind}");
        let names: Vec<&str> =
            list["accounts"].as_array().unwrap().iter().map(|a| a["name"].as_str().unwrap()).collect();
        assert_eq!(names, vec![common::ORGANIZER, evil], "{kind}");
        let (_, audit) = api.get("/api/audit").await;
        assert!(audit["entries"].as_array().unwrap().iter().any(|e| e["name"] == quote), "{kind}");
    }
}

fn urlencode(s: &str) -> String {
    s.bytes().map(|b| if b.is_ascii_alphanumeric() { (b as char).to_string() } else { format!("%{b:02X}") }).collect()
}

#[tokio::test]
async fn only_organizers_invite_list_disable_and_read_the_audit() {
    for (kind, store) in common::stores().await {
        let api = Api::over(store).await;
        let (ent, _) = api.account("enterprise", None, "陈红").await;
        let id = ent.account["id"].as_str().unwrap().to_owned();
        for (status, v) in [
            api.post_as(Some(&ent), "/api/invitations", json!({"role": "organizer"}).to_string()).await,
            api.get_as(Some(&ent), "/api/accounts").await,
            api.get_as(Some(&ent), "/api/audit").await,
            api.post_as(Some(&ent), &format!("/api/accounts/{id}/disable"), "{}").await,
        ] {
            assert_eq!((status, code(&v)), (StatusCode::FORBIDDEN, "auth.forbidden"), "{kind}: {v}");
        }
        // The organizer disables it: its session ends, it cannot sign in; enabled, it can
        let (status, v) = api.post_raw(&format!("/api/accounts/{id}/disable"), "{}").await;
        assert_eq!((status, v["account"]["disabled"].clone()), (StatusCode::OK, json!(true)), "{kind}: {v}");
        assert_eq!(api.get_as(Some(&ent), "/api/auth/me").await.0, StatusCode::UNAUTHORIZED, "{kind}");
        let (status, v) = sign_in_raw(&api, "陈红", PASSWORD).await;
        assert_eq!((status, code(&v)), (StatusCode::FORBIDDEN, "auth.disabled"), "{kind}");
        let (_, list) = api.get("/api/accounts").await;
        assert!(list["accounts"].as_array().unwrap().iter().any(|a| a["name"] == "陈红" && a["disabled"] == true));
        api.post_raw(&format!("/api/accounts/{id}/enable"), "{}").await;
        assert!(api.sign_in("陈红", PASSWORD).await.is_ok(), "{kind}");
        // An organizer cannot lock themselves out
        let me = api.organizer.account["id"].as_str().unwrap().to_owned();
        assert_eq!(api.post_raw(&format!("/api/accounts/{me}/disable"), "{}").await.1["code"], "account.self");
        let (_, audit) = api.get("/api/audit").await;
        let kinds: Vec<&str> =
            audit["entries"].as_array().unwrap().iter().map(|e| e["kind"].as_str().unwrap()).collect();
        for k in ["account_disabled", "account_enabled", "invitation_created", "joined", "sign_in"] {
            assert!(kinds.contains(&k), "{kind}: audit has {k}: {kinds:?}");
        }
        // Pending invitations are listed (without their tokens)
        let inv = api.invite("host", Some(Uuid::new_v4())).await;
        let (_, list) = api.get("/api/accounts").await;
        let pending = list["invitations"].as_array().unwrap();
        assert_eq!(pending.len(), 1, "{kind}");
        assert!(!pending[0].to_string().contains(inv["token"].as_str().unwrap()), "{kind}");
    }
}

#[tokio::test]
async fn a_new_password_signs_out_the_other_sessions() {
    for (kind, store) in common::stores().await {
        let api = Api::over(store).await;
        let other = api.sign_in(common::ORGANIZER, PASSWORD).await.unwrap();
        let (status, v) = api
            .post_raw("/api/auth/password", json!({"old": "not it at all", "new": "new password 1"}).to_string())
            .await;
        assert_eq!((status, code(&v)), (StatusCode::UNAUTHORIZED, "auth.bad_password"), "{kind}");
        let (status, v) =
            api.post_raw("/api/auth/password", json!({"old": PASSWORD, "new": "new password 1"}).to_string()).await;
        assert_eq!(status, StatusCode::OK, "{kind}: {v}");
        assert_eq!(api.get("/api/auth/me").await.0, StatusCode::OK, "{kind}: this session stays");
        assert_eq!(api.get_as(Some(&other), "/api/auth/me").await.0, StatusCode::UNAUTHORIZED, "{kind}");
        assert!(api.sign_in(common::ORGANIZER, PASSWORD).await.is_err(), "{kind}");
        assert!(api.sign_in(common::ORGANIZER, "new password 1").await.is_ok(), "{kind}");
    }
}

#[tokio::test]
async fn a_live_stream_ends_when_its_session_is_signed_out() {
    use http_body_util::BodyExt;
    use tower::ServiceExt;
    for (kind, store) in common::stores().await {
        let api = Api::over(store).await;
        let push = |n: u64, name: &str| push_body(Uuid::new_v4(), &common::organizer(), n, &[create_fair(name)]);
        api.push(&push(1, "一")).await;
        // Given a stream followed in a second session
        let watcher = api.sign_in(common::ORGANIZER, PASSWORD).await.unwrap();
        let req = Request::get("/api/stream?after=0").header("cookie", watcher.cookie.as_str()).body(Body::empty());
        let res = api.router.clone().oneshot(req.unwrap()).await.unwrap();
        assert_eq!(res.status(), StatusCode::OK, "{kind}");
        let mut body = res.into_body();
        let first = tokio::time::timeout(Duration::from_secs(10), body.frame()).await.unwrap().unwrap().unwrap();
        assert!(String::from_utf8_lossy(first.data_ref().unwrap()).contains("id: 1"), "{kind}");
        // When that session signs out and the log moves on
        api.post_as(Some(&watcher), "/api/auth/sign-out", "{}").await;
        api.push(&push(1, "二")).await;
        // Then the stream ends without sending the new event
        let next = tokio::time::timeout(Duration::from_secs(10), body.frame()).await.expect("the stream ends");
        assert!(next.is_none(), "{kind}: {:?}", next.map(|f| f.ok().and_then(|f| f.into_data().ok())));
        let (status, _) = api.get_as(Some(&watcher), "/api/stream?after=1").await;
        assert_eq!(status, StatusCode::UNAUTHORIZED, "{kind}: and a reconnect is refused");
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn fifty_wrong_passwords_at_once_check_at_most_ten() {
    for (kind, store) in common::stores().await {
        let api = std::sync::Arc::new(Api::over(store).await);
        // When fifty guesses for one name arrive together
        let mut tasks = Vec::new();
        for i in 0..50 {
            let api = api.clone();
            tasks.push(tokio::spawn(async move {
                sign_in_raw(&api, common::ORGANIZER, &format!("guess number {i}")).await
            }));
        }
        let mut codes = Vec::new();
        for t in tasks {
            codes.push(code(&t.await.unwrap().1).to_owned());
        }
        // Then no more than ten were checked against the hash: each attempt is counted before
        // its password is, so they cannot all pass on the same old count
        let checked = codes.iter().filter(|c| *c == "auth.bad_password").count();
        assert!(checked <= 10, "{kind}: {checked} guesses checked: {codes:?}");
        assert!(
            codes.iter().all(|c| ["auth.bad_password", "auth.locked", "auth.throttled"].contains(&c.as_str())),
            "{kind}"
        );
        let (_, v) = sign_in_raw(&api, common::ORGANIZER, PASSWORD).await;
        assert_eq!(code(&v), "auth.locked", "{kind}: the name is locked, even for the right password");
    }
}
