//! Shared test harness: every test runs against each store this machine has (SQLite always,
//! PostgreSQL when `FAIRLOG_TEST_DATABASE_URL` names a server; `scripts/test` starts one and sets
//! `FAIRLOG_REQUIRE_POSTGRES=1`, so there a missing server fails instead of skipping).
#![allow(dead_code)]
use std::path::PathBuf;
use std::sync::Arc;

use axum::body::Body;
use axum::http::{Request, StatusCode};
use fairlog_server::store::{EventStore, SqlStore};
use http_body_util::BodyExt;
use serde_json::{json, Value};
use sqlx::Executor;
use tower::ServiceExt;
use uuid::Uuid;

/// A new, empty temporary folder.
pub fn temp_dir() -> PathBuf {
    let dir = std::env::temp_dir().join(format!("fairlog-server-test-{}", Uuid::new_v4()));
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

/// A database URL of a fresh store of each kind: SQLite in a new folder, PostgreSQL as a new
/// database on the test server.
pub async fn store_urls() -> Vec<(&'static str, String)> {
    let dir = temp_dir();
    let mut out = vec![("sqlite", format!("sqlite://{}?mode=rwc", dir.join("fairlog.sqlite3").display()))];
    match std::env::var("FAIRLOG_TEST_DATABASE_URL") {
        Ok(base) => {
            sqlx::any::install_default_drivers();
            let name = format!("t_{}", Uuid::new_v4().simple());
            let mut conn = <sqlx::AnyConnection as sqlx::Connection>::connect(&base).await.expect("postgres");
            conn.execute(sqlx::AssertSqlSafe(format!("CREATE DATABASE {name}"))).await.expect("create database");
            let url = match base.rsplit_once('/') {
                Some((server, _)) => format!("{server}/{name}"),
                None => panic!("FAIRLOG_TEST_DATABASE_URL has no database part"),
            };
            out.push(("postgres", url));
        }
        Err(_) => {
            assert!(
                std::env::var("FAIRLOG_REQUIRE_POSTGRES").is_err(),
                "FAIRLOG_REQUIRE_POSTGRES is set but FAIRLOG_TEST_DATABASE_URL is not"
            );
            eprintln!("(no FAIRLOG_TEST_DATABASE_URL: PostgreSQL not tested here)");
        }
    }
    out
}

pub async fn stores() -> Vec<(&'static str, Arc<dyn EventStore>)> {
    let mut out: Vec<(&'static str, Arc<dyn EventStore>)> = Vec::new();
    for (kind, url) in store_urls().await {
        out.push((kind, Arc::new(SqlStore::open(&url).await.expect("open store"))));
    }
    out
}

/// The organizer every test harness signs in as, and the password all test accounts use.
pub const ORGANIZER: &str = "王敏";
pub const PASSWORD: &str = "correct horse battery staple";

/// A signed-in session, as a browser holds it: the cookie and the CSRF token.
#[derive(Debug, Clone)]
pub struct Who {
    pub cookie: String,
    pub csrf: String,
    pub account: Value,
}

/// The real router over a store, called in-process, with an organizer signed in.
pub struct Api {
    pub router: axum::Router,
    pub store: Arc<dyn EventStore>,
    pub clock: fairlog_server::auth::Clock,
    pub organizer: Who,
}

/// The session cookie (`fairlog_session=…`) a response sets, if any.
pub fn set_cookie(headers: &axum::http::HeaderMap) -> Option<String> {
    headers
        .get_all("set-cookie")
        .iter()
        .filter_map(|v| v.to_str().ok())
        .find(|v| v.starts_with("fairlog_session="))
        .map(str::to_owned)
}

impl Api {
    pub async fn over(store: Arc<dyn EventStore>) -> Self {
        let config = fairlog_server::auth::AuthConfig { fast_hash: true, ..Default::default() };
        let clock = config.clock.clone();
        let router = fairlog_server::app_with(store.clone(), None, config).await.expect("app");
        fairlog_server::auth::create_account(
            store.as_ref(),
            ORGANIZER,
            fairlog_domain::Role::Organizer,
            None,
            PASSWORD,
            true,
        )
        .await
        .expect("organizer");
        let mut api = Self {
            router,
            store,
            clock,
            organizer: Who { cookie: String::new(), csrf: String::new(), account: Value::Null },
        };
        api.organizer = api.sign_in(ORGANIZER, PASSWORD).await.expect("organizer signs in");
        api
    }

    /// Call the router; the status, the headers and the body (JSON, else the text as a string).
    pub async fn call_full(&self, req: Request<Body>) -> (StatusCode, axum::http::HeaderMap, Value) {
        let res = self.router.clone().oneshot(req).await.unwrap();
        let status = res.status();
        let headers = res.headers().clone();
        let bytes = res.into_body().collect().await.unwrap().to_bytes();
        let value =
            serde_json::from_slice(&bytes).unwrap_or_else(|_| Value::String(String::from_utf8_lossy(&bytes).into()));
        (status, headers, value)
    }

    pub async fn call(&self, req: Request<Body>) -> (StatusCode, Value) {
        let (status, _, value) = self.call_full(req).await;
        (status, value)
    }

    /// A POST in a session (cookie and CSRF header), or without one.
    pub async fn post_as(&self, who: Option<&Who>, path: &str, body: impl Into<Body>) -> (StatusCode, Value) {
        let mut req = Request::post(path).header("content-type", "application/json");
        if let Some(w) = who {
            req = req.header("cookie", w.cookie.as_str()).header("x-fairlog-csrf", w.csrf.as_str());
        }
        self.call(req.body(body.into()).unwrap()).await
    }

    pub async fn get_as(&self, who: Option<&Who>, path: &str) -> (StatusCode, Value) {
        let mut req = Request::get(path);
        if let Some(w) = who {
            req = req.header("cookie", w.cookie.as_str());
        }
        self.call(req.body(Body::empty()).unwrap()).await
    }

    /// As the organizer.
    pub async fn post_raw(&self, path: &str, body: impl Into<Body>) -> (StatusCode, Value) {
        self.post_as(Some(&self.organizer), path, body).await
    }

    pub async fn push(&self, body: &Value) -> (StatusCode, Value) {
        self.post_raw("/api/push", body.to_string()).await
    }

    pub async fn push_as(&self, who: &Who, body: &Value) -> (StatusCode, Value) {
        self.post_as(Some(who), "/api/push", body.to_string()).await
    }

    pub async fn get(&self, path: &str) -> (StatusCode, Value) {
        self.get_as(Some(&self.organizer), path).await
    }

    /// Sign in over the API: the session, or the refusal (status and body).
    pub async fn sign_in(&self, name: &str, password: &str) -> Result<Who, (StatusCode, Value)> {
        let body = json!({"name": name, "password": password}).to_string();
        let req = Request::post("/api/auth/sign-in")
            .header("content-type", "application/json")
            .body(Body::from(body))
            .unwrap();
        self.session_of(req).await
    }

    async fn session_of(&self, req: Request<Body>) -> Result<Who, (StatusCode, Value)> {
        let (status, headers, v) = self.call_full(req).await;
        match (status, set_cookie(&headers)) {
            (StatusCode::OK, Some(c)) => Ok(Who {
                cookie: c.split(';').next().unwrap().to_owned(),
                csrf: v["csrf"].as_str().unwrap().to_owned(),
                account: v["account"].clone(),
            }),
            _ => Err((status, v)),
        }
    }

    /// The organizer invites `role` (for `subject`); returns the invitation's answer.
    pub async fn invite(&self, role: &str, subject: Option<Uuid>) -> Value {
        let (status, v) =
            self.post_raw("/api/invitations", json!({"role": role, "subject": subject}).to_string()).await;
        assert_eq!(status, StatusCode::OK, "{v}");
        v
    }

    pub async fn join(&self, token: &str, name: &str, password: &str) -> Result<Who, (StatusCode, Value)> {
        let body = json!({"token": token, "name": name, "password": password}).to_string();
        let req =
            Request::post("/api/auth/join").header("content-type", "application/json").body(Body::from(body)).unwrap();
        self.session_of(req).await
    }

    /// A new account of `role` for `subject` (an enterprise: a fresh id when none), invited by the
    /// organizer and joined; returns its session and subject.
    pub async fn account(&self, role: &str, subject: Option<Uuid>, name: &str) -> (Who, Uuid) {
        let inv = self.invite(role, subject).await;
        let who = self.join(inv["token"].as_str().unwrap(), name, PASSWORD).await.expect("joins");
        let subject = Uuid::parse_str(inv["subject"].as_str().unwrap()).unwrap();
        (who, subject)
    }

    /// Every stored line, pulled page by page as a client would.
    pub async fn pull_all(&self) -> Vec<String> {
        let mut lines = Vec::new();
        loop {
            let (status, v) = self.get(&format!("/api/events?after={}", lines.len())).await;
            assert_eq!(status, StatusCode::OK, "{v}");
            for l in v["events"].as_array().unwrap() {
                lines.push(l.as_str().unwrap().to_owned());
            }
            if v["more"] != true {
                return lines;
            }
        }
    }
}

pub fn organizer() -> Value {
    json!({"role": "organizer", "name": "王敏"})
}

pub fn enterprise_actor(id: Uuid) -> Value {
    json!({"role": "enterprise", "name": "企业联系人", "subject": id})
}

/// A push body of intents from one client, numbered from `first_n`.
pub fn push_body(client: Uuid, actor: &Value, first_n: u64, intents: &[fairlog_domain::Intent]) -> Value {
    let mutations: Vec<Value> = intents
        .iter()
        .enumerate()
        .map(|(i, intent)| json!({"n": first_n + i as u64, "actor": actor, "intent": intent}))
        .collect();
    json!({"client_id": client, "mutations": mutations})
}

/// Replay pulled lines with the domain's own restore (sequence, schema, chain all checked).
pub fn replay(lines: &[String]) -> fairlog_domain::Engine {
    let (engine, problem) =
        fairlog_domain::Engine::restore(lines.iter().enumerate().map(|(i, l)| (i as u64 + 1, Some(l.as_str()))));
    assert_eq!(problem, None, "the pulled log verifies");
    engine
}
