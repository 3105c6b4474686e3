//! Where the shared log lives: one trait, SQLite (embedded, the default) and PostgreSQL behind it.
//!
//! Both run through sqlx's `Any` driver with the same SQL (`$1` placeholders, `ON CONFLICT`), so
//! the two cannot drift apart; what differs (WAL and busy timeout for SQLite) is set when the pool
//! connects. The append contract is message-db's `write_message`: inside one transaction, move
//! the head row from the expected sequence (the row lock orders writers; a stale expectation
//! changes nothing), insert the events and record each mutation's result.
pub mod accounts;
mod sql;
mod sql_accounts;

use async_trait::async_trait;
use uuid::Uuid;

pub use accounts::AccountStore;
pub use sql::SqlStore;

/// The end of the log: its last sequence and the hash of its last stored line.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Head {
    pub last_seq: u64,
    pub last_hash: String,
}

/// One stored event: its sequence, id and the exact line the chain covers.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StoredEvent {
    pub seq: u64,
    pub id: Uuid,
    pub line: String,
    /// SHA-256 of `line` (the next event's `prev`).
    pub hash: String,
}

/// What one client's numbered mutation came to, as answered (JSON), kept for repeats.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MutationRecord {
    pub client_id: Uuid,
    pub n: u64,
    pub result: String,
}

#[derive(Debug, thiserror::Error)]
pub enum StoreError {
    /// Another writer moved the head since it was read: nothing was written.
    #[error("the log moved on: expected last sequence {expected}, it is {actual}")]
    Stale { expected: u64, actual: u64 },
    /// The database could not be reached or refused the statement.
    #[error("storage: {0}")]
    Database(#[from] sqlx::Error),
    #[error("migration: {0}")]
    Migrate(#[from] sqlx::migrate::MigrateError),
    /// A stored row is not what this server writes (a foreign or damaged database).
    #[error("stored row {0} is damaged")]
    Damaged(String),
}

#[async_trait]
pub trait EventStore: AccountStore + Send + Sync + 'static {
    /// `"sqlite"` or `"postgres"`.
    fn kind(&self) -> &'static str;

    async fn head(&self) -> Result<Head, StoreError>;

    /// Up to `limit` events after `after`, in order.
    async fn read_after(&self, after: u64, limit: u64) -> Result<Vec<StoredEvent>, StoreError>;

    /// Every client's highest recorded mutation number (loaded once when the authority starts).
    async fn client_counters(&self) -> Result<std::collections::HashMap<Uuid, u64>, StoreError>;

    /// The highest mutation number recorded for a client (0 if none).
    async fn last_mutation(&self, client_id: Uuid) -> Result<u64, StoreError>;

    /// The answer recorded for a client's mutation, if it was seen.
    async fn mutation(&self, client_id: Uuid, n: u64) -> Result<Option<String>, StoreError>;

    /// In one transaction: move the head from `expected` past `events` (which must continue it),
    /// insert them, and record `mutations`. All or nothing.
    async fn append(
        &self,
        expected: &Head,
        events: &[StoredEvent],
        mutations: &[MutationRecord],
    ) -> Result<Head, StoreError>;
}
