//! The one SQL implementation of [`EventStore`], for SQLite and PostgreSQL alike.
use std::borrow::Cow;
use std::path::Path;
use std::time::Duration;

use async_trait::async_trait;
use sqlx::any::{AnyConnectOptions, AnyPoolOptions};
use sqlx::migrate::{Migration, MigrationType, Migrator};
use sqlx::{AnyPool, Executor, Row};
use uuid::Uuid;

use super::{EventStore, Head, MutationRecord, StoreError, StoredEvent};

/// The schema, in order; both engines read the same SQL.
const MIGRATIONS: &[(i64, &str, &str)] = &[
    (1, "events", include_str!("../../migrations/0001_events.sql")),
    (2, "accounts", include_str!("../../migrations/0002_accounts.sql")),
];

/// Rows per multi-row INSERT (4 values each; SQLite allows 32,766 bound values per statement).
const INSERT_CHUNK: usize = 500;

pub struct SqlStore {
    pub(super) pool: AnyPool,
    kind: &'static str,
}

impl SqlStore {
    /// The embedded store: `fairlog.sqlite3` in `dir` (created if missing), in WAL mode.
    pub async fn open_sqlite(dir: &Path) -> Result<Self, StoreError> {
        std::fs::create_dir_all(dir).map_err(|e| StoreError::Damaged(format!("{}: {e}", dir.display())))?;
        // sqlx reads `sqlite://../x` as a host name: give it an absolute path.
        let dir = std::fs::canonicalize(dir).map_err(|e| StoreError::Damaged(format!("{}: {e}", dir.display())))?;
        let path = dir.join("fairlog.sqlite3");
        Self::open(&format!("sqlite://{}?mode=rwc", path.display())).await
    }

    /// A store at a database URL: `postgres://…` or `sqlite://…`. Runs the migrations.
    pub async fn open(url: &str) -> Result<Self, StoreError> {
        sqlx::any::install_default_drivers();
        let kind = if url.starts_with("postgres") { "postgres" } else { "sqlite" };
        let options = url.parse::<AnyConnectOptions>()?;
        let pool = AnyPoolOptions::new()
            .max_connections(if kind == "sqlite" { 4 } else { 8 })
            // PostgreSQL: keep every connection open from the start, so the first rush after a
            // start does not pay for opening them (it was the only round over 50 ms at p99).
            .min_connections(if kind == "sqlite" { 0 } else { 8 })
            .acquire_timeout(Duration::from_secs(10))
            .after_connect(move |conn, _| {
                Box::pin(async move {
                    if kind == "sqlite" {
                        conn.execute("PRAGMA journal_mode = WAL").await?;
                        conn.execute("PRAGMA synchronous = FULL").await?;
                        conn.execute("PRAGMA busy_timeout = 5000").await?;
                    }
                    Ok(())
                })
            })
            .connect_with(options)
            .await?;
        let store = Self { pool, kind };
        store.migrate().await?;
        Ok(store)
    }

    async fn migrate(&self) -> Result<(), StoreError> {
        let migrations = MIGRATIONS
            .iter()
            .map(|(v, name, sql)| {
                Migration::new(*v, Cow::Borrowed(*name), MigrationType::Simple, sqlx::SqlStr::from_static(sql), false)
            })
            .collect();
        Migrator::with_migrations(migrations).run(&self.pool).await?;
        Ok(())
    }

    /// The pool, for tests that need to look underneath (or break the connection).
    pub fn pool(&self) -> &AnyPool {
        &self.pool
    }
}

/// `head` followed by `rows` groups of `cols` numbered placeholders: `($1, $2), ($3, $4)`. Both
/// engines read `$n` (sqlx's `QueryBuilder` for `Any` writes `?`, which PostgreSQL refuses).
fn insert_sql(head: &str, rows: usize, cols: usize) -> String {
    let mut sql = String::with_capacity(head.len() + rows * cols * 6);
    sql.push_str(head);
    for r in 0..rows {
        if r > 0 {
            sql.push_str(", ");
        }
        sql.push('(');
        for c in 0..cols {
            if c > 0 {
                sql.push_str(", ");
            }
            sql.push_str(&format!("${}", r * cols + c + 1));
        }
        sql.push(')');
    }
    sql
}

/// A pause inside the append's transaction, after the head row is locked, for the test that
/// drops the database connection there (`FAIRLOG_TEST_PAUSE=in_transaction:MILLIS`).
fn pause_in_transaction() -> Option<Duration> {
    static PAUSE: std::sync::OnceLock<Option<Duration>> = std::sync::OnceLock::new();
    *PAUSE.get_or_init(|| {
        let v = std::env::var("FAIRLOG_TEST_PAUSE").ok()?;
        let ms = v.strip_prefix("in_transaction:")?.parse().ok()?;
        Some(Duration::from_millis(ms))
    })
}

fn to_i64(n: u64) -> i64 {
    i64::try_from(n).unwrap_or(i64::MAX)
}

fn to_u64(n: i64) -> u64 {
    u64::try_from(n).unwrap_or_default()
}

#[async_trait]
impl EventStore for SqlStore {
    fn kind(&self) -> &'static str {
        self.kind
    }

    async fn head(&self) -> Result<Head, StoreError> {
        let row = sqlx::query("SELECT last_seq, last_hash FROM head WHERE id = 1").fetch_one(&self.pool).await?;
        Ok(Head { last_seq: to_u64(row.try_get(0)?), last_hash: row.try_get(1)? })
    }

    async fn read_after(&self, after: u64, limit: u64) -> Result<Vec<StoredEvent>, StoreError> {
        let rows = sqlx::query("SELECT seq, id, line, hash FROM events WHERE seq > $1 ORDER BY seq LIMIT $2")
            .bind(to_i64(after))
            .bind(to_i64(limit))
            .fetch_all(&self.pool)
            .await?;
        rows.into_iter()
            .map(|row| {
                let seq = to_u64(row.try_get(0)?);
                let id: String = row.try_get(1)?;
                let id = Uuid::parse_str(&id).map_err(|_| StoreError::Damaged(format!("event {seq}")))?;
                Ok(StoredEvent { seq, id, line: row.try_get(2)?, hash: row.try_get(3)? })
            })
            .collect()
    }

    async fn client_counters(&self) -> Result<std::collections::HashMap<Uuid, u64>, StoreError> {
        let rows = sqlx::query("SELECT client_id, MAX(n) FROM client_mutations GROUP BY client_id")
            .fetch_all(&self.pool)
            .await?;
        rows.into_iter()
            .map(|row| {
                let id: String = row.try_get(0)?;
                let id = Uuid::parse_str(&id).map_err(|_| StoreError::Damaged(format!("client {id}")))?;
                Ok((id, to_u64(row.try_get(1)?)))
            })
            .collect()
    }

    async fn last_mutation(&self, client_id: Uuid) -> Result<u64, StoreError> {
        let row = sqlx::query("SELECT COALESCE(MAX(n), 0) FROM client_mutations WHERE client_id = $1")
            .bind(client_id.to_string())
            .fetch_one(&self.pool)
            .await?;
        Ok(to_u64(row.try_get(0)?))
    }

    async fn mutation(&self, client_id: Uuid, n: u64) -> Result<Option<String>, StoreError> {
        let row = sqlx::query("SELECT result FROM client_mutations WHERE client_id = $1 AND n = $2")
            .bind(client_id.to_string())
            .bind(to_i64(n))
            .fetch_optional(&self.pool)
            .await?;
        Ok(match row {
            Some(row) => Some(row.try_get(0)?),
            None => None,
        })
    }

    async fn append(
        &self,
        expected: &Head,
        events: &[StoredEvent],
        mutations: &[MutationRecord],
    ) -> Result<Head, StoreError> {
        let new_head = match events.last() {
            Some(last) => Head { last_seq: last.seq, last_hash: last.hash.clone() },
            None => expected.clone(),
        };
        let mut tx = self.pool.begin().await?;
        // The head row first: its lock orders writers, and a stale expectation matches no row.
        let moved = sqlx::query(
            "UPDATE head SET last_seq = $1, last_hash = $2 WHERE id = 1 AND last_seq = $3 AND last_hash = $4",
        )
        .bind(to_i64(new_head.last_seq))
        .bind(&new_head.last_hash)
        .bind(to_i64(expected.last_seq))
        .bind(&expected.last_hash)
        .execute(&mut *tx)
        .await?;
        if let Some(pause) = pause_in_transaction() {
            tokio::time::sleep(pause).await;
        }
        if moved.rows_affected() != 1 {
            drop(tx);
            let actual = self.head().await?.last_seq;
            return Err(StoreError::Stale { expected: expected.last_seq, actual });
        }
        // Multi-row inserts: one round trip per few hundred rows, not one per row.
        for chunk in events.chunks(INSERT_CHUNK) {
            let sql = insert_sql("INSERT INTO events (seq, id, line, hash) VALUES ", chunk.len(), 4);
            let mut q = sqlx::query(sqlx::AssertSqlSafe(sql));
            for e in chunk {
                q = q.bind(to_i64(e.seq)).bind(e.id.to_string()).bind(e.line.as_str()).bind(e.hash.as_str());
            }
            q.execute(&mut *tx).await?;
        }
        let now = chrono::Utc::now().to_rfc3339_opts(chrono::SecondsFormat::Millis, true);
        for chunk in mutations.chunks(INSERT_CHUNK) {
            let sql =
                insert_sql("INSERT INTO client_mutations (client_id, n, result, recorded_at) VALUES ", chunk.len(), 4);
            let mut q = sqlx::query(sqlx::AssertSqlSafe(sql));
            for m in chunk {
                q = q.bind(m.client_id.to_string()).bind(to_i64(m.n)).bind(m.result.as_str()).bind(now.as_str());
            }
            q.execute(&mut *tx).await?;
        }
        tx.commit().await?;
        Ok(new_head)
    }
}
