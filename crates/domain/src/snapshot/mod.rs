//! A snapshot of the state: a compact, versioned binary form of [`State`] with the point of the
//! log it covers, so that an app can start from it and the events after it instead of replaying
//! the whole log (`resume`). A snapshot that does not match, for any reason, is refused with a
//! typed error; the caller then replays the log, and nothing is lost either way.
//!
//! The bytes, in order:
//!
//! | bytes | what |
//! | --- | --- |
//! | 8 | magic `FAIRSNAP` |
//! | 2 | [`FORMAT_VERSION`], little-endian: the layout of these bytes, bumped by hand |
//! | 8 | [`fingerprint`] of the build that wrote it, little-endian |
//! | 8 | length of the body, little-endian |
//! | 16 | XXH3-128 of the body, little-endian |
//! | n | body: postcard of `(seq, hash, events, state)` |
//!
//! **Why a fingerprint of the sources.** A snapshot is only as good as the `evolve` and the
//! `State` layout that produced it: a new field, a changed index or a fixed `evolve` makes the
//! old snapshot's state differ from what a replay gives, often without failing to decode. A
//! version constant bumped by hand is forgotten; a hash of the type layout (serde reflection)
//! would miss a change to `evolve`. So the fingerprint is a hash of the domain's source files
//! (`build.rs`; test files excluded): any change to the domain's code refuses the snapshots of
//! the build before, at the cost of one full replay after an upgrade (the app writes a new
//! snapshot then). [`FORMAT_VERSION`] says how the bytes above are laid out, so that a future
//! reader can tell "another layout" from "damaged".
//!
//! The body's checksum makes a flipped byte a refusal (`Corrupt`) rather than a state that
//! decodes into something slightly different.
pub mod cautious;
mod decode;
mod encode;
pub mod form;
mod resume;
#[cfg(test)]
mod tests;

pub use decode::{decode, decode_body};
pub use encode::{encode, encode_state};
pub use resume::ResumeError;

use crate::log::Cursor;
use crate::state::State;

pub const MAGIC: [u8; 8] = *b"FAIRSNAP";
/// The layout of the bytes (header and body framing). Bump it when that changes.
/// (1: a SHA-256 of the body; 2: XXH3-128.)
pub const FORMAT_VERSION: u16 = 2;
/// Magic, version, fingerprint, body length, body checksum.
pub const HEADER_BYTES: usize = 8 + 2 + 8 + 8 + CHECKSUM_BYTES;
/// The checksum's length.
pub const CHECKSUM_BYTES: usize = 16;

/// The body's checksum, as the header holds it (written by `encode`, compared by `decode`).
/// XXH3-128: it is there to tell a damaged or truncated body from a good one, not to resist a
/// forger (whoever can write the snapshot can write the log it stands for; the log's own chain
/// is SHA-256). In the browser it reads the 17 MB snapshot of the seeds' scale in a few
/// milliseconds, where SHA-256 took 88 ms of a 306 ms start.
pub fn checksum(body: &[u8]) -> [u8; CHECKSUM_BYTES] {
    xxhash_rust::xxh3::xxh3_128(body).to_le_bytes()
}

/// The build fingerprint: a hash of the domain's source (see the module's notes).
pub fn fingerprint() -> u64 {
    u64::from_str_radix(env!("FAIRLOG_STATE_FINGERPRINT"), 16).unwrap_or(0)
}

/// A decoded snapshot: the state after the events up to `cursor` (its sequence, the hash of its
/// stored line, and how many events the log has up to there).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Snapshot {
    pub cursor: Cursor,
    pub state: State,
}

/// Why bytes are not a snapshot this build can use. Each is a reason to replay the log instead.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize, thiserror::Error, strum::IntoStaticStr)]
#[strum(serialize_all = "snake_case")]
#[serde(rename_all = "snake_case")]
pub enum SnapshotError {
    /// Fewer bytes than the header, or than the body length the header gives.
    #[error("the snapshot is cut short: {len} bytes, {needed} needed")]
    Truncated { len: u64, needed: u64 },
    /// Not a snapshot at all.
    #[error("not a snapshot (wrong magic)")]
    WrongMagic,
    /// A snapshot of another byte layout.
    #[error("a snapshot of format {found}, this build reads {expected}")]
    OtherVersion { found: u16, expected: u16 },
    /// Written by another build of the domain (its state may differ from this build's replay).
    #[error("a snapshot of another build ({found:016x}, this one is {expected:016x})")]
    OtherBuild { found: u64, expected: u64 },
    /// The body does not match its checksum, does not decode, or contradicts its header.
    #[error("the snapshot is damaged: {what}")]
    Corrupt { what: String },
}

impl SnapshotError {
    /// A stable code for the UI (`snapshot.truncated`, ...).
    pub fn code(&self) -> String {
        format!("snapshot.{}", <&str>::from(self))
    }
}
