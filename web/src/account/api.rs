//! The accounts API of fairlog-server. The session is an HttpOnly cookie the browser sends by
//! itself; state-changing requests also carry the session's CSRF token in `X-Fairlog-Csrf`.
use std::cell::RefCell;

use chrono::{DateTime, Utc};
use fairlog_domain::Role;
use gloo_net::http::{Request, RequestBuilder};
use serde::{Deserialize, Serialize};
use uuid::Uuid;

use super::Account;
use crate::sync::net::NetError;

pub const CSRF_HEADER: &str = "X-Fairlog-Csrf";

thread_local! {
    static CSRF: RefCell<Option<String>> = const { RefCell::new(None) };
}

/// Every POST of this module and of the sync goes through here: it carries the CSRF token.
pub fn post(url: &str) -> RequestBuilder {
    let req = Request::post(url);
    match CSRF.with(|c| c.borrow().clone()) {
        Some(token) => req.header(CSRF_HEADER, &token),
        None => req,
    }
}

#[derive(Debug, Clone, Deserialize)]
pub struct SignedInBody {
    pub account: Account,
    pub csrf: String,
}

fn keep(body: SignedInBody) -> Account {
    CSRF.with(|c| *c.borrow_mut() = Some(body.csrf));
    body.account
}

async fn answer<T: serde::de::DeserializeOwned>(
    res: Result<gloo_net::http::Response, gloo_net::Error>,
) -> Result<T, NetError> {
    crate::sync::net::answer(res.map_err(|e| NetError::Offline(e.to_string()))?).await
}

fn json<B: Serialize>(req: RequestBuilder, body: &B) -> Result<Request, NetError> {
    req.json(body).map_err(|e| NetError::Offline(e.to_string()))
}

/// Who this browser's session belongs to; `Refused { status: 401, .. }` when signed out.
pub async fn me() -> Result<Account, NetError> {
    answer(Request::get("/api/auth/me").send().await).await.map(keep)
}

pub async fn sign_in(name: &str, password: &str) -> Result<Account, NetError> {
    let req = json(Request::post("/api/auth/sign-in"), &serde_json::json!({ "name": name, "password": password }))?;
    answer(req.send().await).await.map(keep)
}

pub async fn sign_out() -> Result<(), NetError> {
    let res = post("/api/auth/sign-out").send().await.map_err(|e| NetError::Offline(e.to_string()))?;
    CSRF.with(|c| *c.borrow_mut() = None);
    if res.ok() || res.status() == 401 {
        Ok(())
    } else {
        Err(NetError::Refused { status: res.status(), code: "http".into(), message: String::new() })
    }
}

pub async fn change_password(old: &str, new: &str) -> Result<(), NetError> {
    let req = json(post("/api/auth/password"), &serde_json::json!({ "old": old, "new": new }))?;
    answer::<serde_json::Value>(req.send().await).await.map(|_| ())
}

/// What an invitation link is for, before signing up with it.
#[derive(Debug, Clone, PartialEq, Deserialize)]
pub struct InvitationInfo {
    pub role: Role,
    #[serde(default)]
    pub name: Option<String>,
    pub expires_at: DateTime<Utc>,
    pub valid: bool,
}

pub async fn invitation(token: &str) -> Result<InvitationInfo, NetError> {
    answer(Request::get(&format!("/api/invitations/{}", urlencode(token))).send().await).await
}

pub async fn join(token: &str, name: &str, password: &str) -> Result<Account, NetError> {
    let req = json(
        Request::post("/api/auth/join"),
        &serde_json::json!({ "token": token, "name": name, "password": password }),
    )?;
    answer(req.send().await).await.map(keep)
}

#[derive(Debug, Clone, PartialEq, Deserialize)]
pub struct NewInvitation {
    pub token: String,
    pub path: String,
    pub expires_at: DateTime<Utc>,
}

pub async fn invite(role: Role, name: Option<&str>, subject: Option<Uuid>) -> Result<NewInvitation, NetError> {
    let req = json(post("/api/invitations"), &serde_json::json!({ "role": role, "name": name, "subject": subject }))?;
    answer(req.send().await).await
}

#[derive(Debug, Clone, PartialEq, Deserialize)]
pub struct ListedAccount {
    #[serde(flatten)]
    pub account: Account,
    #[serde(default)]
    pub created_at: Option<DateTime<Utc>>,
}

#[derive(Debug, Clone, PartialEq, Deserialize)]
pub struct PendingInvitation {
    pub role: Role,
    #[serde(default)]
    pub name: Option<String>,
    pub expires_at: DateTime<Utc>,
}

#[derive(Debug, Clone, PartialEq, Deserialize, Default)]
pub struct AccountList {
    pub accounts: Vec<ListedAccount>,
    #[serde(default)]
    pub invitations: Vec<PendingInvitation>,
}

pub async fn accounts() -> Result<AccountList, NetError> {
    answer(Request::get("/api/accounts").send().await).await
}

pub async fn set_disabled(id: Uuid, disabled: bool) -> Result<(), NetError> {
    let what = if disabled { "disable" } else { "enable" };
    answer::<serde_json::Value>(post(&format!("/api/accounts/{id}/{what}")).send().await).await.map(|_| ())
}

#[derive(Debug, Clone, PartialEq, Deserialize)]
pub struct AuditEntry {
    pub at: DateTime<Utc>,
    pub kind: String,
    #[serde(default)]
    pub name: Option<String>,
    #[serde(default)]
    pub address: Option<String>,
    #[serde(default)]
    pub detail: serde_json::Value,
}

#[derive(Debug, Clone, PartialEq, Deserialize, Default)]
pub struct AuditList {
    pub entries: Vec<AuditEntry>,
}

pub async fn audit(limit: u32) -> Result<AuditList, NetError> {
    answer(Request::get(&format!("/api/audit?limit={limit}")).send().await).await
}

fn urlencode(s: &str) -> String {
    js_sys::encode_uri_component(s).as_string().unwrap_or_default()
}
