//! Importing a file: read and verify it, say what it would do (store it as it is into an empty
//! store, or merge it with what is here), then carry that out in one IndexedDB transaction.
use std::rc::Rc;

use fairlog_domain::codec::{self, CodecError};
use fairlog_domain::merge::MergePlan;
use fairlog_domain::{Actor, Engine};

use super::{now, EventStore, StorageError, Store};

/// What importing a file will do.
#[derive(Debug, Clone, PartialEq)]
pub enum ImportPlan {
    /// The store is empty: the file's events are stored as they are.
    Fresh { text: Rc<str>, count: u64 },
    /// Merge with what is here.
    Merge { plan: Rc<MergePlan> },
    /// The file holds nothing new.
    NothingNew,
}

/// Why a file cannot be imported.
#[derive(Debug, Clone, PartialEq)]
pub enum ImportError {
    Codec(CodecError),
    Storage(StorageError),
    ReadOnly,
    /// The user stopped a streamed import (the store is as it was).
    Cancelled,
}

impl Store {
    /// Read and verify a file, and say what importing it would do. Changes nothing.
    pub fn plan_import(&self, text: &str, source: &str, actor: &Actor) -> Result<ImportPlan, ImportError> {
        if !self.may_write() {
            return Err(ImportError::ReadOnly);
        }
        let imported = codec::import(text).map_err(ImportError::Codec)?;
        let engine = self.engine.borrow();
        if engine.log().is_empty() {
            return Ok(ImportPlan::Fresh { text: text.into(), count: imported.header.count });
        }
        Ok(match engine.plan_merge(&imported, source, actor, now(), uuid::Uuid::new_v4()) {
            Some(plan) => ImportPlan::Merge { plan: Rc::new(plan) },
            None => ImportPlan::NothingNew,
        })
    }

    /// Carry out an import plan: one IndexedDB transaction, then memory.
    pub async fn apply_import(&self, plan: ImportPlan) -> Result<u64, ImportError> {
        let db = self.db().filter(|_| self.may_write()).ok_or(ImportError::ReadOnly)?;
        let _guard = self.lock.lock().await;
        let lock = self.write_lock();
        let result = crate::sync::leader::exclusively(&lock, self.import_exclusively(&db, plan)).await;
        if result == Err(ImportError::Storage(StorageError::Conflict)) {
            // Another tab wrote (or replaced the log) first: read it now, so that the user's
            // next try is planned against the log as stored.
            let _ = self.catch_up().await;
        }
        result
    }

    pub(super) async fn import_exclusively(&self, db: &EventStore, plan: ImportPlan) -> Result<u64, ImportError> {
        match plan {
            ImportPlan::NothingNew => return Ok(self.engine.borrow().log().last_seq()),
            ImportPlan::Fresh { text, .. } => {
                if !self.engine.borrow().log().is_empty() {
                    return Err(ImportError::Storage(StorageError::Conflict));
                }
                // Exactly the lines the import verified (a leading blank line or a byte-order mark
                // is not a record), stored as read.
                let lines: Vec<&str> = codec::event_lines(&text);
                db.write_lines(&lines).await.map_err(ImportError::Storage)?;
                let (engine, problem) =
                    Engine::restore(lines.iter().enumerate().map(|(i, l)| (i as u64 + 1, Some(*l))));
                if problem.is_some() {
                    self.writable.set(false);
                }
                *self.engine.borrow_mut() = engine;
            }
            ImportPlan::Merge { plan } => {
                let plan = Rc::try_unwrap(plan).unwrap_or_else(|rc| (*rc).clone());
                if plan.keep + plan.renumbered != self.engine.borrow().log().last_seq() {
                    // The log moved (another tab) since the plan was made: plan again.
                    return Err(ImportError::Storage(StorageError::Conflict));
                }
                let expected_last = self.engine.borrow().log().last_seq();
                db.replace_after(plan.keep, expected_last, &plan.sealed, js_sys::Date::now())
                    .await
                    .map_err(ImportError::Storage)?;
                self.engine
                    .borrow_mut()
                    .apply_merge(plan)
                    .map_err(|e| ImportError::Storage(StorageError::Failed(e.to_string())))?;
            }
        }
        self.snapshots.forget();
        {
            let mut book = self.undo_book.borrow_mut();
            book.clear();
            book.save(&self.db_name.borrow());
        }
        self.time_travel.forget_states();
        self.stored_own_data();
        let last = self.engine.borrow().log().last_seq();
        self.announce_reload();
        Ok(last)
    }
}
