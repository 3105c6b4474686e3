//! IndexedDB persistence of the event log, through the `idb` crate (a maintained, thin futures
//! wrapper over the IndexedDB API; `rexie` builds on it and adds little we need).
//!
//! Object store `events`: key = sequence number (1, 2, ...), value = the event's JSON line as a
//! string, exactly the bytes the hash chain covers. Records are only ever added (`add`, never
//! `put`), so a second writer of the same sequence (another tab) fails with a ConstraintError
//! instead of overwriting.
use std::rc::Rc;

use fairlog_domain::log::Sealed;
use idb::{Database, DatabaseEvent, Factory, KeyRange, ObjectStoreParams, Query, TransactionMode};
use wasm_bindgen::{JsCast, JsValue};

mod backups;
mod connection;
pub use self::backups::KEEP_BACKUPS;
pub use self::connection::{storage_error_of_abort, Purpose};

pub const DB_NAME: &str = "fairlog";
const DB_VERSION: u32 = 3;
pub const EVENTS: &str = "events";
/// The log as it was before each merge (JSON Lines), keyed by the time of the merge.
pub const BACKUPS: &str = "backups";
/// Server mode: commands not yet confirmed by the server, keyed by their number for this client
/// (1, 2, …); key 0 holds the last number given out, so numbers are never reused.
pub const OUTBOX: &str = "outbox";

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
    pub fn seq(&self) -> Option<u64> {
        self.key.as_f64().filter(|f| f.fract() == 0.0 && *f >= 1.0).map(|f| f as u64)
    }
    pub fn text(&self) -> Option<String> {
        self.value.as_string()
    }
}

pub struct EventStore {
    db: Database,
    /// The same connection as the browser's object, for what the `idb` crate does not offer
    /// (transaction options; see `connection`).
    raw: web_sys::IdbDatabase,
    /// Whether the connection was closed under us, and whom to tell (see `connection`).
    watch: Rc<connection::Watch>,
}

/// Add `(sequence, line)` records to the events store of `tx`, then commit; on any failure the
/// transaction is aborted and nothing is written.
///
/// The adds go straight to the browser's API and only the transaction's end is awaited: a future
/// per request (two closures and a wake-up each) cost more than IndexedDB itself for a long
/// catch-up (100,000 lines: 28 s with one per request, about 11 s without, the browser's own
/// floor for one record per event). A failed add aborts the transaction; its error says why.
async fn add_and_commit<'a>(
    tx: idb::Transaction,
    events: &idb::ObjectStore,
    records: impl Iterator<Item = (u64, &'a str)>,
) -> Result<(), StorageError> {
    let tx: web_sys::IdbTransaction = tx.into();
    let store: web_sys::IdbObjectStore = events.clone().into();
    let ended = js_sys::Promise::new(&mut |resolve, reject| {
        let on_abort = reject.clone();
        tx.set_oncomplete(Some(&resolve));
        tx.set_onabort(Some(&on_abort));
    });
    for (seq, line) in records {
        if let Err(e) = store.add_with_key(&JsValue::from_str(line), &JsValue::from_f64(seq as f64)) {
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
            for name in [EVENTS, BACKUPS, OUTBOX] {
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
        add_and_commit(tx, &store, sealed.iter().map(|s| (s.envelope.seq, s.line.as_str()))).await
    }

    /// Store the lines of an imported log into an empty store, as they are (one transaction).
    pub async fn write_lines(&self, lines: &[&str]) -> Result<(), StorageError> {
        let tx = self.transaction(&[EVENTS], TransactionMode::ReadWrite, Purpose::Import)?;
        let store = tx.object_store(EVENTS).map_err(classify)?;
        add_and_commit(tx, &store, lines.iter().enumerate().map(|(i, l)| (i as u64 + 1, *l))).await
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
        let stored = events.get_all(None, None).map_err(classify)?.await.map_err(classify)?;
        let keys = events.get_all_keys(None, None).map_err(classify)?.await.map_err(classify)?;
        let last_key = keys.last().and_then(|k| k.as_f64()).unwrap_or(0.0) as u64;
        if last_key != expected_last || keys.len() as u64 != expected_last {
            let _ = tx.abort();
            return Err(StorageError::Conflict);
        }
        let lines: Vec<String> = stored.iter().filter_map(|v| v.as_string()).collect();
        let backup = fairlog_domain::codec::export_stored(&lines);
        backups
            .add(&JsValue::from_str(&backup), Some(&JsValue::from_f64(backup_key)))
            .map_err(classify)?
            .await
            .map_err(classify)?;
        backups::keep_newest(&backups, KEEP_BACKUPS).await?;
        let range = KeyRange::lower_bound(&JsValue::from_f64(keep as f64), Some(true)).map_err(classify)?;
        events.delete(Query::from(range)).map_err(classify)?.await.map_err(classify)?;
        add_and_commit(tx, &events, sealed.iter().map(|s| (s.envelope.seq, s.line.as_str()))).await
    }

    /// The backups kept before merges: (time in ms, JSON Lines text), newest last.
    pub async fn backups(&self) -> Result<Vec<(f64, String)>, StorageError> {
        let tx = self.transaction(&[BACKUPS], TransactionMode::ReadOnly, Purpose::Read)?;
        let store = tx.object_store(BACKUPS).map_err(classify)?;
        let keys = store.get_all_keys(None, None).map_err(classify)?.await.map_err(classify)?;
        let values = store.get_all(None, None).map_err(classify)?.await.map_err(classify)?;
        Ok(keys.into_iter().zip(values).filter_map(|(k, v)| Some((k.as_f64()?, v.as_string()?))).collect())
    }

    /// Store the server's confirmed lines at their sequences (server mode), in one transaction.
    pub async fn add_lines(&self, lines: &[(u64, String)]) -> Result<(), StorageError> {
        if lines.is_empty() {
            return Ok(());
        }
        let tx = self.transaction(&[EVENTS], TransactionMode::ReadWrite, Purpose::Append)?;
        let store = tx.object_store(EVENTS).map_err(classify)?;
        add_and_commit(tx, &store, lines.iter().map(|(seq, l)| (*seq, l.as_str()))).await
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
