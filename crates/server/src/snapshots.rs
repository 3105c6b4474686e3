//! `GET /api/snapshot`: the state a new organizer browser starts from, so that it downloads and
//! decodes one snapshot plus the events after it instead of the whole log (docs/SYNC.md
//! "Starting from the server's snapshot").
//!
//! The bytes are `fairlog_domain::snapshot`'s (versioned, checksummed postcard with the cursor
//! they cover), encoded from the authority's published state, so the browser checks them as it
//! checks its own kept snapshot and resumes with `Engine::resume`: the line at the snapshot's
//! sequence must hash to the cursor's hash, and every line after it is checked as a replay
//! checks it. A snapshot from another build of the domain is refused by the browser, which then
//! pulls the whole log as before.
//!
//! Encoding is done once and kept (raw and gzip, in memory) until the log has grown by
//! [`REFRESH_EVERY`] events: the tail after it is pulled as usual. One request encodes at a
//! time; the others wait for it and take the same bytes.
use std::io::Write;
use std::sync::Arc;

use axum::body::Body;
use axum::http::{header, HeaderMap, HeaderValue, StatusCode};
use axum::response::Response;
use fairlog_domain::snapshot;

use crate::authority::Authority;

/// The shortest log the server offers a snapshot of: below it a pull is as quick (the browser's
/// own threshold for keeping one, `web/src/store/snapshot.rs`).
pub const SNAPSHOT_FROM: u64 = 2_000;
/// How far the log may grow past the kept snapshot before it is encoded again.
pub const REFRESH_EVERY: u64 = 1_000;

/// One encoded snapshot.
#[derive(Debug)]
pub struct Encoded {
    /// The sequence it covers.
    pub seq: u64,
    pub raw: bytes::Bytes,
    pub gzip: bytes::Bytes,
}

impl Encoded {
    fn of(snap: &crate::authority::Snapshot) -> Encoded {
        let raw = snapshot::encode_state(&snap.state, &snap.cursor);
        let mut gz = flate2::write::GzEncoder::new(Vec::with_capacity(raw.len() / 3), flate2::Compression::fast());
        gz.write_all(&raw).expect("writing to memory");
        let gzip = gz.finish().expect("writing to memory");
        Encoded { seq: snap.cursor.seq, raw: raw.into(), gzip: gzip.into() }
    }
}

/// The kept snapshot (see the module's comment).
#[derive(Debug, Default)]
pub struct SnapshotCache {
    kept: tokio::sync::Mutex<Option<Arc<Encoded>>>,
}

impl SnapshotCache {
    /// The snapshot to send now: the kept one while the log has grown by less than
    /// [`REFRESH_EVERY`] since, else a new one of the latest durable state. `None` for a log
    /// shorter than [`SNAPSHOT_FROM`].
    pub async fn current(&self, authority: &Authority) -> Option<Arc<Encoded>> {
        let mut kept = self.kept.lock().await;
        let snap = authority.snapshot();
        if snap.cursor.seq < SNAPSHOT_FROM {
            return None;
        }
        if let Some(k) = kept.as_ref().filter(|k| reusable(k.seq, snap.cursor.seq)) {
            return Some(k.clone());
        }
        let encoded = Arc::new(tokio::task::spawn_blocking(move || Encoded::of(&snap)).await.ok()?);
        tracing::info!("snapshot at event {}: {} bytes, {} gzip", encoded.seq, encoded.raw.len(), encoded.gzip.len());
        *kept = Some(encoded.clone());
        Some(encoded)
    }
}

/// Is a snapshot at `kept` still the one to send when the log ends at `head`? While fewer than
/// [`REFRESH_EVERY`] events follow it, and never one past the head.
pub fn reusable(kept: u64, head: u64) -> bool {
    kept <= head && head - kept < REFRESH_EVERY
}

/// The response: gzip when the client takes it (every browser does), the covered sequence in
/// `x-fairlog-snapshot-seq`, never cached (it holds what only organizers may read).
pub fn response(encoded: &Encoded, request: &HeaderMap) -> Response {
    let gzip = request
        .get(header::ACCEPT_ENCODING)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|v| v.split(',').any(|e| e.trim().split(';').next() == Some("gzip")));
    let body = if gzip { encoded.gzip.clone() } else { encoded.raw.clone() };
    let mut res = Response::new(Body::from(body));
    *res.status_mut() = StatusCode::OK;
    let h = res.headers_mut();
    h.insert(header::CONTENT_TYPE, HeaderValue::from_static("application/octet-stream"));
    h.insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
    h.insert(header::VARY, HeaderValue::from_static("accept-encoding"));
    h.insert("x-fairlog-snapshot-seq", HeaderValue::from(encoded.seq));
    if gzip {
        h.insert(header::CONTENT_ENCODING, HeaderValue::from_static("gzip"));
    }
    res
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_kept_snapshot_serves_until_the_log_has_grown_by_refresh_every() {
        // Given a snapshot kept at event 5,000
        // Then it serves the same log and a tail shorter than REFRESH_EVERY
        assert!(reusable(5_000, 5_000));
        assert!(reusable(5_000, 5_000 + REFRESH_EVERY - 1));
        // And not once the tail is REFRESH_EVERY long, nor for a log that ends before it
        assert!(!reusable(5_000, 5_000 + REFRESH_EVERY));
        assert!(!reusable(5_000, 4_999));
    }
}
