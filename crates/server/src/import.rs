//! `fairlog-server import FILE`: start a server's log from an exported file (a season prepared
//! offline, or a browser's local log), into an empty store only.
//!
//! The file is read and verified as the app reads it (header, sequences, hash chain) and replayed
//! by the domain; it is refused whole if any line fails, and the store is left as it was. The
//! exact stored lines are kept (the chain covers those bytes), in transactions of
//! `CHUNK` events, each continuing the head the last one left.
use fairlog_domain::codec::{self, CodecError};
use fairlog_domain::engine::RestoreProblem;
use fairlog_domain::Engine;

use crate::store::{EventStore, StoreError, StoredEvent};

/// Events per transaction.
pub const CHUNK: usize = 5_000;

#[derive(Debug, thiserror::Error)]
pub enum ImportError {
    #[error("the file is not a Fairlog log: {0}")]
    Codec(#[from] CodecError),
    #[error("the file's events do not replay: {0:?}")]
    Replay(RestoreProblem),
    #[error("the server's log is not empty ({0} events): import only starts a new log")]
    NotEmpty(u64),
    #[error(transparent)]
    Store(#[from] StoreError),
}

/// Verify `text` and append its events to the empty `store`. Returns the number of events.
/// The largest file `fairlog-server import` reads.
pub const MAX_IMPORT_BYTES: usize = 1024 * 1024 * 1024;

pub async fn import(store: &dyn EventStore, text: &str) -> Result<u64, ImportError> {
    // A server keeps a season at the city's scale (more than the browser's 64 MiB of one file).
    let imported = codec::import_within(text, MAX_IMPORT_BYTES)?;
    let lines: Vec<&str> =
        text.strip_prefix('\u{feff}').unwrap_or(text).lines().filter(|l| !l.trim().is_empty()).skip(1).collect();
    let (engine, problem) = Engine::restore(lines.iter().enumerate().map(|(i, l)| (i as u64 + 1, Some(*l))));
    if let Some(p) = problem {
        return Err(ImportError::Replay(p));
    }
    debug_assert_eq!(engine.log().len(), imported.envelopes.len());
    let mut head = store.head().await?;
    if head.last_seq != 0 {
        return Err(ImportError::NotEmpty(head.last_seq));
    }
    let entries = engine.log().entries();
    for (chunk, envs) in lines.chunks(CHUNK).zip(entries.chunks(CHUNK)) {
        let events: Vec<StoredEvent> = chunk
            .iter()
            .zip(envs)
            .map(|(line, env)| StoredEvent {
                seq: env.seq,
                id: env.id,
                line: (*line).to_owned(),
                hash: fairlog_domain::log::hash_line(line),
            })
            .collect();
        head = store.append(&head, &events, &[]).await?;
    }
    Ok(head.last_seq)
}
