//! Talking to fairlog-server (docs/SYNC.md): health, push, pull, the live stream.
use fairlog_domain::sync_protocol::{Health, Mutation, PullResponse, PushRequest, PushResponse};
use gloo_net::http::Request;
use uuid::Uuid;

/// Why a request did not get an answer we can use.
#[derive(Debug, Clone, PartialEq)]
pub enum NetError {
    /// No answer at all (offline, server down): try again later.
    Offline(String),
    /// The server answered with an error code (`sync.cursor_ahead`, `store.unavailable`, …).
    Refused { status: u16, code: String, message: String },
}

impl std::fmt::Display for NetError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            NetError::Offline(s) => write!(f, "offline: {s}"),
            NetError::Refused { status, code, message } => write!(f, "{status} {code}: {message}"),
        }
    }
}

/// A server answer: its JSON body, or the error code and message it gave.
pub(crate) async fn answer<T: serde::de::DeserializeOwned>(res: gloo_net::http::Response) -> Result<T, NetError> {
    if res.ok() {
        return res.json().await.map_err(|e| NetError::Offline(e.to_string()));
    }
    let status = res.status();
    let body: serde_json::Value = res.json().await.unwrap_or_default();
    Err(NetError::Refused {
        status,
        code: body["code"].as_str().unwrap_or("http").to_owned(),
        message: body["message"].as_str().unwrap_or_default().to_owned(),
    })
}

const SERVED_KEY: &str = "fairlog.served_by_server";

/// Is this app a replica of fairlog-server? Yes when the server answers now, and also when it
/// answered before on this origin and the network is down now (the app then opens offline on
/// the replica it kept). A static host answers 404 or HTML.
pub async fn served_by_server() -> bool {
    use gloo_storage::Storage;
    match health().await {
        Some(_) => {
            let _ = gloo_storage::LocalStorage::set(SERVED_KEY, true);
            true
        }
        None => {
            gloo_storage::LocalStorage::get::<bool>(SERVED_KEY).unwrap_or(false)
                && web_sys::window().is_some_and(|w| !w.navigator().on_line())
        }
    }
}

/// The server's health, if the app is served by fairlog-server.
pub async fn health() -> Option<Health> {
    let res = Request::get("/api/health").send().await.ok()?;
    if !res.ok() {
        return None;
    }
    res.json::<Health>().await.ok()
}

pub async fn push(client_id: Uuid, mutations: Vec<Mutation>) -> Result<PushResponse, NetError> {
    let body = PushRequest { client_id, mutations };
    let req = crate::account::api::post("/api/push").json(&body).map_err(|e| NetError::Offline(e.to_string()))?;
    answer(req.send().await.map_err(|e| NetError::Offline(e.to_string()))?).await
}

/// A page of lines after `after`; `hash` is our line's hash there (checked by the server; empty
/// when we hold no line there, as when starting from a snapshot).
pub async fn pull(after: u64, hash: &str) -> Result<PullResponse, NetError> {
    let mut url = format!("/api/events?after={after}");
    if after > 0 && !hash.is_empty() {
        url.push_str(&format!("&hash={hash}"));
    }
    answer(Request::get(&url).send().await.map_err(|e| NetError::Offline(e.to_string()))?).await
}

/// The server's snapshot to start a new replica from (`GET /api/snapshot`, docs/SYNC.md): the
/// sequence it covers and its bytes (the account's audience's: the whole state for an organizer,
/// its filtered replica for anyone else), or `None` when the server has none (a short log).
pub async fn snapshot() -> Result<Option<(u64, Vec<u8>)>, NetError> {
    let res = Request::get("/api/snapshot").send().await.map_err(|e| NetError::Offline(e.to_string()))?;
    if res.status() == 204 {
        return Ok(None);
    }
    if !res.ok() {
        return answer::<serde_json::Value>(res).await.map(|_| None);
    }
    let seq = res.headers().get("x-fairlog-snapshot-seq").and_then(|v| v.parse::<u64>().ok());
    let bytes = res.binary().await.map_err(|e| NetError::Offline(e.to_string()))?;
    Ok(seq.map(|s| (s, bytes)))
}

/// Every line from the first up to `last` (a replica started from the server's snapshot needs
/// them for the history and time travel), page by page. A filtered stream has gaps: each line's
/// sequence is its own, and the next page starts where the server said it looked.
pub async fn pull_range(last: u64) -> Result<Vec<(u64, String)>, NetError> {
    let mut lines: Vec<(u64, String)> = Vec::new();
    let (mut after, mut hash) = (0u64, String::new());
    while after < last {
        let page = pull(after, &hash).await?;
        let before = after;
        for (i, l) in page.events.into_iter().enumerate() {
            let seq = crate::store::idb::line_seq(&l).unwrap_or(before + 1 + i as u64);
            hash = fairlog_domain::log::hash_line(&l);
            after = seq;
            lines.push((seq, l));
        }
        // A filtered page says how far it looked and that line's stored hash (a redacted line
        // does not hash to it).
        if let Some((scanned, scanned_hash)) = page.scanned.zip(page.scanned_hash) {
            (after, hash) = (scanned.max(after), scanned_hash);
        }
        if after == before || !page.more {
            break;
        }
    }
    lines.retain(|(seq, _)| *seq <= last);
    Ok(lines)
}
