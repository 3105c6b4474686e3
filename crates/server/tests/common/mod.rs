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

/// The real router over a store, called in-process.
pub struct Api {
    pub router: axum::Router,
    pub store: Arc<dyn EventStore>,
}

impl Api {
    pub async fn over(store: Arc<dyn EventStore>) -> Self {
        let router = fairlog_server::app(store.clone(), None).await.expect("app");
        Self { router, store }
    }

    pub async fn call(&self, req: Request<Body>) -> (StatusCode, Value) {
        let res = self.router.clone().oneshot(req).await.unwrap();
        let status = res.status();
        let bytes = res.into_body().collect().await.unwrap().to_bytes();
        let value =
            serde_json::from_slice(&bytes).unwrap_or_else(|_| Value::String(String::from_utf8_lossy(&bytes).into()));
        (status, value)
    }

    pub async fn post_raw(&self, path: &str, body: impl Into<Body>) -> (StatusCode, Value) {
        let req = Request::post(path).header("content-type", "application/json").body(body.into()).unwrap();
        self.call(req).await
    }

    pub async fn push(&self, body: &Value) -> (StatusCode, Value) {
        self.post_raw("/api/push", body.to_string()).await
    }

    pub async fn get(&self, path: &str) -> (StatusCode, Value) {
        self.call(Request::get(path).body(Body::empty()).unwrap()).await
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
