//! Importing a file into an empty store as a stream: the file is read in slices of
//! [`CHUNK_BYTES`], split into lines across the slices' borders (`LineSplitter`), verified line by
//! line (`ImportVerifier`, the same checks as `codec::import`), and written to IndexedDB one
//! transaction per slice (records of up to `BATCH_LINES` lines, each write checking the store's
//! end). Memory holds the engine the verifier builds, one slice and its lines, never the file.
//!
//! The store is as it was unless the import completes: a refused line, a failed write (a full
//! disk), or a cancel deletes the records written (the store was empty, and the import holds the
//! write lock of every tab of this database throughout). A tab closed during an import cannot do
//! that, so a marker in localStorage is set before the first write and cleared after the last
//! step; a tab that opens the database and finds the marker waits for the write lock (held until
//! the importing tab ends or finishes), and if the marker is still there, deletes the events and
//! says so ([`Store::clean_unfinished_import`]). The database's version is unchanged.
use std::cell::Cell;
use std::rc::Rc;

use fairlog_domain::codec::{CodecError, Header};
use fairlog_domain::import_stream::{Fed, ImportVerifier, LineSplitter, Verified};
use idb::{Query, TransactionMode};

use super::idb::EVENTS;
use super::{EventStore, ImportError, StorageError, Store};

/// The largest file imported into an empty store (1 GiB); larger ones are refused before reading.
pub use fairlog_domain::codec::MAX_STREAM_IMPORT_BYTES;
/// How much of the file is read, verified and written at a time.
pub const CHUNK_BYTES: u64 = 2 << 20;

/// How far an import has come.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Progress {
    /// Events verified and written.
    pub events: u64,
    /// Events the header announces.
    pub declared: u64,
    /// Bytes of the file read.
    pub bytes: u64,
    /// The file's size.
    pub total_bytes: u64,
}

/// Set from the page to stop an import; it stops after the slice it is on, leaving the store
/// as it was.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct CancelFlag(Rc<Cell<bool>>);

impl CancelFlag {
    pub fn cancel(&self) {
        self.0.set(true);
    }
    pub fn is_cancelled(&self) -> bool {
        self.0.get()
    }
}

/// Reads a blob in slices.
pub struct Chunks {
    blob: web_sys::Blob,
    offset: u64,
    size: u64,
    chunk: u64,
}

impl Chunks {
    pub fn new(blob: &web_sys::Blob, chunk: u64) -> Chunks {
        Chunks { blob: blob.clone(), offset: 0, size: blob.size() as u64, chunk: chunk.max(1) }
    }

    /// Bytes read so far.
    pub fn offset(&self) -> u64 {
        self.offset
    }

    /// The next slice's bytes (`None` at the end).
    pub async fn next(&mut self) -> Result<Option<Vec<u8>>, StorageError> {
        if self.offset >= self.size {
            return Ok(None);
        }
        let end = (self.offset + self.chunk).min(self.size);
        let failed = |e: wasm_bindgen::JsValue| StorageError::Failed(format!("reading the file: {e:?}"));
        let slice = self.blob.slice_with_f64_and_f64(self.offset as f64, end as f64).map_err(failed)?;
        let buffer = wasm_bindgen_futures::JsFuture::from(slice.array_buffer()).await.map_err(failed)?;
        self.offset = end;
        Ok(Some(js_sys::Uint8Array::new(&buffer).to_vec()))
    }
}

/// Split a blob into lines, reading it in slices of `chunk` bytes (for tests and the header).
pub async fn blob_lines(blob: &web_sys::Blob, chunk: u64) -> Result<Vec<String>, StorageError> {
    let mut chunks = Chunks::new(blob, chunk);
    let mut splitter = LineSplitter::new();
    let mut lines = Vec::new();
    while let Some(bytes) = chunks.next().await? {
        let _ = splitter.push(&bytes, |l| -> Result<(), ()> {
            lines.push(l.to_owned());
            Ok(())
        });
    }
    let _ = splitter.finish(|l| -> Result<(), ()> {
        lines.push(l.to_owned());
        Ok(())
    });
    Ok(lines)
}

/// Read just the header of a file (for the plan shown before importing).
pub async fn read_header(blob: &web_sys::Blob) -> Result<Header, ImportError> {
    if blob.size() as u64 > MAX_STREAM_IMPORT_BYTES {
        return Err(ImportError::Codec(CodecError::TooLarge { max_bytes: MAX_STREAM_IMPORT_BYTES as usize }));
    }
    let mut chunks = Chunks::new(blob, 64 << 10);
    let mut splitter = LineSplitter::new();
    let mut verifier = ImportVerifier::new();
    while let Some(bytes) = chunks.next().await.map_err(ImportError::Storage)? {
        // Stop feeding once the header is in: an error type that means "done".
        let outcome = splitter.push(&bytes, |l| match verifier.feed(l) {
            Ok(Fed::Header) => Err(None),
            Ok(_) => Ok(()),
            Err(e) => Err(Some(e)),
        });
        match outcome {
            Err(Some(e)) => return Err(ImportError::Codec(e)),
            Err(None) => break,
            Ok(()) => {}
        }
        if splitter.pending() > 1 << 20 {
            return Err(ImportError::Codec(CodecError::NotALog));
        }
    }
    if verifier.header().is_none() {
        let _ = splitter.finish(|l| verifier.feed(l).map(|_| ()));
    }
    verifier.header().cloned().ok_or(ImportError::Codec(CodecError::Empty))
}

fn marker_key(db_name: &str) -> String {
    format!("fairlog-import-unfinished:{db_name}")
}

fn local_storage() -> Option<web_sys::Storage> {
    web_sys::window()?.local_storage().ok().flatten()
}

fn set_marker(db_name: &str) -> Result<(), StorageError> {
    let storage = local_storage().ok_or_else(|| StorageError::Unavailable("localStorage".into()))?;
    storage
        .set_item(&marker_key(db_name), &js_sys::Date::now().to_string())
        .map_err(|_| StorageError::Unavailable("localStorage".into()))
}

fn clear_marker(db_name: &str) {
    if let Some(s) = local_storage() {
        let _ = s.remove_item(&marker_key(db_name));
    }
}

fn has_marker(db_name: &str) -> bool {
    local_storage().and_then(|s| s.get_item(&marker_key(db_name)).ok().flatten()).is_some()
}

impl EventStore {
    /// Delete every stored event (an unfinished import into an empty store), in one transaction.
    pub async fn clear_events(&self) -> Result<(), StorageError> {
        let failed = |e: idb::Error| StorageError::Failed(e.to_string());
        let tx = self.db.transaction(&[EVENTS], TransactionMode::ReadWrite).map_err(failed)?;
        let store = tx.object_store(EVENTS).map_err(failed)?;
        let all = idb::KeyRange::lower_bound(&wasm_bindgen::JsValue::from_f64(0.0), Some(false)).map_err(failed)?;
        store.delete(Query::from(all)).map_err(failed)?.await.map_err(failed)?;
        tx.commit().map_err(failed)?.await.map_err(failed)?;
        Ok(())
    }
}

/// What happened on the way, for the error path.
enum Stop {
    Refused(CodecError),
    Storage(StorageError),
    Cancelled,
}

impl Store {
    /// Import `file` into the empty store as a stream; `progress` hears after every slice.
    /// Returns the last sequence. On any failure or a cancel, the store is left empty.
    pub async fn import_stream(
        &self,
        file: &web_sys::Blob,
        progress: impl Fn(Progress),
        cancel: CancelFlag,
    ) -> Result<u64, ImportError> {
        if !self.may_write() || self.is_replica() {
            return Err(ImportError::ReadOnly);
        }
        let db = self.db().ok_or(ImportError::ReadOnly)?;
        if file.size() as u64 > MAX_STREAM_IMPORT_BYTES {
            return Err(ImportError::Codec(CodecError::TooLarge { max_bytes: MAX_STREAM_IMPORT_BYTES as usize }));
        }
        let _guard = self.lock.lock().await;
        let lock = self.write_lock();
        crate::sync::leader::exclusively(&lock, self.import_stream_locked(&db, file, progress, cancel)).await
    }

    async fn import_stream_locked(
        &self,
        db: &EventStore,
        file: &web_sys::Blob,
        progress: impl Fn(Progress),
        cancel: CancelFlag,
    ) -> Result<u64, ImportError> {
        if !self.engine.borrow().log().is_empty() {
            return Err(ImportError::Storage(StorageError::Conflict));
        }
        let name = self.db_name.borrow().clone();
        set_marker(&name).map_err(ImportError::Storage)?;
        let outcome = self.stream_into(db, file, &progress, &cancel).await;
        match outcome {
            Ok(verified) => {
                clear_marker(&name);
                *self.engine.borrow_mut() = verified.engine;
                {
                    let mut book = self.undo_book.borrow_mut();
                    book.clear();
                    book.save(&name);
                }
                self.time_travel.forget_states();
                self.announce_reload();
                Ok(self.engine.borrow().log().last_seq())
            }
            Err(stop) => {
                // The store was empty and no other tab wrote (the write lock): remove what was
                // written. If that fails too, the marker stays and the next start cleans up.
                if db.clear_events().await.is_ok() {
                    clear_marker(&name);
                }
                Err(match stop {
                    Stop::Refused(e) => ImportError::Codec(e),
                    Stop::Storage(e) => ImportError::Storage(e),
                    Stop::Cancelled => ImportError::Cancelled,
                })
            }
        }
    }

    async fn stream_into(
        &self,
        db: &EventStore,
        file: &web_sys::Blob,
        progress: &impl Fn(Progress),
        cancel: &CancelFlag,
    ) -> Result<Verified, Stop> {
        let mut chunks = Chunks::new(file, CHUNK_BYTES);
        let mut splitter = LineSplitter::new();
        let mut verifier = ImportVerifier::new();
        let mut batch: Vec<(u64, String)> = Vec::new();
        let mut written = 0u64;
        let total_bytes = file.size() as u64;
        loop {
            if cancel.is_cancelled() {
                return Err(Stop::Cancelled);
            }
            let bytes = chunks.next().await.map_err(Stop::Storage)?;
            let fed = |l: &str, verifier: &mut ImportVerifier, batch: &mut Vec<(u64, String)>| {
                if let Fed::Event(seq) = verifier.feed(l)? {
                    batch.push((seq, l.to_owned()));
                }
                Ok(())
            };
            let end = bytes.is_none();
            match bytes {
                Some(bytes) => splitter.push(&bytes, |l| fed(l, &mut verifier, &mut batch)),
                None => std::mem::take(&mut splitter).finish(|l| fed(l, &mut verifier, &mut batch)),
            }
            .map_err(Stop::Refused)?;
            if let Some(&(last, _)) = batch.last() {
                db.add_lines(written, &batch).await.map_err(Stop::Storage)?;
                written = last;
                batch.clear();
            }
            progress(Progress {
                events: written,
                declared: verifier.header().map(|h| h.count).unwrap_or(0),
                bytes: chunks.offset(),
                total_bytes,
            });
            if end {
                break;
            }
        }
        if cancel.is_cancelled() {
            return Err(Stop::Cancelled);
        }
        verifier.finish().map_err(Stop::Refused)
    }

    /// On opening: an import that did not finish (its tab closed, the browser stopped) left
    /// events behind in what was an empty store. Waits for the write lock (an import still
    /// running in another tab holds it), then, if the marker is still set, deletes them.
    /// Returns whether it did.
    pub(super) async fn clean_unfinished_import(&self, db: &EventStore) -> bool {
        let name = self.db_name.borrow().clone();
        if !has_marker(&name) {
            return false;
        }
        let lock = self.write_lock();
        crate::sync::leader::exclusively(&lock, async {
            if !has_marker(&name) {
                return false;
            }
            if db.clear_events().await.is_ok() {
                clear_marker(&name);
                IMPORT_CLEANED.with(|c| c.set(true));
                true
            } else {
                false
            }
        })
        .await
    }
}

thread_local! {
    static IMPORT_CLEANED: Cell<bool> = const { Cell::new(false) };
}

/// Did opening the store just remove an unfinished import? (Asked once, by the app.)
pub fn take_import_cleaned() -> bool {
    IMPORT_CLEANED.with(|c| c.replace(false))
}
