//! Writing a snapshot.
use super::{checksum, fingerprint, FORMAT_VERSION, HEADER_BYTES, MAGIC};
use crate::engine::Engine;
use crate::log::Cursor;
use crate::state::State;

/// The snapshot of an engine: its state and the point after its last event.
pub fn encode(engine: &Engine) -> Vec<u8> {
    encode_state(engine.state(), &engine.log().cursor())
}

/// The snapshot of `state`, the state after the events up to `cursor`.
pub fn encode_state(state: &State, cursor: &Cursor) -> Vec<u8> {
    // Serialising owned-free borrowed data into a Vec cannot fail: every type in the state is
    // plain data with derived or hand-written serde forms (see `form`).
    let body = postcard::to_allocvec(&(cursor.seq, &cursor.hash, cursor.events, state)).unwrap_or_default();
    let mut out = Vec::with_capacity(HEADER_BYTES + body.len());
    out.extend_from_slice(&MAGIC);
    out.extend_from_slice(&FORMAT_VERSION.to_le_bytes());
    out.extend_from_slice(&fingerprint().to_le_bytes());
    out.extend_from_slice(&(body.len() as u64).to_le_bytes());
    out.extend_from_slice(&checksum(&body));
    out.extend_from_slice(&body);
    out
}
