//! IndexedDB underneath the engine: opening and replaying the log, reading what other tabs
//! appended, the Web Lock under which tabs write, backups and the raw export.
use std::rc::Rc;

use fairlog_domain::engine::RestoreProblem;
use fairlog_domain::Engine;

use super::idb::StoredLines;
use super::undo::UndoBook;
use super::{EventStore, Phase, StorageError, Store};

impl Store {
    /// Open IndexedDB and replay what it holds.
    pub async fn load(&self) -> Phase {
        self.load_with(|| {}).await
    }

    /// Like `load`; `on_blocked` runs if the open waits for other tabs (see `Phase::Blocked`).
    pub async fn load_with(&self, on_blocked: impl FnOnce() + 'static) -> Phase {
        let name = self.db_name.borrow().clone();
        let db = match EventStore::open_with(&name, on_blocked).await {
            Ok(db) => Rc::new(db),
            Err(e) => return Phase::Unavailable(e.to_string()),
        };
        self.clean_unfinished_import(&db).await;
        let started = js_sys::Date::now();
        let (engine, problem) = match self.read_engine(&db).await {
            Ok(read) => read,
            Err(e) => return Phase::Unavailable(e.to_string()),
        };
        // A closed connection asks the page for a reload (`reload::Hooks`).
        if let Some(tell) = self.hooks.borrow().on_closed.clone() {
            db.when_closed(move || tell.emit(()));
        }
        if self.persistence() == super::Persistence::Unknown {
            self.read_persistence().await;
        }
        web_sys::console::info_1(
            &format!(
                "fairlog: opened {} events in {:.0} ms ({}; wasm memory {:.0} MiB)",
                engine.log().count(),
                js_sys::Date::now() - started,
                match engine.history_starts_at() {
                    0 => "replayed".to_owned(),
                    base => format!("from the snapshot at event {base}: {}", self.snapshots.timing.borrow()),
                },
                super::timing::wasm_memory_mib()
            )
            .into(),
        );
        *self.undo_book.borrow_mut() = UndoBook::load(&self.db_name.borrow(), engine.log().entries());
        *self.engine.borrow_mut() = engine;
        *self.db.borrow_mut() = Some(db);
        self.writable.set(problem.is_none());
        match problem {
            Some(p) => Phase::Damaged(p),
            None => Phase::Ready,
        }
    }

    /// The engine of what `db` holds: from the kept snapshot and the lines after it, else by
    /// replaying every stored line. A replica that started from the server's snapshot holds no
    /// lines before it: if that snapshot cannot be used (another build of the domain), the
    /// replica's lines and snapshot are dropped (the outbox is kept) and it starts empty, to
    /// catch up from the server again.
    pub(super) async fn read_engine(&self, db: &EventStore) -> Result<(Engine, Option<RestoreProblem>), StorageError> {
        if let Some(resumed) = self.resume(db).await {
            return Ok(resumed);
        }
        let records = db.read_after(0).await?;
        if !records.is_empty() {
            super::rest_of_app::rest_of_app().await;
        }
        if self.is_replica() {
            // A whole log that does not start at 1, or a filtered replica with a snapshot (it
            // keeps none of its own: this one is the server's), started from the server's.
            let lines = StoredLines::new(&records, 0, self.filtered.get());
            let started_from_server = if self.filtered.get() {
                db.snapshot().await.ok().flatten().is_some()
            } else {
                lines.iter().next().is_some_and(|(seq, _)| seq > 1)
            };
            if started_from_server {
                web_sys::console::info_1(&"fairlog: the replica started from a snapshot this version cannot read; catching up from the server again".into());
                db.clear_replica().await?;
                self.snapshots.forget();
                return Ok((Engine::new(), None));
            }
        }
        Ok(self.restore(&records))
    }

    /// Read events other tabs stored after our last one.
    pub(super) async fn pull(&self, db: &EventStore) -> Result<usize, StorageError> {
        let after = self.engine.borrow().log().last_seq();
        if after == 0 && self.is_replica() {
            // The syncing tab may have started the replica from the server's snapshot.
            if let Some((engine, problem)) = self.resume(db).await {
                let n = engine.log().len();
                *self.engine.borrow_mut() = engine;
                return match problem {
                    None => Ok(n),
                    Some(p) => Err(StorageError::Failed(format!("{p:?}"))),
                };
            }
        }
        let records = db.read_after(after).await?;
        let lines = StoredLines::new(&records, after, self.filtered.get());
        self.extend(lines.iter()).map_err(|p| StorageError::Failed(format!("{p:?}")))
    }

    /// Replay stored records: the whole log, or an account's filtered view of it.
    pub(super) fn restore(&self, records: &[super::idb::RawRecord]) -> (Engine, Option<RestoreProblem>) {
        let lines = StoredLines::new(records, 0, self.filtered.get());
        let records = lines.iter();
        if self.filtered.get() {
            Engine::restore_filtered(records)
        } else {
            Engine::restore(records)
        }
    }

    /// Take records that follow the engine's end (see `restore`).
    pub(super) fn extend<S: AsRef<str>>(
        &self,
        records: impl IntoIterator<Item = (u64, Option<S>)>,
    ) -> Result<usize, RestoreProblem> {
        let mut engine = self.engine.borrow_mut();
        if self.filtered.get() {
            engine.extend_filtered(records)
        } else {
            engine.extend_stored(records)
        }
    }

    /// Take other tabs' new events. Returns how many arrived.
    pub async fn sync(&self) -> Result<usize, StorageError> {
        let Some(db) = self.db() else { return Ok(0) };
        let _guard = self.lock.lock().await;
        if self.is_replica() {
            return self.pull(&db).await;
        }
        // A store another tab replaced is read again (and the page told, `Store::watch`).
        match self.catch_up().await? {
            super::reload::CaughtUp::Pulled(n) => Ok(n),
            super::reload::CaughtUp::Reloaded(_) => Ok(0),
        }
    }

    /// The Web Lock under which this database's tabs append, merge and import.
    pub(super) fn write_lock(&self) -> String {
        format!("fairlog-write-{}", self.db_name.borrow())
    }

    /// Logs kept before merges: (time in ms, JSON Lines).
    pub async fn backups(&self) -> Vec<(f64, String)> {
        match self.db() {
            Some(db) => db.backups().await.unwrap_or_default(),
            None => vec![],
        }
    }

    /// Delete the backup kept at `key` (its time in ms) when the user asks.
    pub async fn delete_backup(&self, key: f64) -> Result<(), StorageError> {
        match self.db() {
            Some(db) => db.delete_backup(key).await,
            None => Ok(()),
        }
    }

    /// Every stored record as it is, for a user whose store is damaged: one JSON object a line,
    /// `{"key":…,"value":…}`, the value as text when it is text.
    pub async fn export_raw(&self) -> Result<String, StorageError> {
        let Some(db) = self.db() else { return Ok(String::new()) };
        let records = db.read_after(0).await?;
        let mut out = String::new();
        for r in records {
            let key = r.key.as_f64().map(serde_json::Value::from).unwrap_or(serde_json::Value::Null);
            let value = match r.text() {
                Some(t) => serde_json::Value::String(t),
                None => serde_json::Value::String(
                    js_sys::JSON::stringify(&r.value).ok().and_then(|s| s.as_string()).unwrap_or_default(),
                ),
            };
            out.push_str(&serde_json::json!({ "key": key, "value": value }).to_string());
            out.push('\n');
        }
        Ok(out)
    }
}
