//! `GET /api/snapshot`: the state a new browser starts from, so that it downloads and decodes
//! one snapshot plus the events after it instead of the whole log (docs/SYNC.md "Starting from
//! the server's snapshot").
//!
//! The bytes are `fairlog_domain::snapshot`'s (versioned, checksummed postcard with the cursor
//! they cover), so the browser checks them as it checks its own kept snapshot:
//!
//! * an organizer's is encoded from the authority's published state (the whole log), and the
//!   browser resumes with `Engine::resume`: the line at the snapshot's sequence must hash to the
//!   cursor's hash, and every line after it is checked as a replay checks it;
//! * any other audience's (an enterprise, a host, the public) is that audience's filtered
//!   replica: the stored lines filtered for it as a pull filters them and folded into the state
//!   the browser's replay of them reaches (`privacy::replica_state`), its cursor the last line
//!   the audience holds; the browser resumes with `Engine::resume_filtered`. So it holds nothing
//!   the audience's pull would not send.
//!
//! A snapshot from another build of the domain is refused by the browser, which then pulls the
//! log as before.
//!
//! Encoding is done once per audience and kept (raw and gzip, in memory) until the log has grown
//! by [`REFRESH_EVERY`] events: the tail after it is pulled as usual. The organizers' one is
//! kept apart; of the others the [`KEEP_FILTERED`] most recently asked for are kept. One request
//! encodes at a time; the others wait for it (and the organizers' one for another organizer's).
use std::io::Write;
use std::sync::Arc;

use axum::body::Body;
use axum::http::{header, HeaderMap, HeaderValue, StatusCode};
use axum::response::Response;
use fairlog_domain::privacy::Audience;
use fairlog_domain::snapshot;

use crate::authority::Authority;
use crate::store::{EventStore, StoreError};

/// The shortest log the server offers a snapshot of: below it a pull is as quick (the browser's
/// own threshold for keeping one, `web/src/store/snapshot.rs`).
pub const SNAPSHOT_FROM: u64 = 2_000;
/// How far the log may grow past the kept snapshot before it is encoded again.
pub const REFRESH_EVERY: u64 = 1_000;
/// How many filtered snapshots (enterprises, hosts, the public) are kept in memory.
pub const KEEP_FILTERED: usize = 16;
/// Stored lines read per page while a filtered snapshot is built.
const READ_PAGE: u64 = 5_000;

/// One encoded snapshot.
#[derive(Debug)]
pub struct Encoded {
    /// The sequence it covers (for a filtered one, the last line its audience holds).
    pub seq: u64,
    /// The end of the log when it was encoded (the lines between `seq` and it were withheld
    /// from its audience).
    pub built_at: u64,
    pub raw: bytes::Bytes,
    pub gzip: bytes::Bytes,
}

impl Encoded {
    fn of(raw: Vec<u8>, seq: u64, built_at: u64) -> Encoded {
        let mut gz = flate2::write::GzEncoder::new(Vec::with_capacity(raw.len() / 3), flate2::Compression::fast());
        gz.write_all(&raw).expect("writing to memory");
        let gzip = gz.finish().expect("writing to memory");
        Encoded { seq, built_at, raw: raw.into(), gzip: gzip.into() }
    }
}

/// The kept snapshots (see the module's comment).
#[derive(Debug, Default)]
pub struct SnapshotCache {
    kept: tokio::sync::Mutex<Option<Arc<Encoded>>>,
    /// Filtered ones, the most recently asked for last.
    filtered: tokio::sync::Mutex<Vec<(Audience, Arc<Encoded>)>>,
}

impl SnapshotCache {
    /// The snapshot to send `audience` now: the kept one while the log has grown by less than
    /// [`REFRESH_EVERY`] since, else a new one of the latest durable state. `None` for a log
    /// shorter than [`SNAPSHOT_FROM`], or an audience that holds no line of it.
    pub async fn current(
        &self,
        authority: &Authority,
        store: &Arc<dyn EventStore>,
        audience: &Audience,
    ) -> Result<Option<Arc<Encoded>>, StoreError> {
        if *audience == Audience::Organizer {
            return Ok(self.whole(authority).await);
        }
        let mut kept = self.filtered.lock().await;
        let snap = authority.snapshot();
        if snap.cursor.seq < SNAPSHOT_FROM {
            return Ok(None);
        }
        if let Some(i) = kept.iter().position(|(a, k)| a == audience && reusable(k.built_at, snap.last_seq)) {
            let entry = kept.remove(i);
            let encoded = entry.1.clone();
            kept.push(entry);
            return Ok(Some(encoded));
        }
        let t0 = std::time::Instant::now();
        let mut rows = Vec::with_capacity(snap.last_seq as usize);
        while (rows.len() as u64) < snap.last_seq {
            let after = rows.last().map(|r: &crate::store::StoredEvent| r.seq).unwrap_or(0);
            let page = store.read_after(after, READ_PAGE.min(snap.last_seq - after)).await?;
            if page.is_empty() {
                break;
            }
            rows.extend(page);
        }
        let read = t0.elapsed();
        let who = *audience;
        let Some(encoded) =
            tokio::task::spawn_blocking(move || filtered_snapshot(&snap, &who, &rows)).await.ok().flatten()
        else {
            return Ok(None);
        };
        let encoded = Arc::new(encoded);
        tracing::info!(
            "snapshot for {audience:?} at event {} (log at {}): {} bytes, {} gzip; read {:.0} ms, filtered, folded and encoded {:.0} ms",
            encoded.seq,
            encoded.built_at,
            encoded.raw.len(),
            encoded.gzip.len(),
            read.as_secs_f64() * 1e3,
            (t0.elapsed() - read).as_secs_f64() * 1e3,
        );
        kept.retain(|(a, _)| a != audience);
        if kept.len() >= KEEP_FILTERED {
            kept.remove(0);
        }
        kept.push((*audience, encoded.clone()));
        Ok(Some(encoded))
    }

    /// The organizers' snapshot: the authority's state itself.
    async fn whole(&self, authority: &Authority) -> Option<Arc<Encoded>> {
        let mut kept = self.kept.lock().await;
        let snap = authority.snapshot();
        if snap.cursor.seq < SNAPSHOT_FROM {
            return None;
        }
        if let Some(k) = kept.as_ref().filter(|k| reusable(k.seq, snap.cursor.seq)) {
            return Some(k.clone());
        }
        let encoded = tokio::task::spawn_blocking(move || {
            Encoded::of(snapshot::encode_state(&snap.state, &snap.cursor), snap.cursor.seq, snap.cursor.seq)
        });
        let encoded = Arc::new(encoded.await.ok()?);
        tracing::info!("snapshot at event {}: {} bytes, {} gzip", encoded.seq, encoded.raw.len(), encoded.gzip.len());
        *kept = Some(encoded.clone());
        Some(encoded)
    }
}

/// `audience`'s replica of the stored `rows` (the whole log up to `snap`), encoded: each line
/// filtered as a pull filters it and folded into the state its browser's replay would reach
/// (`privacy::replica_state`). `None` when the audience holds no line.
fn filtered_snapshot(
    snap: &crate::authority::Snapshot,
    audience: &Audience,
    rows: &[crate::store::StoredEvent],
) -> Option<Encoded> {
    let stored = rows.iter().filter(|r| r.seq <= snap.last_seq).map(|r| (r.seq, r.line.as_str(), r.hash.as_str()));
    let (state, cursor) = match fairlog_domain::privacy::replica_state(&snap.state, audience, stored) {
        Ok(folded) => folded,
        Err(e) => {
            // The authority loaded every stored line through the codec; this cannot happen.
            tracing::error!("a stored line is unreadable: {e}");
            return None;
        }
    };
    (cursor.seq > 0).then(|| Encoded::of(snapshot::encode_state(&state, &cursor), cursor.seq, snap.last_seq))
}

/// Is a snapshot at `kept` still the one to send when the log ends at `head`? While fewer than
/// [`REFRESH_EVERY`] events follow it, and never one past the head.
pub fn reusable(kept: u64, head: u64) -> bool {
    kept <= head && head - kept < REFRESH_EVERY
}

/// The response: gzip when the client takes it (every browser does), the covered sequence in
/// `x-fairlog-snapshot-seq`, never cached (it holds what only its audience may read).
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
