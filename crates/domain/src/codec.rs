//! JSON Lines import and export of the log.
//!
//! ```text
//! {"format":"fairlog.events","schema":1,"count":2,"last_hash":"9f…"}
//! {"id":"…","seq":1,"recorded_at":"…","actor":{…},"schema":1,"prev":"","event":{"fair":{"FairCreated":{…}}}}
//! {"id":"…","seq":2,…,"prev":"<sha256 of line 2>",…}
//! ```
//! The first line is a header; each following line is one envelope. `prev` chains every event to
//! the SHA-256 of the previous event's line, and the header's `last_hash` seals the end, so a
//! truncated or edited file is detected. Envelopes of an older schema are upcast on read; a newer
//! schema is refused.
use serde::{Deserialize, Serialize};
use serde_json::Value;

use crate::envelope::{EventEnvelope, SCHEMA_VERSION};
use crate::log::{to_line, Log};

pub const FORMAT: &str = "fairlog.events";
/// The largest file read whole: a merge into a log that is not empty (a year of a busy district
/// is a few MiB). Larger files are refused before parsing.
pub const MAX_IMPORT_BYTES: usize = 64 * 1024 * 1024;
/// The largest file streamed into an empty store, line by line (1 GiB): the browser's import of a
/// whole season, and what the CLI reads.
pub const MAX_STREAM_IMPORT_BYTES: u64 = 1 << 30;

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Header {
    pub format: String,
    pub schema: u16,
    pub count: u64,
    pub last_hash: String,
}

/// Why a file or a stored record could not be read. Line numbers count from 1, header included.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, thiserror::Error)]
#[serde(rename_all = "snake_case")]
pub enum CodecError {
    #[error("the file is empty")]
    Empty,
    #[error("the file is larger than {max_bytes} bytes")]
    TooLarge { max_bytes: usize },
    #[error("this is not a Fairlog event log")]
    NotALog,
    #[error("unknown format {found:?}")]
    WrongFormat { found: String },
    #[error("written by a newer version (schema {found}; this app reads up to {supported})")]
    NewerSchema { found: u16, supported: u16 },
    #[error("line {line}: invalid JSON ({message})")]
    InvalidJson { line: usize, message: String },
    #[error("line {line}: not a valid event ({message})")]
    InvalidEvent { line: usize, message: String },
    #[error("the header announces {declared} events, the file has {found}")]
    CountMismatch { declared: u64, found: u64 },
    #[error("line {line}: sequence {found}, expected {expected}")]
    BadSequence { line: usize, expected: u64, found: u64 },
    #[error("line {line}: an event id appears twice")]
    DuplicateId { line: usize },
    #[error("line {line}: the hash chain is broken (the file was changed or reordered)")]
    BrokenChain { line: usize },
    #[error("the last event does not match the header's hash")]
    LastHashMismatch,
    /// The line chains, but the domain could not have decided its event there (see `judge`).
    #[error("line {line}: {event} breaks the rule {}: {error}", error.code())]
    Refused { line: usize, event: String, error: crate::error::DomainError },
}

/// The header line of a log's export (without its newline).
pub fn export_header(log: &Log) -> String {
    let header = Header {
        format: FORMAT.into(),
        schema: SCHEMA_VERSION,
        count: log.last_seq(),
        last_hash: log.last_hash().to_owned(),
    };
    serde_json::to_string(&header).expect("header serializes")
}

/// Export a log as JSON Lines with its header.
pub fn export(log: &Log) -> String {
    let mut out = export_header(log);
    out.push('\n');
    for env in log.entries() {
        out.push_str(&to_line(env));
        out.push('\n');
    }
    out
}

/// An export file of stored lines exactly as stored (a backup read back from storage, not from
/// memory): the header counts them and names the last line's hash.
pub fn export_stored<S: AsRef<str>>(lines: &[S]) -> String {
    let header = Header {
        format: FORMAT.into(),
        schema: SCHEMA_VERSION,
        count: lines.len() as u64,
        last_hash: lines.last().map(|l| crate::log::hash_line(l.as_ref())).unwrap_or_default(),
    };
    let mut out = serde_json::to_string(&header).expect("header serializes");
    out.push('\n');
    for l in lines {
        out.push_str(l.as_ref());
        out.push('\n');
    }
    out
}

/// A snapshot of the current state (what the log adds up to), for reading elsewhere: fairs,
/// series, floor plans, enterprises, posts, bookings and waitlists as JSON. It is derived data;
/// the log is the source of truth.
pub fn snapshot(engine: &crate::engine::Engine) -> String {
    let s = engine.state();
    let v = serde_json::json!({
        "format": "fairlog.snapshot",
        "schema": SCHEMA_VERSION,
        "at_seq": engine.log().last_seq(),
        "last_hash": engine.log().last_hash(),
        "fairs": s.fairs.values().collect::<Vec<_>>(),
        "series": s.series.values().collect::<Vec<_>>(),
        "floor_plans": s.floor_plans.values().collect::<Vec<_>>(),
        "enterprises": s.enterprises.values().collect::<Vec<_>>(),
        "posts": s.posts.values().collect::<Vec<_>>(),
        "bookings": s.bookings.values().collect::<Vec<_>>(),
        "waitlist": s.waitlist.values().collect::<Vec<_>>(),
    });
    serde_json::to_string_pretty(&v).expect("state serializes")
}

/// A verified file: its header and its envelopes (upcast to the current schema), with the hash of
/// the last stored line.
#[derive(Debug, Clone, PartialEq)]
pub struct Imported {
    pub header: Header,
    pub envelopes: Vec<EventEnvelope>,
}

/// Read and verify a whole exported file (at most [`MAX_IMPORT_BYTES`]).
pub fn import(text: &str) -> Result<Imported, CodecError> {
    import_within(text, MAX_IMPORT_BYTES)
}

/// [`import`] with another size limit (the native CLI reads files larger than the browser's
/// limit, such as the seed-scale season).
pub fn import_within(text: &str, max_bytes: usize) -> Result<Imported, CodecError> {
    if text.len() > max_bytes {
        return Err(CodecError::TooLarge { max_bytes });
    }
    // The same verifier as a file streamed in (`import_stream`), fed the lines of the text.
    let mut verifier = crate::import_stream::ImportVerifier::new();
    for line in text.lines() {
        verifier.feed(line)?;
    }
    let verified = verifier.finish()?;
    Ok(Imported { header: verified.header, envelopes: verified.engine.into_log().into_entries() })
}

/// The file's non-blank lines with their line numbers (from 1), after a byte-order mark.
fn numbered_lines(text: &str) -> impl Iterator<Item = (usize, &str)> {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    text.lines().enumerate().map(|(i, l)| (i + 1, l)).filter(|(_, l)| !l.trim().is_empty())
}

/// The event lines of a file exactly as `import` read and verified them (no header, no blank
/// lines, no byte-order mark): the bytes to store, which the hash chain covers.
pub fn event_lines(text: &str) -> Vec<&str> {
    numbered_lines(text).skip(1).map(|(_, l)| l).collect()
}

pub(crate) fn parse_header(line: &str) -> Result<Header, CodecError> {
    let v: Value = serde_json::from_str(line).map_err(|_| CodecError::NotALog)?;
    let obj = v.as_object().ok_or(CodecError::NotALog)?;
    let format = obj.get("format").and_then(Value::as_str).ok_or(CodecError::NotALog)?;
    if format != FORMAT {
        return Err(CodecError::WrongFormat { found: format.chars().take(80).collect() });
    }
    let header: Header =
        serde_json::from_value(v.clone()).map_err(|e| CodecError::InvalidJson { line: 1, message: e.to_string() })?;
    if header.schema > SCHEMA_VERSION {
        return Err(CodecError::NewerSchema { found: header.schema, supported: SCHEMA_VERSION });
    }
    Ok(header)
}

/// Parse one stored line (an IndexedDB record or a line of a file), upcasting older schemas.
pub fn parse_line(line: &str) -> Result<EventEnvelope, CodecError> {
    parse_line_at(line, 0)
}

pub(crate) fn parse_line_at(line: &str, n: usize) -> Result<EventEnvelope, CodecError> {
    // Fast path: a line of the current schema parses straight into the envelope.
    match serde_json::from_str::<EventEnvelope>(line) {
        Ok(env) if env.schema == SCHEMA_VERSION => return Ok(env),
        Ok(env) if env.schema > SCHEMA_VERSION => {
            return Err(CodecError::NewerSchema { found: env.schema, supported: SCHEMA_VERSION })
        }
        _ => {}
    }
    let v: Value =
        serde_json::from_str(line).map_err(|e| CodecError::InvalidJson { line: n, message: e.to_string() })?;
    let schema = v.get("schema").and_then(Value::as_u64).unwrap_or(0);
    if schema > SCHEMA_VERSION as u64 {
        return Err(CodecError::NewerSchema { found: schema.min(u16::MAX as u64) as u16, supported: SCHEMA_VERSION });
    }
    let v = upcast(v, schema as u16).map_err(|message| CodecError::InvalidEvent { line: n, message })?;
    // Through text rather than `from_value`, so the wasm build holds one deserializer per type.
    serde_json::from_str(&v.to_string()).map_err(|e| CodecError::InvalidEvent { line: n, message: e.to_string() })
}

/// Turn an envelope written with an older schema into the current one.
///
/// Schema 1 is the first released schema, so there is nothing to upcast yet. When an event
/// changes shape, bump `SCHEMA_VERSION` and add a step here (`1 => v1_to_v2(v)`), one per version,
/// applied in turn. The stored bytes are never rewritten: the hash chain covers the original line.
fn upcast(v: Value, from: u16) -> Result<Value, String> {
    match from {
        SCHEMA_VERSION => Ok(v),
        other => Err(format!("unknown schema version {other}")),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::testing::sample_engine;

    #[test]
    fn a_backup_of_stored_lines_is_the_export_of_the_same_log() {
        // given a log with a few events
        let engine = sample_engine();
        let lines: Vec<String> = engine.log().entries().iter().map(to_line).collect();
        // when its stored lines are exported
        let backup = export_stored(&lines);
        // then the file is the one the log itself exports, and imports again
        assert_eq!(backup, export(engine.log()));
        assert_eq!(import(&backup).unwrap().header.count, lines.len() as u64);
        assert_eq!(export_stored::<&str>(&[]), export(crate::engine::Engine::new().log()));
    }

    fn exported() -> String {
        export(sample_engine().log())
    }

    #[test]
    fn export_then_import_gives_the_same_envelopes() {
        let engine = sample_engine();
        let back = import(&export(engine.log())).unwrap();
        assert_eq!(back.envelopes, engine.log().entries());
        assert_eq!(back.header.count, engine.log().last_seq());
    }

    #[test]
    fn an_empty_file_is_refused() {
        assert_eq!(import(""), Err(CodecError::Empty));
        assert_eq!(import("\n\n"), Err(CodecError::Empty));
    }

    #[test]
    fn a_file_that_is_not_a_log_is_refused() {
        assert_eq!(import("name,district\n徐汇,1"), Err(CodecError::NotALog));
        assert_eq!(import("[1,2,3]"), Err(CodecError::NotALog));
    }

    #[test]
    fn a_wrong_format_name_is_refused() {
        let text = exported().replacen(FORMAT, "other.events", 1);
        assert_eq!(import(&text), Err(CodecError::WrongFormat { found: "other.events".into() }));
    }

    #[test]
    fn a_newer_schema_is_refused() {
        let text = exported().replacen("\"schema\":1", "\"schema\":99", 1);
        assert_eq!(import(&text), Err(CodecError::NewerSchema { found: 99, supported: SCHEMA_VERSION }));
    }

    #[test]
    fn a_truncated_file_is_refused() {
        let text = exported();
        let cut = &text[..text.len() - 40];
        assert!(matches!(import(cut), Err(CodecError::InvalidJson { .. })));
        let lines: Vec<&str> = text.lines().collect();
        let fewer = lines[..lines.len() - 1].join("\n");
        assert!(matches!(import(&fewer), Err(CodecError::CountMismatch { .. })));
    }

    #[test]
    fn an_edited_event_breaks_the_chain() {
        let text = exported();
        let lines: Vec<&str> = text.lines().collect();
        let mut edited: Vec<String> = lines.iter().map(|s| s.to_string()).collect();
        edited[2] = edited[2].replacen("徐汇", "黄浦", 1);
        assert_ne!(edited[2], lines[2], "the sample has a Xuhui fair on line 3");
        assert_eq!(import(&edited.join("\n")), Err(CodecError::BrokenChain { line: 4 }));
    }

    #[test]
    fn reordered_lines_are_refused() {
        let text = exported();
        let mut lines: Vec<&str> = text.lines().collect();
        lines.swap(1, 2);
        assert!(matches!(import(&lines.join("\n")), Err(CodecError::BadSequence { line: 2, .. })));
    }

    #[test]
    fn an_unknown_event_type_is_refused() {
        let text = exported().replacen("FairCreated", "FairTeleported", 1);
        assert!(matches!(import(&text), Err(CodecError::InvalidEvent { .. })));
    }

    #[test]
    fn deeply_nested_json_is_refused_without_overflow() {
        let header = exported().lines().next().unwrap().to_owned();
        let deep = format!("{header}\n{}{}", "[".repeat(100_000), "]".repeat(100_000));
        assert!(matches!(import(&deep), Err(CodecError::InvalidJson { line: 2, .. })));
    }

    #[test]
    fn a_file_over_the_limit_is_refused_before_parsing() {
        let big = " ".repeat(MAX_IMPORT_BYTES + 1);
        assert_eq!(import(&big), Err(CodecError::TooLarge { max_bytes: MAX_IMPORT_BYTES }));
    }

    #[test]
    fn a_snapshot_says_where_in_the_log_it_was_taken() {
        let engine = sample_engine();
        let v: Value = serde_json::from_str(&snapshot(&engine)).unwrap();
        assert_eq!(v["format"], "fairlog.snapshot");
        assert_eq!(v["at_seq"], 3);
        assert_eq!(v["fairs"].as_array().unwrap().len(), 2);
    }

    #[test]
    fn html_in_names_survives_as_text() {
        let engine = crate::testing::engine_with_fair_named("<script>alert(1)</script>");
        let back = import(&export(engine.log())).unwrap();
        assert_eq!(back.envelopes, engine.log().entries());
    }
}
