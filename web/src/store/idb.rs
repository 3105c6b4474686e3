//! IndexedDB persistence of the event log, through the `idb` crate (a maintained, thin futures
//! wrapper over the IndexedDB API; `rexie` builds on it and adds little we need).
//!
//! Object store `events`: one record holds one or more consecutive lines of the log. Its value is
//! the lines' UTF-8 bytes (a `Uint8Array`), joined by `\n` (a JSON line never holds a raw
//! newline), exactly the bytes the hash chain covers; its key is the sequence number of its last
//! line. A command's events are one record each ([`EventStore::append`]); a catch-up, an import
//! or a merge writes batches of up to [`BATCH_BYTES`], because IndexedDB's cost is per record
//! (100,000 one-line records took it about 8 s). Bytes rather than a string: a string with any
//! Chinese in it is stored as UTF-16, twice the size, after a conversion. Stores written as
//! strings, one line a record (before stop 21), are read the same way. Records are only ever
//! added (`add`, never `put`), and every write first checks, inside its transaction, that the
//! store's last key is the one the writer expects (another tab may have written since), so
//! nothing is overwritten or skipped.
use std::rc::Rc;

use fairlog_domain::log::Sealed;
use idb::{Database, DatabaseEvent, Factory, KeyRange, ObjectStoreParams, Query, TransactionMode};
use wasm_bindgen::{JsCast, JsValue};

mod backups;
mod connection;
pub use self::backups::KEEP_BACKUPS;
pub use self::connection::{storage_error_of_abort, Purpose};

pub const DB_NAME: &str = "fairlog";
/// The most bytes of lines in one record when many are written at once (a longer line is a record
/// of its own): large enough that IndexedDB's per-record cost vanishes (about 170 lines of the
/// demo season), under the 128 KiB above which Chromium moves a value out into a blob file.
pub const BATCH_BYTES: usize = 96 * 1024;
const DB_VERSION: u32 = 4;
pub const EVENTS: &str = "events";
/// The log as it was before each merge (JSON Lines), keyed by the time of the merge.
pub const BACKUPS: &str = "backups";
/// Server mode: commands not yet confirmed by the server, keyed by their number for this client
/// (1, 2, …); key 0 holds the last number given out, so numbers are never reused.
pub const OUTBOX: &str = "outbox";
/// A snapshot of the state (`fairlog_domain::snapshot`, bytes) under key 0, to start from
/// instead of replaying the whole log (see `store::snapshot`).
pub const SNAPSHOTS: &str = "snapshots";

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum StorageError {
    /// IndexedDB is missing, blocked or refused to open.
    Unavailable(String),
    /// Another writer added the same sequence first.
    Conflict,
    /// The browser's quota is exhausted.
    Quota,
    /// The connection was closed under us: another tab upgrades the database (`versionchange`)
    /// or the browser closed it. Nothing more can be read or written until the page reloads.
    Closed,
    /// Anything else; the transaction was aborted and nothing was written.
    Failed(String),
}

impl std::fmt::Display for StorageError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            StorageError::Unavailable(s) => write!(f, "unavailable: {s}"),
            StorageError::Conflict => write!(f, "conflict"),
            StorageError::Quota => write!(f, "quota exceeded"),
            StorageError::Closed => write!(f, "the connection was closed; reload the page"),
            StorageError::Failed(s) => write!(f, "{s}"),
        }
    }
}

pub(crate) fn classify(e: idb::Error) -> StorageError {
    let text = e.to_string();
    if text.contains("ConstraintError") {
        StorageError::Conflict
    } else if text.contains("QuotaExceeded") {
        StorageError::Quota
    } else {
        StorageError::Failed(text)
    }
}

/// One stored record as read back: its key and its value, which may not be what we wrote if the
/// store was damaged.
#[derive(Debug, Clone)]
pub struct RawRecord {
    pub key: JsValue,
    pub value: JsValue,
}

impl RawRecord {
    /// The record's key: the sequence of its last line.
    pub fn seq(&self) -> Option<u64> {
        self.key.as_f64().filter(|f| f.fract() == 0.0 && *f >= 1.0).map(|f| f as u64)
    }
    /// The record's lines as text: a string, or UTF-8 bytes; `None` for anything else.
    pub fn text(&self) -> Option<String> {
        if let Some(text) = self.value.as_string() {
            return Some(text);
        }
        let bytes = self.value.dyn_ref::<js_sys::Uint8Array>()?.to_vec();
        String::from_utf8(bytes).ok()
    }
}

/// Stored records taken apart into their lines, for the engine's restore (see the module's
/// comment for the layout).
pub struct StoredLines {
    records: Vec<(u64, Option<String>)>,
    /// Lines at or before this sequence are skipped (the first record read may begin earlier).
    after: u64,
    /// A filtered log has gaps, so a line's sequence is read from the line itself; in a whole
    /// log it follows from the record's key.
    filtered: bool,
}

impl StoredLines {
    pub fn new(records: &[RawRecord], after: u64, filtered: bool) -> StoredLines {
        let records = records.iter().map(|r| (r.seq().unwrap_or(0), r.text())).collect();
        StoredLines { records, after, filtered }
    }

    /// `(sequence, line)` in order; a record that is not text is one `(key, None)`.
    pub fn iter(&self) -> impl Iterator<Item = (u64, Option<&str>)> + '_ {
        let (after, filtered) = (self.after, self.filtered);
        self.records.iter().enumerate().flat_map(move |(i, (key, text))| {
            let key = *key;
            let lines: Vec<(u64, Option<&str>)> = match text {
                None => vec![(key, None)],
                Some(text) => {
                    let parts: Vec<&str> = text.split('\n').collect();
                    let n = parts.len() as u64;
                    parts
                        .into_iter()
                        .enumerate()
                        .map(|(j, line)| {
                            let seq = if j as u64 + 1 == n {
                                key
                            } else if filtered {
                                line_seq(line).unwrap_or(0)
                            } else {
                                key.saturating_sub(n - 1 - j as u64)
                            };
                            (seq, Some(line))
                        })
                        // Only the first record may start before `after`; a damaged sequence
                        // anywhere else reaches the engine, which names it.
                        .filter(|(seq, _)| i > 0 || after == 0 || *seq > after)
                        .collect()
                }
            };
            lines
        })
    }

    /// How many lines there are.
    pub fn len(&self) -> usize {
        self.iter().count()
    }

    pub fn is_empty(&self) -> bool {
        self.records.is_empty()
    }
}

/// The `seq` of a line, read without building the whole event.
pub fn line_seq(line: &str) -> Option<u64> {
    #[derive(serde::Deserialize)]
    struct Seq {
        seq: u64,
    }
    serde_json::from_str::<Seq>(line).ok().map(|s| s.seq)
}

/// Group `(sequence, line)` into records of up to [`BATCH_BYTES`]: `(key, value)` with the key
/// the last line's sequence.
pub fn batches<'a>(lines: impl IntoIterator<Item = (u64, &'a str)>) -> Vec<(u64, String)> {
    let mut out: Vec<(u64, String)> = Vec::new();
    for (seq, line) in lines {
        match out.last_mut() {
            Some((key, value)) if value.len() + 1 + line.len() <= BATCH_BYTES => {
                value.push('\n');
                value.push_str(line);
                *key = seq;
            }
            _ => out.push((seq, line.to_owned())),
        }
    }
    out
}

pub struct EventStore {
    pub(super) db: Database,
    /// The same connection as the browser's object, for what the `idb` crate does not offer
    /// (transaction options; see `connection`).
    raw: web_sys::IdbDatabase,
    /// Whether the connection was closed under us, and whom to tell (see `connection`).
    watch: Rc<connection::Watch>,
}

/// Add `(key, value)` records to the events store of `tx`, then commit; on any failure the
/// transaction is aborted and nothing is written. With `expected_end`, the store's last key is
/// read first, in the same transaction, and must be that one (0: the store is empty), or nothing
/// is written and the answer is `Conflict`.
///
/// The adds go straight to the browser's API and only the transaction's end is awaited: a future
/// per request (two closures and a wake-up each) cost more than IndexedDB itself for a long
/// catch-up (100,000 lines: 28 s with one per request, about 11 s without, the browser's own
/// floor for one record per event; batches of lines took the rest, see the module's comment).
async fn add_and_commit(
    tx: idb::Transaction,
    events: &idb::ObjectStore,
    expected_end: Option<u64>,
    records: &[(u64, impl AsRef<str>)],
) -> Result<(), StorageError> {
    let tx: web_sys::IdbTransaction = tx.into();
    let store: web_sys::IdbObjectStore = events.clone().into();
    let ended = js_sys::Promise::new(&mut |resolve, reject| {
        let on_abort = reject.clone();
        tx.set_oncomplete(Some(&resolve));
        tx.set_onabort(Some(&on_abort));
    });
    if let Some(expected) = expected_end {
        match last_key(&store).await {
            Ok(last) if last == expected => {}
            Ok(_) => {
                let _ = tx.abort();
                return Err(StorageError::Conflict);
            }
            Err(e) => {
                let _ = tx.abort();
                return Err(e);
            }
        }
    }
    for (key, value) in records {
        let bytes = js_sys::Uint8Array::from(value.as_ref().as_bytes());
        if let Err(e) = store.add_with_key(&bytes, &JsValue::from_f64(*key as f64)) {
            let _ = tx.abort();
            return Err(classify_js(&e));
        }
    }
    #[allow(deprecated)]
    let _ = tx.commit();
    let outcome = wasm_bindgen_futures::JsFuture::from(ended).await;
    tx.set_oncomplete(None);
    tx.set_onabort(None);
    match outcome {
        Ok(_) => Ok(()),
        Err(_) => Err(match tx.error() {
            Some(e) => classify_name(&e.name(), &e.message()),
            None => StorageError::Failed("transaction aborted".into()),
        }),
    }
}

/// The greatest key in `store` (0 when it is empty), read with a backwards key cursor.
async fn last_key(store: &web_sys::IdbObjectStore) -> Result<u64, StorageError> {
    let request = store
        .open_key_cursor_with_range_and_direction(&JsValue::NULL, web_sys::IdbCursorDirection::Prev)
        .map_err(|e| classify_js(&e))?;
    let done = js_sys::Promise::new(&mut |resolve, reject| {
        request.set_onsuccess(Some(&resolve));
        request.set_onerror(Some(&reject));
    });
    let outcome = wasm_bindgen_futures::JsFuture::from(done).await;
    request.set_onsuccess(None);
    request.set_onerror(None);
    outcome.map_err(|e| classify_js(&e))?;
    let result = request.result().map_err(|e| classify_js(&e))?;
    if result.is_null() || result.is_undefined() {
        return Ok(0);
    }
    let cursor: web_sys::IdbCursor = result.unchecked_into();
    let key = cursor.key().map_err(|e| classify_js(&e))?;
    Ok(key.as_f64().unwrap_or(0.0) as u64)
}

pub(crate) fn classify_name(name: &str, message: &str) -> StorageError {
    match name {
        "ConstraintError" => StorageError::Conflict,
        "QuotaExceededError" => StorageError::Quota,
        _ => StorageError::Failed(format!("{name}: {message}")),
    }
}

pub(crate) fn classify_js(e: &JsValue) -> StorageError {
    match e.dyn_ref::<web_sys::DomException>() {
        Some(d) => classify_name(&d.name(), &d.message()),
        None => StorageError::Failed(format!("{e:?}")),
    }
}

impl EventStore {
    /// Open (and on first use create) the database.
    pub async fn open(name: &str) -> Result<EventStore, StorageError> {
        Self::open_with(name, || {}).await
    }

    /// Open the database; `on_blocked` runs if the open has to wait for other tabs to close an
    /// older version (the open then completes once they do).
    pub async fn open_with(name: &str, on_blocked: impl FnOnce() + 'static) -> Result<EventStore, StorageError> {
        let factory = Factory::new().map_err(|e| StorageError::Unavailable(e.to_string()))?;
        let mut req = factory.open(name, Some(DB_VERSION)).map_err(|e| StorageError::Unavailable(e.to_string()))?;
        req.on_blocked(move |_| on_blocked());
        req.on_upgrade_needed(|event| {
            let Ok(db) = event.database() else { return };
            for name in [EVENTS, BACKUPS, OUTBOX, SNAPSHOTS] {
                if !db.store_names().iter().any(|s| s == name) {
                    let _ = db.create_object_store(name, ObjectStoreParams::new());
                }
            }
        });
        let db = req.await.map_err(|e| StorageError::Unavailable(e.to_string()))?;
        // A newer version of the app in another tab wants to upgrade the database: let it, by
        // closing this connection; later reads and writes say `Closed` (see `connection`).
        let raw: web_sys::IdbDatabase = db.into();
        let watch = connection::Watch::install(&raw);
        Ok(EventStore { db: Database::from(raw.clone()), raw, watch })
    }

    /// Every record with a key greater than `after`, in key order.
    pub async fn read_after(&self, after: u64) -> Result<Vec<RawRecord>, StorageError> {
        let tx = self.transaction(&[EVENTS], TransactionMode::ReadOnly, Purpose::Read)?;
        let store = tx.object_store(EVENTS).map_err(classify)?;
        let range: Option<Query> = if after == 0 {
            None
        } else {
            Some(KeyRange::lower_bound(&JsValue::from_f64(after as f64), Some(true)).map_err(classify)?.into())
        };
        let keys = store.get_all_keys(range.clone(), None).map_err(classify)?.await.map_err(classify)?;
        let values = store.get_all(range, None).map_err(classify)?.await.map_err(classify)?;
        Ok(keys.into_iter().zip(values).map(|(key, value)| RawRecord { key, value }).collect())
    }

    /// Write the sealed events in one transaction; returns only once it has committed.
    pub async fn append(&self, sealed: &[Sealed]) -> Result<(), StorageError> {
        if sealed.is_empty() {
            return Ok(());
        }
        let tx = self.transaction(&[EVENTS], TransactionMode::ReadWrite, Purpose::Append)?;
        let store = tx.object_store(EVENTS).map_err(classify)?;
        let records: Vec<(u64, &str)> = sealed.iter().map(|s| (s.envelope.seq, s.line.as_str())).collect();
        add_and_commit(tx, &store, Some(sealed[0].envelope.seq - 1), &records).await
    }

    /// Store the lines of an imported log into an empty store, as they are (one transaction).
    pub async fn write_lines(&self, lines: &[&str]) -> Result<(), StorageError> {
        let tx = self.transaction(&[EVENTS], TransactionMode::ReadWrite, Purpose::Import)?;
        let store = tx.object_store(EVENTS).map_err(classify)?;
        let records = batches(lines.iter().enumerate().map(|(i, l)| (i as u64 + 1, *l)));
        add_and_commit(tx, &store, Some(0), &records).await
    }

    /// A merge, in one transaction: check that the store ends where this tab's log does
    /// (`expected_last`; another tab may have written since, and a merge must never delete a
    /// record it has not read), keep a backup of the log as stored (read in this transaction,
    /// not from memory), drop the events after the shared prefix, store the merged ones. Either
    /// all of it happens or none; a moved store is `Conflict`.
    pub async fn replace_after(
        &self,
        keep: u64,
        expected_last: u64,
        sealed: &[Sealed],
        backup_key: f64,
    ) -> Result<(), StorageError> {
        let tx = self.transaction(&[EVENTS, BACKUPS], TransactionMode::ReadWrite, Purpose::Merge)?;
        let events = tx.object_store(EVENTS).map_err(classify)?;
        let backups = tx.object_store(BACKUPS).map_err(classify)?;
        let keys = events.get_all_keys(None, None).map_err(classify)?.await.map_err(classify)?;
        let stored = events.get_all(None, None).map_err(classify)?.await.map_err(classify)?;
        let records: Vec<RawRecord> =
            keys.into_iter().zip(stored).map(|(key, value)| RawRecord { key, value }).collect();
        let last_key = records.last().and_then(|r| r.seq()).unwrap_or(0);
        let read = StoredLines::new(&records, 0, false);
        let lines: Vec<(u64, &str)> = read.iter().filter_map(|(seq, l)| Some((seq, l?))).collect();
        if last_key != expected_last || lines.len() as u64 != expected_last {
            let _ = tx.abort();
            return Err(StorageError::Conflict);
        }
        let backup = fairlog_domain::codec::export_stored(&lines.iter().map(|(_, l)| *l).collect::<Vec<_>>());
        backups
            .add(&JsValue::from_str(&backup), Some(&JsValue::from_f64(backup_key)))
            .map_err(classify)?
            .await
            .map_err(classify)?;
        backups::keep_newest(&backups, KEEP_BACKUPS).await?;
        // Every record ending after `keep` goes; the lines up to `keep` of the first of them (a
        // batch may straddle it) are written again, then the merged events.
        let range = KeyRange::lower_bound(&JsValue::from_f64(keep as f64), Some(true)).map_err(classify)?;
        events.delete(Query::from(range)).map_err(classify)?.await.map_err(classify)?;
        let kept_end = records.iter().filter_map(|r| r.seq()).filter(|k| *k <= keep).max().unwrap_or(0);
        let rewritten = lines.iter().filter(|(seq, _)| *seq > kept_end && *seq <= keep).copied();
        let merged = sealed.iter().map(|s| (s.envelope.seq, s.line.as_str()));
        let records = batches(rewritten.chain(merged));
        add_and_commit(tx, &events, Some(kept_end), &records).await
    }

    /// The backups kept before merges: (time in ms, JSON Lines text), newest last.
    pub async fn backups(&self) -> Result<Vec<(f64, String)>, StorageError> {
        let tx = self.transaction(&[BACKUPS], TransactionMode::ReadOnly, Purpose::Read)?;
        let store = tx.object_store(BACKUPS).map_err(classify)?;
        let keys = store.get_all_keys(None, None).map_err(classify)?.await.map_err(classify)?;
        let values = store.get_all(None, None).map_err(classify)?.await.map_err(classify)?;
        Ok(keys.into_iter().zip(values).filter_map(|(k, v)| Some((k.as_f64()?, v.as_string()?))).collect())
    }

    /// Store the server's confirmed lines at their sequences (server mode), in one transaction,
    /// after the stored line `after` (the replica's end before them).
    pub async fn add_lines(&self, after: u64, lines: &[(u64, String)]) -> Result<(), StorageError> {
        if lines.is_empty() {
            return Ok(());
        }
        let tx = self.transaction(&[EVENTS], TransactionMode::ReadWrite, Purpose::Append)?;
        let store = tx.object_store(EVENTS).map_err(classify)?;
        let records = batches(lines.iter().map(|(seq, l)| (*seq, l.as_str())));
        add_and_commit(tx, &store, Some(after), &records).await
    }

    /// Server mode, a new replica: keep the server's snapshot and store the lines from its
    /// sequence on (the first is the line it covers), in one transaction, into an empty store
    /// (`Conflict` if another tab stored anything first).
    pub async fn start_from(&self, snapshot: &[u8], lines: &[(u64, String)]) -> Result<(), StorageError> {
        let tx = self.transaction(&[EVENTS, SNAPSHOTS], TransactionMode::ReadWrite, Purpose::Append)?;
        let snapshots: web_sys::IdbObjectStore = tx.object_store(SNAPSHOTS).map_err(classify)?.into();
        let events = tx.object_store(EVENTS).map_err(classify)?;
        if let Err(e) = snapshots.put_with_key(&js_sys::Uint8Array::from(snapshot), &JsValue::from_f64(0.0)) {
            let _ = tx.abort();
            return Err(classify_js(&e));
        }
        let records = batches(lines.iter().map(|(seq, l)| (*seq, l.as_str())));
        add_and_commit(tx, &events, Some(0), &records).await
    }

    /// Server mode: forget the lines and the snapshot (not the outbox), when the replica started
    /// from a server snapshot this build cannot read: it catches up from the server again.
    pub async fn clear_replica(&self) -> Result<(), StorageError> {
        let tx = self.transaction(&[EVENTS, SNAPSHOTS], TransactionMode::ReadWrite, Purpose::Keep)?;
        for name in [EVENTS, SNAPSHOTS] {
            tx.object_store(name).map_err(classify)?.clear().map_err(classify)?.await.map_err(classify)?;
        }
        tx.commit().map_err(classify)?.await.map_err(classify)?;
        Ok(())
    }

    /// The last stored line's sequence (0: the store is empty).
    pub async fn last_seq(&self) -> Result<u64, StorageError> {
        let tx = self.transaction(&[EVENTS], TransactionMode::ReadOnly, Purpose::Read)?;
        let store = tx.object_store(EVENTS).map_err(classify)?;
        last_key(&store.into()).await
    }

    /// Queue commands (as JSON) in the outbox; returns the numbers given to them. One
    /// transaction, so two tabs never give out the same number.
    pub async fn outbox_add(&self, commands: &[String]) -> Result<Vec<u64>, StorageError> {
        let tx = self.transaction(&[OUTBOX], TransactionMode::ReadWrite, Purpose::Keep)?;
        let store = tx.object_store(OUTBOX).map_err(classify)?;
        let zero = JsValue::from_f64(0.0);
        let last = store.get(Query::from(zero.clone())).map_err(classify)?.await.map_err(classify)?;
        let mut n = last.and_then(|v| v.as_f64()).unwrap_or(0.0) as u64;
        let mut numbers = Vec::with_capacity(commands.len());
        for c in commands {
            n += 1;
            store
                .add(&JsValue::from_str(c), Some(&JsValue::from_f64(n as f64)))
                .map_err(classify)?
                .await
                .map_err(classify)?;
            numbers.push(n);
        }
        store.put(&JsValue::from_f64(n as f64), Some(&zero)).map_err(classify)?.await.map_err(classify)?;
        match tx.commit().map_err(classify)?.await.map_err(classify)? {
            idb::TransactionResult::Committed => Ok(numbers),
            idb::TransactionResult::Aborted => Err(StorageError::Failed("transaction aborted".into())),
        }
    }

    /// The queued commands, oldest first: (number, command JSON).
    pub async fn outbox(&self) -> Result<Vec<(u64, String)>, StorageError> {
        let tx = self.transaction(&[OUTBOX], TransactionMode::ReadOnly, Purpose::Read)?;
        let store = tx.object_store(OUTBOX).map_err(classify)?;
        let range: Query = KeyRange::lower_bound(&JsValue::from_f64(0.0), Some(true)).map_err(classify)?.into();
        let keys = store.get_all_keys(Some(range.clone()), None).map_err(classify)?.await.map_err(classify)?;
        let values = store.get_all(Some(range), None).map_err(classify)?.await.map_err(classify)?;
        Ok(keys.into_iter().zip(values).filter_map(|(k, v)| Some((k.as_f64()? as u64, v.as_string()?))).collect())
    }

    /// Drop commands the server has answered.
    pub async fn outbox_remove(&self, numbers: &[u64]) -> Result<(), StorageError> {
        if numbers.is_empty() {
            return Ok(());
        }
        let tx = self.transaction(&[OUTBOX], TransactionMode::ReadWrite, Purpose::Keep)?;
        let store = tx.object_store(OUTBOX).map_err(classify)?;
        for n in numbers {
            store.delete(Query::from(JsValue::from_f64(*n as f64))).map_err(classify)?.await.map_err(classify)?;
        }
        tx.commit().map_err(classify)?.await.map_err(classify)?;
        Ok(())
    }

    /// Number the queued commands again from `first` (the server has seen up to `first - 1`
    /// and this browser lost track: a restored profile, a cleared store).
    pub async fn outbox_renumber(&self, first: u64) -> Result<Vec<(u64, u64)>, StorageError> {
        let queued = self.outbox().await?;
        let tx = self.transaction(&[OUTBOX], TransactionMode::ReadWrite, Purpose::Keep)?;
        let store = tx.object_store(OUTBOX).map_err(classify)?;
        let mut moves = Vec::new();
        for (old, _) in &queued {
            store.delete(Query::from(JsValue::from_f64(*old as f64))).map_err(classify)?.await.map_err(classify)?;
        }
        let mut n = first.saturating_sub(1);
        for (old, cmd) in &queued {
            n += 1;
            store
                .add(&JsValue::from_str(cmd), Some(&JsValue::from_f64(n as f64)))
                .map_err(classify)?
                .await
                .map_err(classify)?;
            moves.push((*old, n));
        }
        store
            .put(&JsValue::from_f64(n as f64), Some(&JsValue::from_f64(0.0)))
            .map_err(classify)?
            .await
            .map_err(classify)?;
        tx.commit().map_err(classify)?.await.map_err(classify)?;
        Ok(moves)
    }

    /// The kept snapshot's bytes, if there is one.
    pub async fn snapshot(&self) -> Result<Option<Vec<u8>>, StorageError> {
        let tx = self.transaction(&[SNAPSHOTS], TransactionMode::ReadOnly, Purpose::Read)?;
        let store = tx.object_store(SNAPSHOTS).map_err(classify)?;
        let value = store.get(Query::from(JsValue::from_f64(0.0))).map_err(classify)?.await.map_err(classify)?;
        Ok(value.and_then(|v| v.dyn_ref::<js_sys::Uint8Array>().map(|a| a.to_vec())))
    }

    /// Keep `bytes` as the snapshot, in place of the one before.
    pub async fn put_snapshot(&self, bytes: &[u8]) -> Result<(), StorageError> {
        let tx = self.transaction(&[SNAPSHOTS], TransactionMode::ReadWrite, Purpose::Append)?;
        let store = tx.object_store(SNAPSHOTS).map_err(classify)?;
        let value = js_sys::Uint8Array::from(bytes);
        store.put(&value, Some(&JsValue::from_f64(0.0))).map_err(classify)?.await.map_err(classify)?;
        tx.commit().map_err(classify)?.await.map_err(classify)?;
        Ok(())
    }

    /// Test and recovery helper: write a raw value at a key (used by tests to damage a store).
    pub async fn put_raw(&self, key: u64, value: &JsValue) -> Result<(), StorageError> {
        let tx = self.transaction(&[EVENTS], TransactionMode::ReadWrite, Purpose::Keep)?;
        let store = tx.object_store(EVENTS).map_err(classify)?;
        store.put(value, Some(&JsValue::from_f64(key as f64))).map_err(classify)?.await.map_err(classify)?;
        tx.commit().map_err(classify)?.await.map_err(classify)?;
        Ok(())
    }
}

/// Delete a whole database (tests only; the app never deletes the user's data).
pub async fn delete_database(name: &str) -> Result<(), StorageError> {
    let factory = Factory::new().map_err(|e| StorageError::Unavailable(e.to_string()))?;
    factory
        .delete(name)
        .map_err(|e| StorageError::Failed(e.to_string()))?
        .await
        .map_err(|e| StorageError::Failed(e.to_string()))
}
