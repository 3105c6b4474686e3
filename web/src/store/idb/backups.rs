//! The backups kept before merges: only the newest `KEEP_BACKUPS`, pruned in the merge's own
//! transaction, and deleted one by one when the user asks.
use idb::{KeyRange, Query, TransactionMode};
use wasm_bindgen::JsValue;

use super::{classify, EventStore, Purpose, StorageError, BACKUPS};

/// How many merge backups are kept. Each one is the whole log as it was, so they cost storage
/// in proportion to the log, and they are what the user falls back on after a merge they regret:
/// three is the last merge and the two before it (a wrong merge noticed after the next one or
/// two can still be undone by hand), for at most four times the log's size in all.
pub const KEEP_BACKUPS: usize = 3;

/// Delete all but the newest `keep` backups of `store` (keys are the merge's time, so key order
/// is age), in the transaction `store` belongs to.
pub(super) async fn keep_newest(store: &idb::ObjectStore, keep: usize) -> Result<(), StorageError> {
    let keys = store.get_all_keys(None, None).map_err(classify)?.await.map_err(classify)?;
    if keys.len() <= keep {
        return Ok(());
    }
    let newest_dropped = &keys[keys.len() - keep - 1];
    let range = KeyRange::upper_bound(newest_dropped, Some(false)).map_err(classify)?;
    store.delete(Query::from(range)).map_err(classify)?.await.map_err(classify)?;
    Ok(())
}

impl EventStore {
    /// Delete the backup kept at `key` (its time in ms); nothing if there is none.
    pub async fn delete_backup(&self, key: f64) -> Result<(), StorageError> {
        let tx = self.transaction(&[BACKUPS], TransactionMode::ReadWrite, Purpose::Keep)?;
        let store = tx.object_store(BACKUPS).map_err(classify)?;
        store.delete(Query::from(JsValue::from_f64(key))).map_err(classify)?.await.map_err(classify)?;
        match tx.commit().map_err(classify)?.await.map_err(classify)? {
            idb::TransactionResult::Committed => Ok(()),
            idb::TransactionResult::Aborted => Err(StorageError::Failed("transaction aborted".into())),
        }
    }
}
