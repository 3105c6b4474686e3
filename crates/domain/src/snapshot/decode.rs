//! Reading a snapshot: every check before the body is decoded, none of them panics.
use super::{checksum, fingerprint, Snapshot, SnapshotError, FORMAT_VERSION, HEADER_BYTES, MAGIC};
use crate::log::Cursor;
use crate::state::State;

fn u64_at(bytes: &[u8], at: usize) -> u64 {
    let mut b = [0u8; 8];
    b.copy_from_slice(&bytes[at..at + 8]);
    u64::from_le_bytes(b)
}

/// Read a snapshot written by [`super::encode`] of this build.
pub fn decode(bytes: &[u8]) -> Result<Snapshot, SnapshotError> {
    let len = bytes.len() as u64;
    if bytes.len() < MAGIC.len() || bytes[..MAGIC.len()] != MAGIC {
        return Err(if MAGIC.starts_with(bytes) {
            SnapshotError::Truncated { len, needed: HEADER_BYTES as u64 }
        } else {
            SnapshotError::WrongMagic
        });
    }
    if bytes.len() < HEADER_BYTES {
        return Err(SnapshotError::Truncated { len, needed: HEADER_BYTES as u64 });
    }
    let version = u16::from_le_bytes([bytes[8], bytes[9]]);
    if version != FORMAT_VERSION {
        return Err(SnapshotError::OtherVersion { found: version, expected: FORMAT_VERSION });
    }
    let build = u64_at(bytes, 10);
    if build != fingerprint() {
        return Err(SnapshotError::OtherBuild { found: build, expected: fingerprint() });
    }
    let body_len = u64_at(bytes, 18);
    let needed = (HEADER_BYTES as u64).saturating_add(body_len);
    if len < needed {
        return Err(SnapshotError::Truncated { len, needed });
    }
    if len > needed {
        return Err(SnapshotError::Corrupt { what: format!("{} bytes after the body", len - needed) });
    }
    let body = &bytes[HEADER_BYTES..];
    if checksum(body)[..] != bytes[26..HEADER_BYTES] {
        return Err(SnapshotError::Corrupt { what: "the body does not match its checksum".into() });
    }
    decode_body(body)
}

/// The body alone, past the checksum (for the fuzz target, which cannot forge a checksum).
#[doc(hidden)]
pub fn decode_body(body: &[u8]) -> Result<Snapshot, SnapshotError> {
    let (seq, hash, events, state): (u64, String, u64, State) =
        postcard::from_bytes(body).map_err(|e| SnapshotError::Corrupt { what: e.to_string() })?;
    if state.last_seq != seq || events > seq || (seq == 0) != hash.is_empty() {
        return Err(SnapshotError::Corrupt {
            what: format!("the state is at {}, the header says {seq}", state.last_seq),
        });
    }
    Ok(Snapshot { cursor: Cursor { seq, hash, events }, state })
}
