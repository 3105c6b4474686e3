//! The HTTP API: thin axum handlers over the authority and the store.
use std::convert::Infallible;
use std::path::PathBuf;
use std::sync::Arc;
use std::time::Duration;

use axum::extract::rejection::{JsonRejection, QueryRejection};
use axum::extract::{DefaultBodyLimit, FromRequest, Query, Request, State};
use axum::http::{header, HeaderMap, StatusCode};
use axum::response::sse::{Event as SseEvent, KeepAlive, Sse};
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post};
use axum::Extension;
use axum::{Json, Router};
use fairlog_domain::privacy::Audience;
use futures_util::stream::{self, Stream};
use serde::Serialize;
use tower_http::services::{ServeDir, ServeFile};

use crate::auth;
use crate::authority::{Authority, AuthorityError};
use crate::protocol::{Health, PullQuery, PullResponse, PushRequest, MAX_BODY_BYTES, MAX_PULL};
use crate::session::Session;
use crate::store::{EventStore, StoreError};

#[derive(Clone)]
pub struct AppState {
    pub authority: Authority,
    pub store: Arc<dyn EventStore>,
    pub auth: crate::auth::AuthConfig,
    pub snapshots: Arc<crate::snapshots::SnapshotCache>,
}

/// Every API failure: a stable code, a status and an English sentence (the app words it).
#[derive(Debug)]
pub struct ApiError {
    status: StatusCode,
    pub(crate) code: &'static str,
    message: String,
    last_seq: Option<u64>,
    /// When a lock or a wait ends (`auth.locked`, `auth.throttled`), RFC 3339.
    pub(crate) until: Option<String>,
}

#[derive(Serialize)]
struct ErrorBody<'a> {
    code: &'a str,
    message: &'a str,
    #[serde(skip_serializing_if = "Option::is_none")]
    last_seq: Option<u64>,
    #[serde(skip_serializing_if = "Option::is_none")]
    until: Option<&'a str>,
}

impl ApiError {
    pub fn new(status: StatusCode, code: &'static str, message: impl Into<String>) -> Self {
        Self { status, code, message: message.into(), last_seq: None, until: None }
    }

    /// `401 auth.signed_out`: no valid session (none, forged, expired, revoked or disabled).
    pub fn signed_out() -> Self {
        Self::new(StatusCode::UNAUTHORIZED, "auth.signed_out", "sign in first")
    }

    pub fn code(&self) -> &'static str {
        self.code
    }

    pub fn message(&self) -> &str {
        &self.message
    }
}

impl IntoResponse for ApiError {
    fn into_response(self) -> Response {
        let body = ErrorBody {
            code: self.code,
            message: &self.message,
            last_seq: self.last_seq,
            until: self.until.as_deref(),
        };
        (self.status, Json(body)).into_response()
    }
}

impl From<StoreError> for ApiError {
    fn from(e: StoreError) -> Self {
        tracing::warn!("store: {e}");
        ApiError::new(StatusCode::SERVICE_UNAVAILABLE, "store.unavailable", e.to_string())
    }
}

impl From<AuthorityError> for ApiError {
    fn from(e: AuthorityError) -> Self {
        ApiError::new(StatusCode::SERVICE_UNAVAILABLE, "store.unavailable", e.to_string())
    }
}

impl From<JsonRejection> for ApiError {
    fn from(r: JsonRejection) -> Self {
        if r.status() == StatusCode::PAYLOAD_TOO_LARGE {
            ApiError::new(r.status(), "request.too_large", format!("the body is over {MAX_BODY_BYTES} bytes"))
        } else {
            ApiError::new(StatusCode::BAD_REQUEST, "request.malformed", r.body_text())
        }
    }
}

impl From<QueryRejection> for ApiError {
    fn from(r: QueryRejection) -> Self {
        ApiError::new(StatusCode::BAD_REQUEST, "request.malformed", r.body_text())
    }
}

/// `Json` whose refusal is an [`ApiError`] (JSON with a code), not axum's plain text.
pub struct ApiJson<T>(pub T);

impl<S: Send + Sync, T: serde::de::DeserializeOwned> FromRequest<S> for ApiJson<T> {
    type Rejection = ApiError;
    async fn from_request(req: Request, state: &S) -> Result<Self, Self::Rejection> {
        let Json(v) = Json::<T>::from_request(req, state).await?;
        Ok(ApiJson(v))
    }
}

/// The router: the API under `/api/`, the release app from `dist` for everything else.
pub fn router(state: AppState, dist: Option<PathBuf>) -> Router {
    let api = Router::new()
        .route("/health", get(health))
        .route("/push", post(push))
        .route("/events", get(pull))
        .route("/stream", get(stream_events))
        .route("/snapshot", get(snapshot))
        .route("/auth/sign-in", post(auth::sign_in))
        .route("/auth/sign-out", post(auth::sign_out))
        .route("/auth/me", get(auth::me))
        .route("/auth/password", post(auth::change_password))
        .route("/auth/join", post(auth::join))
        .route("/invitations", post(auth::invite))
        .route("/invitations/{token}", get(auth::invitation))
        .route("/accounts", get(auth::accounts))
        .route("/accounts/{id}/disable", post(auth::disable))
        .route("/accounts/{id}/enable", post(auth::enable))
        .route("/audit", get(auth::audit_log))
        .fallback(|| async { ApiError::new(StatusCode::NOT_FOUND, "request.not_found", "no such endpoint") })
        .layer(axum::middleware::from_fn_with_state(state.clone(), auth::session_layer))
        .layer(DefaultBodyLimit::max(MAX_BODY_BYTES))
        .with_state(state);
    let app = Router::new().nest("/api", api);
    match dist {
        Some(dir) => {
            let index = dir.join("index.html");
            let files = ServeDir::new(dir).precompressed_br().precompressed_gzip().fallback(ServeFile::new(index));
            app.fallback_service(files)
        }
        None => app,
    }
}

async fn health(State(s): State<AppState>) -> Json<Health> {
    let head = s.authority.head().borrow().clone();
    Json(Health { store: s.store.kind().into(), last_seq: head.last_seq, last_hash: head.last_hash })
}

/// Every mutation is decided as the session's actor; the `actor` a client sends is ignored.
async fn push(
    State(s): State<AppState>,
    session: Session,
    ApiJson(mut req): ApiJson<PushRequest>,
) -> Result<impl IntoResponse, ApiError> {
    req.client_id = session.client_key(req.client_id);
    Ok(Json(s.authority.push(req, session.actor()).await?))
}

/// Check a cursor against the durable head and, when the caller gives its hash there, the line.
async fn check_cursor(s: &AppState, after: u64, hash: Option<&str>) -> Result<u64, ApiError> {
    let head = s.authority.head().borrow().clone();
    if after > head.last_seq {
        let mut e = ApiError::new(
            StatusCode::CONFLICT,
            "sync.cursor_ahead",
            format!("the cursor {after} is past the end of this server's log ({})", head.last_seq),
        );
        e.last_seq = Some(head.last_seq);
        return Err(e);
    }
    if let (Some(hash), true) = (hash, after > 0) {
        let at = s.store.read_after(after - 1, 1).await?;
        if at.first().map(|e| e.hash.as_str()) != Some(hash) {
            let mut e = ApiError::new(
                StatusCode::CONFLICT,
                "sync.cursor_mismatch",
                format!("event {after} on this server is not the one the client holds"),
            );
            e.last_seq = Some(head.last_seq);
            return Err(e);
        }
    }
    Ok(head.last_seq)
}

/// The audience a request reads as: the signed-in account's (its role and its enterprise or
/// host), unless a layer in front of the handlers put another one into the request's extensions
/// (in-process tests only; nothing from the network becomes an extension).
fn audience_of(session: &Session, ext: Option<Extension<Audience>>) -> Audience {
    ext.map(|Extension(a)| a).unwrap_or_else(|| Audience::of(session.role, session.subject))
}

/// Stored rows as `audience` receives them: `(seq, line)`, withheld ones left out. The state
/// that says who owns what is the authority's latest snapshot; rows past it are not looked at
/// (the caller reads no further than `snapshot.last_seq`).
fn filtered(
    snapshot: &crate::authority::Snapshot,
    audience: &Audience,
    rows: &[crate::store::StoredEvent],
) -> Vec<(u64, String)> {
    rows.iter()
        .filter(|r| r.seq <= snapshot.last_seq)
        .filter_map(|r| match fairlog_domain::privacy::filter_line(&snapshot.state, audience, &r.line) {
            Ok(line) => line.map(|l| (r.seq, l.into_owned())),
            Err(e) => {
                // The authority loaded every stored line through the codec; this cannot happen.
                tracing::error!("stored line {} unreadable: {e}", r.seq);
                None
            }
        })
        .collect()
}

async fn pull(
    State(s): State<AppState>,
    session: Session,
    audience: Option<Extension<Audience>>,
    query: Result<Query<PullQuery>, QueryRejection>,
) -> Result<Json<PullResponse>, ApiError> {
    let Query(q) = query?;
    let audience = audience_of(&session, audience);
    let last_seq = check_cursor(&s, q.after, q.hash.as_deref()).await?;
    let limit = q.limit.unwrap_or(MAX_PULL).clamp(1, MAX_PULL);
    let last_mutation = match q.client_id {
        Some(c) => Some(s.store.last_mutation(session.client_key(c)).await?),
        None => None,
    };
    if audience == Audience::Organizer {
        let rows = s.store.read_after(q.after, limit).await?;
        let last_read = rows.last().map(|r| r.seq).unwrap_or(q.after);
        return Ok(Json(PullResponse {
            events: rows.into_iter().map(|r| r.line).collect(),
            last_seq,
            more: last_read < last_seq,
            last_mutation,
            scanned: None,
            scanned_hash: None,
        }));
    }
    // A filtered page: the stored lines up to the snapshot, filtered; the cursor moves past the
    // withheld ones too (`scanned`), so a long run of them never stalls the reader.
    let snapshot = s.authority.snapshot();
    let last_seq = last_seq.min(snapshot.last_seq).max(q.after);
    let limit = limit.min(last_seq - q.after);
    let rows = if limit == 0 { Vec::new() } else { s.store.read_after(q.after, limit).await? };
    let rows: Vec<_> = rows.into_iter().filter(|r| r.seq <= snapshot.last_seq).collect();
    let scanned = rows.last().map(|r| r.seq).unwrap_or(q.after);
    let scanned_hash = match rows.last() {
        Some(r) => r.hash.clone(),
        None if q.after == 0 => String::new(),
        None => s.store.read_after(q.after - 1, 1).await?.first().map(|r| r.hash.clone()).unwrap_or_default(),
    };
    let events = filtered(&snapshot, &audience, &rows).into_iter().map(|(_, l)| l).collect();
    Ok(Json(PullResponse {
        events,
        last_seq,
        more: scanned < last_seq,
        last_mutation,
        scanned: Some(scanned),
        scanned_hash: Some(scanned_hash),
    }))
}

/// `GET /api/snapshot`: the state a new browser starts from, the account's audience's
/// (`crate::snapshots`). A log too short to need one, or an audience that holds no line of it, is
/// answered `204 No Content` (not an error: a browser console logs every 4xx), and the browser
/// pulls from the start.
async fn snapshot(
    State(s): State<AppState>,
    session: Session,
    audience: Option<Extension<Audience>>,
    headers: HeaderMap,
) -> Result<Response, ApiError> {
    let none = || (StatusCode::NO_CONTENT, [(header::CACHE_CONTROL, "no-store")]).into_response();
    let audience = audience_of(&session, audience);
    Ok(match s.snapshots.current(&s.authority, &s.store, &audience).await? {
        Some(encoded) => crate::snapshots::response(&encoded, &headers),
        None => none(),
    })
}

/// `GET /api/stream?after=N` (or `Last-Event-ID: N`): Server-Sent Events, one per stored event
/// after the cursor (`id` = its sequence, `data` = its line), then live as the log grows. Each
/// connection reads from the store at its own pace, so a slow reader holds no buffer and a
/// reconnect (or a server restart) resumes from the last id it saw and misses nothing. The
/// session is checked again before every page: signed out, expired or disabled, the stream ends
/// (and the browser's reconnect is answered 401).
async fn stream_events(
    State(s): State<AppState>,
    session: Session,
    axum::Extension(current): axum::Extension<auth::Current>,
    audience: Option<Extension<Audience>>,
    headers: HeaderMap,
    query: Result<Query<PullQuery>, QueryRejection>,
) -> Result<Sse<impl Stream<Item = Result<SseEvent, Infallible>>>, ApiError> {
    let Query(q) = query?;
    let after = headers
        .get("last-event-id")
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.trim().parse::<u64>().ok())
        .unwrap_or(q.after);
    check_cursor(&s, after, q.hash.as_deref()).await?;
    let head = s.authority.head();
    let audience = audience_of(&session, audience);
    let state = StreamState {
        store: s.store.clone(),
        authority: s.authority.clone(),
        audience,
        head,
        cursor: after,
        buffer: Vec::new().into_iter(),
        scanned: None,
        session: current.token_hash,
        clock: s.auth.clock.clone(),
    };
    let events = stream::unfold(state, |mut st| async move {
        loop {
            if let Some((seq, line)) = st.buffer.next() {
                let event = SseEvent::default().id(seq.to_string()).event("event").data(line);
                return Some((Ok(event), st));
            }
            if let Some((seq, hash)) = st.scanned.take() {
                // A filtered stream says how far it has looked when that is past the last line
                // it sent, so that a reconnect (`Last-Event-ID`) resumes there.
                let data = serde_json::json!({ "scanned": seq, "scanned_hash": hash }).to_string();
                let event = SseEvent::default().id(seq.to_string()).event("scanned").data(data);
                return Some((Ok(event), st));
            }
            let head_seq = st.head.borrow_and_update().last_seq;
            if head_seq > st.cursor {
                // Before each page: a session signed out, expired or disabled ends the stream.
                if !auth::still_valid(st.store.as_ref(), &st.clock, &st.session).await.unwrap_or(true) {
                    return None;
                }
                let (limit, snapshot) = if st.audience == Audience::Organizer {
                    (500, None)
                } else {
                    let snapshot = st.authority.snapshot();
                    (snapshot.last_seq.saturating_sub(st.cursor).min(500), Some(snapshot))
                };
                if limit == 0 {
                    // The head moved before the snapshot did (they are sent in the other order,
                    // so only for a moment): wait for the next change.
                    if st.head.changed().await.is_err() {
                        return None;
                    }
                    continue;
                }
                match st.store.read_after(st.cursor, limit).await {
                    Ok(rows) => {
                        let Some(last) = rows.last() else { continue };
                        let (last_seq, last_hash) = (last.seq, last.hash.clone());
                        let lines: Vec<(u64, String)> = match &snapshot {
                            None => rows.into_iter().map(|r| (r.seq, r.line)).collect(),
                            Some(snap) => filtered(snap, &st.audience, &rows),
                        };
                        if snapshot.is_some() && lines.last().map(|l| l.0) != Some(last_seq) {
                            st.scanned = Some((last_seq, last_hash));
                        }
                        st.cursor = last_seq;
                        st.buffer = lines.into_iter();
                        continue;
                    }
                    Err(e) => {
                        tracing::warn!("stream read: {e}");
                        tokio::time::sleep(Duration::from_secs(1)).await;
                        continue;
                    }
                }
            }
            if st.head.changed().await.is_err() {
                return None;
            }
        }
    });
    Ok(Sse::new(events).keep_alive(KeepAlive::new().interval(Duration::from_secs(15))))
}

struct StreamState {
    store: Arc<dyn EventStore>,
    authority: Authority,
    audience: Audience,
    head: tokio::sync::watch::Receiver<crate::store::Head>,
    /// The last stored sequence read (sent or withheld).
    cursor: u64,
    buffer: std::vec::IntoIter<(u64, String)>,
    /// After the buffer: tell the reader how far the filter looked (sequence, stored hash).
    scanned: Option<(u64, String)>,
    /// The session's token hash, checked again before every page read.
    session: String,
    clock: auth::Clock,
}
