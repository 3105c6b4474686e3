//! Accounts over HTTP: sign-in, sessions, CSRF, invitations, throttling and the audit log
//! (docs/SYNC.md, "Accounts and sessions").
//!
//! * Passwords: argon2id (the `argon2` crate's defaults; [`AuthConfig::fast_hash`] lowers the
//!   cost for the tests only, set in-process or by `FAIRLOG_TEST_FAST_HASH=1`).
//! * Tokens (sessions, invitations): 244 random bits as 64 hex digits; the store keeps only
//!   their SHA-256, so a copy of the database signs no one in.
//! * Sessions: the `fairlog_session` cookie (HttpOnly, SameSite=Strict, Path=/, Max-Age,
//!   Secure unless the request came to a loopback host) and a CSRF token the app sends back in
//!   `X-Fairlog-Csrf` on every state-changing request.
use std::net::{IpAddr, SocketAddr};
use std::sync::atomic::{AtomicI64, Ordering};
use std::sync::{Arc, OnceLock};

use argon2::password_hash::{PasswordHash, PasswordHasher, PasswordVerifier, SaltString};
use argon2::{Algorithm, Argon2, Params, Version};
use axum::extract::{ConnectInfo, Path, Query, Request, State};
use axum::http::{header, HeaderMap, HeaderValue, Method, StatusCode};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use axum::Json;
use chrono::{DateTime, SecondsFormat, Utc};
use fairlog_domain::Role;
use serde::{Deserialize, Serialize};
use serde_json::{json, Value};
use sha2::{Digest, Sha256};
use uuid::Uuid;

use crate::api::{ApiError, ApiJson, AppState};
use crate::session::{Organizer, Session};
use crate::store::accounts::{
    role_from_key, role_key, AccountRow, AuditRow, Failures, InvitationRow, JoinOutcome, SessionRow,
};
use crate::store::{EventStore, StoreError};

pub const COOKIE: &str = "fairlog_session";
pub const CSRF_HEADER: &str = "x-fairlog-csrf";
/// How long a session lasts (not extended by use).
pub const SESSION_MS: i64 = 7 * 24 * 3600 * 1000;
/// How long an invitation can be used.
pub const INVITATION_MS: i64 = 7 * 24 * 3600 * 1000;
pub const PASSWORD_MIN: usize = 8;
pub const PASSWORD_MAX: usize = 256;
pub const NAME_MAX: usize = 60;
/// Failures (per name, per address) after which each further attempt must wait.
pub const SLOW_AFTER: u32 = 5;
/// Failures after which the name (or address) is locked for [`LOCK_MS`].
pub const LOCK_AFTER: u32 = 10;
pub const LOCK_MS: i64 = 15 * 60 * 1000;
/// Failures older than this (and no lock) are forgotten.
pub const FORGET_MS: i64 = 15 * 60 * 1000;

/// The server's clock for accounts (expiry, throttling). Tests move it forward.
#[derive(Clone, Default)]
pub struct Clock {
    offset_ms: Arc<AtomicI64>,
}

impl Clock {
    pub fn now_ms(&self) -> i64 {
        Utc::now().timestamp_millis() + self.offset_ms.load(Ordering::Relaxed)
    }

    pub fn advance(&self, by: std::time::Duration) {
        self.offset_ms.fetch_add(i64::try_from(by.as_millis()).unwrap_or(i64::MAX), Ordering::Relaxed);
    }
}

#[derive(Clone, Default)]
pub struct AuthConfig {
    pub clock: Clock,
    /// Cheap argon2id parameters (tests only; verification reads the parameters from each hash).
    pub fast_hash: bool,
}

impl AuthConfig {
    /// Production defaults; `FAIRLOG_TEST_FAST_HASH=1` (the process tests) lowers the hash cost.
    pub fn from_env() -> Self {
        Self { clock: Clock::default(), fast_hash: std::env::var("FAIRLOG_TEST_FAST_HASH").is_ok_and(|v| v == "1") }
    }
}

fn argon2(fast: bool) -> Argon2<'static> {
    if fast {
        let params = Params::new(Params::MIN_M_COST, 1, 1, None).expect("argon2 test params");
        Argon2::new(Algorithm::Argon2id, Version::V0x13, params)
    } else {
        Argon2::default()
    }
}

/// Hash a password with argon2id and a random salt (PHC string).
pub fn hash_password(password: &str, fast: bool) -> String {
    let salt = SaltString::encode_b64(Uuid::new_v4().as_bytes()).expect("salt");
    argon2(fast).hash_password(password.as_bytes(), &salt).expect("argon2 hash").to_string()
}

pub fn verify_password(password: &str, hash: &str) -> bool {
    match PasswordHash::new(hash) {
        Ok(parsed) => Argon2::default().verify_password(password.as_bytes(), &parsed).is_ok(),
        Err(_) => false,
    }
}

/// A hash to verify against when the name is unknown, so both cost the same.
fn dummy_hash(fast: bool) -> &'static str {
    static SLOW: OnceLock<String> = OnceLock::new();
    static FAST: OnceLock<String> = OnceLock::new();
    let cell = if fast { &FAST } else { &SLOW };
    cell.get_or_init(|| hash_password("not a password of anyone", fast))
}

async fn verify_blocking(password: String, hash: String) -> bool {
    tokio::task::spawn_blocking(move || verify_password(&password, &hash)).await.unwrap_or(false)
}

async fn hash_blocking(password: String, fast: bool) -> String {
    tokio::task::spawn_blocking(move || hash_password(&password, fast)).await.expect("hash task")
}

/// A new random token: 64 hex digits (two v4 uuids' random bits).
pub fn new_token() -> String {
    format!("{}{}", Uuid::new_v4().simple(), Uuid::new_v4().simple())
}

/// What the store keeps of a token.
pub fn token_hash(token: &str) -> String {
    let digest = Sha256::digest(token.as_bytes());
    digest.iter().map(|b| format!("{b:02x}")).collect()
}

pub fn rfc3339(ms: i64) -> String {
    DateTime::<Utc>::from_timestamp_millis(ms).unwrap_or_default().to_rfc3339_opts(SecondsFormat::Millis, true)
}

// ---------------------------------------------------------------------------------------------
// Rules for what people type

fn bad(code: &'static str, message: impl Into<String>) -> ApiError {
    ApiError::new(StatusCode::BAD_REQUEST, code, message)
}

/// A password is 8..=256 characters. Checked before anything is hashed.
pub fn check_password(p: &str) -> Result<(), ApiError> {
    // Bytes first: a megabyte is refused without counting its characters.
    if p.len() > PASSWORD_MAX * 4 || p.chars().count() > PASSWORD_MAX {
        return Err(bad("auth.password_too_long", format!("a password has at most {PASSWORD_MAX} characters")));
    }
    if p.chars().count() < PASSWORD_MIN {
        return Err(bad("auth.password_too_short", format!("a password has at least {PASSWORD_MIN} characters")));
    }
    Ok(())
}

/// A name is 1..=60 characters without control characters, kept as typed (trimmed). HTML in it
/// is text: stored as given, never interpreted by the server (the app renders it as text).
pub fn check_name(n: &str) -> Result<String, ApiError> {
    let n = n.trim();
    if n.is_empty() {
        return Err(bad("account.name_required", "a name is required"));
    }
    if n.len() > NAME_MAX * 4 || n.chars().count() > NAME_MAX {
        return Err(bad("account.name_too_long", format!("a name has at most {NAME_MAX} characters")));
    }
    if n.chars().any(char::is_control) {
        return Err(bad("account.name_invalid", "a name cannot hold control characters"));
    }
    Ok(n.to_owned())
}

// ---------------------------------------------------------------------------------------------
// The session layer: who is asking, and CSRF

/// The request's session as the layer found it (with what the handlers of this module need).
#[derive(Clone)]
pub struct Current {
    pub(crate) token_hash: String,
    csrf: String,
    account: AccountRow,
}

/// Is the session of this token hash still good (known, not revoked, not expired, enabled)?
pub async fn still_valid(store: &dyn EventStore, clock: &Clock, token_hash: &str) -> Result<bool, StoreError> {
    Ok(matches!(store.session(token_hash).await?,
        Some((row, account)) if !row.revoked && row.expires_at > clock.now_ms() && !account.disabled))
}

fn cookie_value(headers: &HeaderMap, name: &str) -> Option<String> {
    for v in headers.get_all(header::COOKIE) {
        let Ok(v) = v.to_str() else { continue };
        for part in v.split(';') {
            if let Some((k, val)) = part.trim().split_once('=') {
                if k == name && !val.is_empty() {
                    return Some(val.to_owned());
                }
            }
        }
    }
    None
}

/// Is this request from another site? (`Sec-Fetch-Site`, else `Origin` against `Host`.)
fn cross_site(headers: &HeaderMap) -> bool {
    if let Some(site) = headers.get("sec-fetch-site").and_then(|v| v.to_str().ok()) {
        if !matches!(site, "same-origin" | "none") {
            return true;
        }
    }
    if let Some(origin) = headers.get(header::ORIGIN).and_then(|v| v.to_str().ok()) {
        let host = headers.get(header::HOST).and_then(|v| v.to_str().ok()).unwrap_or("");
        let origin_host = origin.split_once("://").map(|(_, h)| h).unwrap_or(origin);
        if origin == "null" || !origin_host.eq_ignore_ascii_case(host) {
            return true;
        }
    }
    false
}

fn constant_time_eq(a: &str, b: &str) -> bool {
    a.len() == b.len() && a.bytes().zip(b.bytes()).fold(0u8, |acc, (x, y)| acc | (x ^ y)) == 0
}

/// Look the cookie's session up (valid: known, not revoked, not expired, account enabled) and
/// put it into the request; refuse a state-changing request without the session's CSRF token,
/// and a sign-in or join from another site.
pub async fn session_layer(State(s): State<AppState>, mut req: Request, next: Next) -> Response {
    let mut current = None;
    if let Some(token) = cookie_value(req.headers(), COOKIE) {
        if token.len() <= 128 {
            let hash = token_hash(&token);
            match s.store.session(&hash).await {
                Ok(Some((row, account)))
                    if !row.revoked && row.expires_at > s.auth.clock.now_ms() && !account.disabled =>
                {
                    current = Some(Current { token_hash: hash, csrf: row.csrf, account });
                }
                Ok(_) => {}
                Err(e) => return ApiError::from(e).into_response(),
            }
        }
    }
    let changes = !matches!(*req.method(), Method::GET | Method::HEAD | Method::OPTIONS);
    if changes {
        if cross_site(req.headers()) {
            return ApiError::new(StatusCode::FORBIDDEN, "auth.csrf", "a request from another site").into_response();
        }
        let path = req.uri().path();
        let public = path.ends_with("/auth/sign-in") || path.ends_with("/auth/join");
        if let (Some(c), false) = (&current, public) {
            let sent = req.headers().get(CSRF_HEADER).and_then(|v| v.to_str().ok()).unwrap_or("");
            if !constant_time_eq(sent, &c.csrf) {
                return ApiError::new(
                    StatusCode::FORBIDDEN,
                    "auth.csrf",
                    "the X-Fairlog-Csrf header is missing or wrong",
                )
                .into_response();
            }
        }
    }
    if let Some(c) = current {
        req.extensions_mut().insert(Session {
            account_id: c.account.id,
            name: c.account.name.clone(),
            role: c.account.role,
            subject: c.account.subject,
        });
        req.extensions_mut().insert(c);
    }
    next.run(req).await
}

// ---------------------------------------------------------------------------------------------
// Bodies

#[derive(Serialize)]
pub struct AccountView {
    pub id: Uuid,
    pub name: String,
    pub role: &'static str,
    pub subject: Option<Uuid>,
    pub disabled: bool,
}

impl From<&AccountRow> for AccountView {
    fn from(a: &AccountRow) -> Self {
        Self { id: a.id, name: a.name.clone(), role: role_key(a.role), subject: a.subject, disabled: a.disabled }
    }
}

#[derive(Deserialize)]
pub struct SignIn {
    pub name: String,
    pub password: String,
}

#[derive(Deserialize)]
pub struct Join {
    pub token: String,
    #[serde(default)]
    pub name: Option<String>,
    pub password: String,
}

#[derive(Deserialize)]
pub struct ChangePassword {
    pub old: String,
    pub new: String,
}

#[derive(Deserialize)]
pub struct Invite {
    pub role: String,
    #[serde(default)]
    pub subject: Option<Uuid>,
    #[serde(default)]
    pub name: Option<String>,
}

#[derive(Deserialize)]
pub struct AuditQuery {
    pub limit: Option<u64>,
}

// ---------------------------------------------------------------------------------------------
// Helpers

/// The peer's address (none in-process, where there is no connection).
#[derive(Clone, Copy)]
pub struct Peer(pub Option<SocketAddr>);

impl<S: Send + Sync> axum::extract::FromRequestParts<S> for Peer {
    type Rejection = std::convert::Infallible;
    async fn from_request_parts(parts: &mut axum::http::request::Parts, _: &S) -> Result<Self, Self::Rejection> {
        Ok(Peer(parts.extensions.get::<ConnectInfo<SocketAddr>>().map(|c| c.0)))
    }
}

fn address(peer: Option<SocketAddr>) -> Option<String> {
    peer.map(|p| p.ip().to_string())
}

/// Did the request come to a loopback host (no `Secure` on the cookie, so plain http works)?
fn loopback(headers: &HeaderMap, peer: Option<SocketAddr>) -> bool {
    match headers.get(header::HOST).and_then(|v| v.to_str().ok()) {
        Some(host) => {
            let name = if host.starts_with('[') {
                host.split(']').next().unwrap_or("").trim_start_matches('[')
            } else {
                host.rsplit_once(':').map(|(h, _)| h).unwrap_or(host)
            };
            name.eq_ignore_ascii_case("localhost") || name.parse::<IpAddr>().is_ok_and(|ip| ip.is_loopback())
        }
        None => peer.is_some_and(|p| p.ip().is_loopback()),
    }
}

fn session_cookie(token: &str, max_age_s: i64, secure: bool) -> HeaderValue {
    let secure = if secure { "; Secure" } else { "" };
    HeaderValue::from_str(&format!("{COOKIE}={token}; HttpOnly; SameSite=Strict; Path=/; Max-Age={max_age_s}{secure}"))
        .expect("cookie")
}

async fn audit(
    store: &dyn EventStore,
    at: i64,
    kind: &str,
    account: Option<&AccountRow>,
    name: Option<&str>,
    address: Option<&str>,
    detail: Value,
) -> Result<(), ApiError> {
    store
        .audit(&AuditRow {
            at,
            kind: kind.into(),
            account_id: account.map(|a| a.id),
            name: name.map(str::to_owned).or_else(|| account.map(|a| a.name.clone())),
            address: address.map(str::to_owned),
            detail: detail.to_string(),
        })
        .await?;
    Ok(())
}

/// Start a session for an account: the cookie and the body of sign-in, join and me.
async fn start_session(
    s: &AppState,
    account: &AccountRow,
    headers: &HeaderMap,
    peer: Option<SocketAddr>,
) -> Result<Response, ApiError> {
    let now = s.auth.clock.now_ms();
    let token = new_token();
    let csrf = new_token();
    s.store
        .create_session(&SessionRow {
            token_hash: token_hash(&token),
            account_id: account.id,
            csrf: csrf.clone(),
            created_at: now,
            expires_at: now + SESSION_MS,
            revoked: false,
        })
        .await?;
    let mut res = Json(json!({"account": AccountView::from(account), "csrf": csrf})).into_response();
    res.headers_mut().insert(header::SET_COOKIE, session_cookie(&token, SESSION_MS / 1000, !loopback(headers, peer)));
    Ok(res)
}

fn with_until(mut e: ApiError, until: i64) -> ApiError {
    e.until = Some(rfc3339(until));
    e
}

fn locked(until: i64) -> ApiError {
    with_until(
        ApiError::new(
            StatusCode::TOO_MANY_REQUESTS,
            "auth.locked",
            format!("too many failed sign-ins: locked until {}", rfc3339(until)),
        ),
        until,
    )
}

/// The counters of a key as they stand now (forgotten after a quiet spell or a lock that ended).
fn standing(f: Failures, now: i64) -> Failures {
    match f.locked_until {
        Some(until) if until > now => f,
        Some(_) => Failures::default(),
        None if now - f.last_at > FORGET_MS => Failures::default(),
        None => f,
    }
}

/// The wait after the `n`th failure: none up to [`SLOW_AFTER`], then 1 s, 2 s, 4 s, 8 s, 16 s.
pub fn delay_ms(n: u32) -> i64 {
    if n < SLOW_AFTER {
        0
    } else {
        1000 << (n - SLOW_AFTER).min(10)
    }
}

fn throttle_keys(name: &str, address: Option<&str>) -> Vec<String> {
    let mut keys = vec![format!("name:{name}")];
    if let Some(a) = address {
        keys.push(format!("address:{a}"));
    }
    keys
}

/// May these keys try a password now? Locked, or too soon after the last failure, is refused.
/// Counters that are stale (a quiet spell, a lock that ended) are dropped first.
async fn may_try(store: &dyn EventStore, keys: &[String], now: i64) -> Result<(), ApiError> {
    for key in keys {
        let stored = store.failures(key).await?;
        let f = standing(stored, now);
        if f != stored {
            store.clear_failures(key).await?;
        }
        if let Some(until) = f.locked_until {
            return Err(locked(until));
        }
        let wait_until = f.last_at + delay_ms(f.failures);
        if f.failures >= SLOW_AFTER && now < wait_until {
            return Err(with_until(
                ApiError::new(
                    StatusCode::TOO_MANY_REQUESTS,
                    "auth.throttled",
                    format!("too many failed sign-ins: try again after {}", rfc3339(wait_until)),
                ),
                wait_until,
            ));
        }
    }
    Ok(())
}

/// Count this attempt as a failure on every key *before* the password is checked, so that
/// attempts made at the same moment cannot all pass on one old count. Past the limit, the key
/// is locked and the password is not checked: the lock's end.
async fn reserve_attempt(store: &dyn EventStore, keys: &[String], now: i64) -> Result<Option<i64>, ApiError> {
    let mut lock = None;
    for key in keys {
        if store.bump_failures(key, now).await? > LOCK_AFTER {
            let until = now + LOCK_MS;
            store.lock_failures(key, until).await?;
            lock = Some(store.failures(key).await?.locked_until.unwrap_or(until));
        }
    }
    Ok(lock)
}

/// The attempt failed (already counted): lock every key that reached the limit.
async fn count_failure(store: &dyn EventStore, keys: &[String], now: i64) -> Result<Option<i64>, ApiError> {
    let mut lock = None;
    for key in keys {
        let f = store.failures(key).await?;
        if f.failures >= LOCK_AFTER {
            store.lock_failures(key, now + LOCK_MS).await?;
            lock = lock.max(store.failures(key).await?.locked_until);
        }
    }
    Ok(lock)
}

/// The attempt succeeded: the name's count starts again, the address's gets this one back.
async fn count_success(store: &dyn EventStore, keys: &[String]) -> Result<(), ApiError> {
    store.clear_failures(&keys[0]).await?;
    for key in &keys[1..] {
        store.unbump_failures(key).await?;
    }
    Ok(())
}

fn bad_password() -> ApiError {
    ApiError::new(StatusCode::UNAUTHORIZED, "auth.bad_password", "the name or the password is wrong")
}

// ---------------------------------------------------------------------------------------------
// Handlers

pub async fn sign_in(
    State(s): State<AppState>,
    Peer(peer): Peer,
    headers: HeaderMap,
    ApiJson(body): ApiJson<SignIn>,
) -> Result<Response, ApiError> {
    check_password(&body.password).map_err(|e| if e.code == "auth.password_too_short" { bad_password() } else { e })?;
    let name = body.name.trim();
    if name.is_empty() || name.chars().count() > NAME_MAX {
        return Err(bad_password());
    }
    let now = s.auth.clock.now_ms();
    let addr = address(peer);
    let keys = throttle_keys(name, addr.as_deref());
    may_try(s.store.as_ref(), &keys, now).await?;
    if let Some(until) = reserve_attempt(s.store.as_ref(), &keys, now).await? {
        return Err(locked(until));
    }
    let account = s.store.account_by_name(name).await?;
    let hash = account.as_ref().map(|a| a.password_hash.clone()).unwrap_or_else(|| dummy_hash(s.auth.fast_hash).into());
    let ok = verify_blocking(body.password, hash).await && account.is_some();
    let Some(account) = account.filter(|_| ok) else {
        let lock = count_failure(s.store.as_ref(), &keys, now).await?;
        audit(s.store.as_ref(), now, "sign_in_failed", None, Some(name), addr.as_deref(), json!({})).await?;
        if let Some(until) = lock {
            audit(
                s.store.as_ref(),
                now,
                "sign_in_locked",
                None,
                Some(name),
                addr.as_deref(),
                json!({"until": rfc3339(until)}),
            )
            .await?;
            return Err(locked(until));
        }
        return Err(bad_password());
    };
    count_success(s.store.as_ref(), &keys).await?;
    if account.disabled {
        audit(s.store.as_ref(), now, "sign_in_disabled", Some(&account), None, addr.as_deref(), json!({})).await?;
        return Err(ApiError::new(StatusCode::FORBIDDEN, "auth.disabled", "this account is disabled"));
    }
    audit(s.store.as_ref(), now, "sign_in", Some(&account), None, addr.as_deref(), json!({})).await?;
    start_session(&s, &account, &headers, peer).await
}

pub async fn sign_out(
    State(s): State<AppState>,
    Peer(peer): Peer,
    headers: HeaderMap,
    current: Option<axum::Extension<Current>>,
) -> Result<Response, ApiError> {
    let Some(axum::Extension(c)) = current else { return Err(ApiError::signed_out()) };
    s.store.revoke_session(&c.token_hash).await?;
    let now = s.auth.clock.now_ms();
    audit(s.store.as_ref(), now, "sign_out", Some(&c.account), None, address(peer).as_deref(), json!({})).await?;
    let mut res = Json(json!({})).into_response();
    res.headers_mut().insert(header::SET_COOKIE, session_cookie("", 0, !loopback(&headers, peer)));
    Ok(res)
}

pub async fn me(current: Option<axum::Extension<Current>>) -> Result<Json<Value>, ApiError> {
    let Some(axum::Extension(c)) = current else { return Err(ApiError::signed_out()) };
    Ok(Json(json!({"account": AccountView::from(&c.account), "csrf": c.csrf})))
}

pub async fn change_password(
    State(s): State<AppState>,
    Peer(peer): Peer,
    current: Option<axum::Extension<Current>>,
    ApiJson(body): ApiJson<ChangePassword>,
) -> Result<Json<Value>, ApiError> {
    let Some(axum::Extension(c)) = current else { return Err(ApiError::signed_out()) };
    check_password(&body.new)?;
    if body.old.len() > PASSWORD_MAX * 4 {
        return Err(bad_password());
    }
    let now = s.auth.clock.now_ms();
    let addr = address(peer);
    let keys = throttle_keys(&c.account.name, addr.as_deref());
    may_try(s.store.as_ref(), &keys, now).await?;
    if let Some(until) = reserve_attempt(s.store.as_ref(), &keys, now).await? {
        return Err(locked(until));
    }
    if !verify_blocking(body.old, c.account.password_hash.clone()).await {
        let lock = count_failure(s.store.as_ref(), &keys, now).await?;
        audit(s.store.as_ref(), now, "password_failed", Some(&c.account), None, addr.as_deref(), json!({})).await?;
        return Err(lock.map(locked).unwrap_or_else(bad_password));
    }
    count_success(s.store.as_ref(), &keys).await?;
    let hash = hash_blocking(body.new, s.auth.fast_hash).await;
    s.store.set_password(c.account.id, &hash, Some(&c.token_hash)).await?;
    audit(s.store.as_ref(), now, "password_changed", Some(&c.account), None, addr.as_deref(), json!({})).await?;
    Ok(Json(json!({})))
}

fn invitation_error(outcome: &JoinOutcome) -> ApiError {
    match outcome {
        JoinOutcome::Used => {
            ApiError::new(StatusCode::GONE, "auth.invitation_used", "this invitation has been used already")
        }
        JoinOutcome::Expired => {
            ApiError::new(StatusCode::GONE, "auth.invitation_expired", "this invitation has expired")
        }
        JoinOutcome::NameTaken => {
            ApiError::new(StatusCode::CONFLICT, "auth.name_taken", "an account of this name exists already")
        }
        _ => ApiError::new(StatusCode::NOT_FOUND, "auth.invitation_unknown", "there is no such invitation"),
    }
}

/// The invitation a token names, with what using it would come to.
async fn find_invitation(s: &AppState, token: &str) -> Result<(InvitationRow, Option<JoinOutcome>), ApiError> {
    if token.len() > 128 {
        return Err(invitation_error(&JoinOutcome::Unknown));
    }
    let Some(i) = s.store.invitation(&token_hash(token)).await? else {
        return Err(invitation_error(&JoinOutcome::Unknown));
    };
    let problem = if i.used_at.is_some() {
        Some(JoinOutcome::Used)
    } else if i.expires_at <= s.auth.clock.now_ms() {
        Some(JoinOutcome::Expired)
    } else {
        None
    };
    Ok((i, problem))
}

pub async fn invitation(State(s): State<AppState>, Path(token): Path<String>) -> Result<Json<Value>, ApiError> {
    let (i, problem) = find_invitation(&s, &token).await?;
    Ok(Json(json!({
        "role": role_key(i.role),
        "name": i.name,
        "expires_at": rfc3339(i.expires_at),
        "valid": problem.is_none(),
        "problem": problem.map(|p| invitation_error(&p).code),
    })))
}

pub async fn join(
    State(s): State<AppState>,
    Peer(peer): Peer,
    headers: HeaderMap,
    ApiJson(body): ApiJson<Join>,
) -> Result<Response, ApiError> {
    check_password(&body.password)?;
    let (i, problem) = find_invitation(&s, &body.token).await?;
    if let Some(p) = problem {
        return Err(invitation_error(&p));
    }
    let name = check_name(i.name.as_deref().or(body.name.as_deref()).unwrap_or(""))?;
    let now = s.auth.clock.now_ms();
    let account = AccountRow {
        id: Uuid::new_v4(),
        name,
        role: i.role,
        subject: i.subject,
        password_hash: hash_blocking(body.password, s.auth.fast_hash).await,
        disabled: false,
        created_at: now,
    };
    let outcome = s.store.join(&token_hash(&body.token), now, &account).await?;
    if outcome != JoinOutcome::Joined {
        return Err(invitation_error(&outcome));
    }
    let addr = address(peer);
    audit(
        s.store.as_ref(),
        now,
        "joined",
        Some(&account),
        None,
        addr.as_deref(),
        json!({"role": role_key(account.role), "subject": account.subject, "invited_by": i.created_by}),
    )
    .await?;
    start_session(&s, &account, &headers, peer).await
}

/// Create an invitation (organizers over the API, `admin create` on the command line): the
/// token, shown once.
pub async fn make_invitation(
    store: &dyn EventStore,
    clock: &Clock,
    role: Role,
    subject: Option<Uuid>,
    name: Option<String>,
    created_by: Option<Uuid>,
) -> Result<(String, InvitationRow), StoreError> {
    let token = new_token();
    let now = clock.now_ms();
    let row = InvitationRow {
        token_hash: token_hash(&token),
        role,
        subject,
        name,
        created_by,
        created_at: now,
        expires_at: now + INVITATION_MS,
        used_at: None,
    };
    store.create_invitation(&row).await?;
    Ok((token, row))
}

pub async fn invite(
    State(s): State<AppState>,
    Peer(peer): Peer,
    Organizer(who): Organizer,
    ApiJson(body): ApiJson<Invite>,
) -> Result<Json<Value>, ApiError> {
    let role = role_from_key(&body.role)
        .ok_or_else(|| bad("invitation.bad_role", "role is one of organizer, enterprise, host"))?;
    let subject = match role {
        Role::Organizer if body.subject.is_some() => {
            return Err(bad("invitation.subject_not_allowed", "an organizer acts for no one in particular"))
        }
        Role::Organizer => None,
        // A new enterprise gets a fresh id, which it registers its profile with.
        Role::Enterprise => Some(body.subject.unwrap_or_else(Uuid::new_v4)),
        Role::Host => {
            Some(body.subject.ok_or_else(|| bad("invitation.subject_required", "a host invitation names the host"))?)
        }
    };
    let name = body.name.as_deref().map(check_name).transpose()?;
    let (token, row) =
        make_invitation(s.store.as_ref(), &s.auth.clock, role, subject, name, Some(who.account_id)).await?;
    audit(
        s.store.as_ref(),
        row.created_at,
        "invitation_created",
        None,
        Some(&who.name),
        address(peer).as_deref(),
        json!({"role": role_key(role), "subject": subject, "name": row.name, "by": who.account_id}),
    )
    .await?;
    Ok(Json(json!({
        "token": token,
        "path": format!("/#/join/{token}"),
        "role": role_key(role),
        "subject": subject,
        "expires_at": rfc3339(row.expires_at),
    })))
}

pub async fn accounts(State(s): State<AppState>, Organizer(_): Organizer) -> Result<Json<Value>, ApiError> {
    let accounts = s.store.accounts().await?;
    let pending = s.store.pending_invitations(s.auth.clock.now_ms()).await?;
    Ok(Json(json!({
        "accounts": accounts.iter().map(|a| {
            let mut v = serde_json::to_value(AccountView::from(a)).unwrap_or_default();
            v["created_at"] = json!(rfc3339(a.created_at));
            v
        }).collect::<Vec<_>>(),
        "invitations": pending.iter().map(|i| json!({
            "id": &i.token_hash[..16],
            "role": role_key(i.role),
            "subject": i.subject,
            "name": i.name,
            "created_by": i.created_by,
            "created_at": rfc3339(i.created_at),
            "expires_at": rfc3339(i.expires_at),
        })).collect::<Vec<_>>(),
    })))
}

async fn set_disabled(
    s: AppState,
    peer: Option<SocketAddr>,
    who: Session,
    id: &str,
    disabled: bool,
) -> Result<Json<Value>, ApiError> {
    let id = Uuid::parse_str(id)
        .map_err(|_| ApiError::new(StatusCode::NOT_FOUND, "account.not_found", "no such account"))?;
    if disabled && id == who.account_id {
        return Err(ApiError::new(
            StatusCode::CONFLICT,
            "account.self",
            "an organizer cannot disable their own account",
        ));
    }
    let Some(account) = s.store.account(id).await? else {
        return Err(ApiError::new(StatusCode::NOT_FOUND, "account.not_found", "no such account"));
    };
    s.store.set_disabled(id, disabled).await?;
    let now = s.auth.clock.now_ms();
    let kind = if disabled { "account_disabled" } else { "account_enabled" };
    audit(
        s.store.as_ref(),
        now,
        kind,
        Some(&account),
        None,
        address(peer).as_deref(),
        json!({"by": who.account_id, "by_name": who.name}),
    )
    .await?;
    let account = AccountRow { disabled, ..account };
    Ok(Json(json!({"account": AccountView::from(&account)})))
}

pub async fn disable(
    State(s): State<AppState>,
    Peer(peer): Peer,
    Organizer(who): Organizer,
    Path(id): Path<String>,
) -> Result<Json<Value>, ApiError> {
    set_disabled(s, peer, who, &id, true).await
}

pub async fn enable(
    State(s): State<AppState>,
    Peer(peer): Peer,
    Organizer(who): Organizer,
    Path(id): Path<String>,
) -> Result<Json<Value>, ApiError> {
    set_disabled(s, peer, who, &id, false).await
}

pub async fn audit_log(
    State(s): State<AppState>,
    Organizer(_): Organizer,
    query: Result<Query<AuditQuery>, axum::extract::rejection::QueryRejection>,
) -> Result<Json<Value>, ApiError> {
    let Query(q) = query?;
    let rows = s.store.recent_audit(q.limit.unwrap_or(100).clamp(1, 1000)).await?;
    Ok(Json(json!({
        "entries": rows.iter().map(|r| json!({
            "at": rfc3339(r.at),
            "kind": r.kind,
            "account": r.account_id,
            "name": r.name,
            "address": r.address,
            "detail": serde_json::from_str::<Value>(&r.detail).unwrap_or(Value::Null),
        })).collect::<Vec<_>>(),
    })))
}

/// Create an account directly in the store (tests, the rush's organizer); refused if the name
/// is taken.
pub async fn create_account(
    store: &dyn EventStore,
    name: &str,
    role: Role,
    subject: Option<Uuid>,
    password: &str,
    fast_hash: bool,
) -> Result<AccountRow, String> {
    let name = check_name(name).map_err(|e| e.message().to_owned())?;
    check_password(password).map_err(|e| e.message().to_owned())?;
    let account = AccountRow {
        id: Uuid::new_v4(),
        name,
        role,
        subject,
        password_hash: hash_password(password, fast_hash),
        disabled: false,
        created_at: Utc::now().timestamp_millis(),
    };
    match store.create_account(&account).await {
        Ok(true) => Ok(account),
        Ok(false) => Err(format!("an account named {} exists already", account.name)),
        Err(e) => Err(e.to_string()),
    }
}
