//! [`AccountStore`] for [`SqlStore`]: the same SQL on SQLite and PostgreSQL, every value bound
//! (never formatted into the statement).
use async_trait::async_trait;
use sqlx::any::AnyRow;
use sqlx::Row;
use uuid::Uuid;

use super::accounts::*;
use super::{SqlStore, StoreError};

const ACCOUNT_COLS: &str = "id, name, role, subject, password_hash, disabled, created_at";
const INVITATION_COLS: &str = "token_hash, role, subject, name, created_by, created_at, expires_at, used_at";

fn uuid_of(s: &str, what: &str) -> Result<Uuid, StoreError> {
    Uuid::parse_str(s).map_err(|_| StoreError::Damaged(format!("{what} {s}")))
}

fn opt_uuid(s: Option<String>, what: &str) -> Result<Option<Uuid>, StoreError> {
    s.map(|s| uuid_of(&s, what)).transpose()
}

fn role_of(s: &str) -> Result<fairlog_domain::Role, StoreError> {
    role_from_key(s).ok_or_else(|| StoreError::Damaged(format!("role {s}")))
}

/// An account from its columns, starting at `at`.
fn account_at(row: &AnyRow, at: usize) -> Result<AccountRow, StoreError> {
    let id: String = row.try_get(at)?;
    let role: String = row.try_get(at + 2)?;
    Ok(AccountRow {
        id: uuid_of(&id, "account")?,
        name: row.try_get(at + 1)?,
        role: role_of(&role)?,
        subject: opt_uuid(row.try_get(at + 3)?, "subject")?,
        password_hash: row.try_get(at + 4)?,
        disabled: row.try_get::<i64, _>(at + 5)? != 0,
        created_at: row.try_get(at + 6)?,
    })
}

fn invitation_of(row: &AnyRow) -> Result<InvitationRow, StoreError> {
    let role: String = row.try_get(1)?;
    Ok(InvitationRow {
        token_hash: row.try_get(0)?,
        role: role_of(&role)?,
        subject: opt_uuid(row.try_get(2)?, "subject")?,
        name: row.try_get(3)?,
        created_by: opt_uuid(row.try_get(4)?, "account")?,
        created_at: row.try_get(5)?,
        expires_at: row.try_get(6)?,
        used_at: row.try_get(7)?,
    })
}

async fn insert_account<'e, E>(exec: E, a: &AccountRow) -> Result<bool, StoreError>
where
    E: sqlx::Executor<'e, Database = sqlx::Any>,
{
    let done = sqlx::query(
        "INSERT INTO accounts (id, name, role, subject, password_hash, disabled, created_at) \
         VALUES ($1, $2, $3, $4, $5, $6, $7) ON CONFLICT (name) DO NOTHING",
    )
    .bind(a.id.to_string())
    .bind(a.name.as_str())
    .bind(role_key(a.role))
    .bind(a.subject.map(|s| s.to_string()))
    .bind(a.password_hash.as_str())
    .bind(i64::from(a.disabled))
    .bind(a.created_at)
    .execute(exec)
    .await?;
    Ok(done.rows_affected() == 1)
}

#[async_trait]
impl AccountStore for SqlStore {
    async fn create_account(&self, account: &AccountRow) -> Result<bool, StoreError> {
        insert_account(&self.pool, account).await
    }

    async fn account(&self, id: Uuid) -> Result<Option<AccountRow>, StoreError> {
        let sql = format!("SELECT {ACCOUNT_COLS} FROM accounts WHERE id = $1");
        let row = sqlx::query(sqlx::AssertSqlSafe(sql)).bind(id.to_string()).fetch_optional(&self.pool).await?;
        row.map(|r| account_at(&r, 0)).transpose()
    }

    async fn account_by_name(&self, name: &str) -> Result<Option<AccountRow>, StoreError> {
        let sql = format!("SELECT {ACCOUNT_COLS} FROM accounts WHERE name = $1");
        let row = sqlx::query(sqlx::AssertSqlSafe(sql)).bind(name).fetch_optional(&self.pool).await?;
        row.map(|r| account_at(&r, 0)).transpose()
    }

    async fn accounts(&self) -> Result<Vec<AccountRow>, StoreError> {
        let sql = format!("SELECT {ACCOUNT_COLS} FROM accounts ORDER BY created_at, name");
        let rows = sqlx::query(sqlx::AssertSqlSafe(sql)).fetch_all(&self.pool).await?;
        rows.iter().map(|r| account_at(r, 0)).collect()
    }

    async fn count_accounts(&self) -> Result<u64, StoreError> {
        let row = sqlx::query("SELECT COUNT(*) FROM accounts").fetch_one(&self.pool).await?;
        Ok(u64::try_from(row.try_get::<i64, _>(0)?).unwrap_or_default())
    }

    async fn set_disabled(&self, id: Uuid, disabled: bool) -> Result<bool, StoreError> {
        let mut tx = self.pool.begin().await?;
        let done = sqlx::query("UPDATE accounts SET disabled = $1 WHERE id = $2")
            .bind(i64::from(disabled))
            .bind(id.to_string())
            .execute(&mut *tx)
            .await?;
        if disabled {
            sqlx::query("UPDATE sessions SET revoked = 1 WHERE account_id = $1")
                .bind(id.to_string())
                .execute(&mut *tx)
                .await?;
        }
        tx.commit().await?;
        Ok(done.rows_affected() == 1)
    }

    async fn set_password(&self, id: Uuid, hash: &str, keep: Option<&str>) -> Result<(), StoreError> {
        let mut tx = self.pool.begin().await?;
        sqlx::query("UPDATE accounts SET password_hash = $1 WHERE id = $2")
            .bind(hash)
            .bind(id.to_string())
            .execute(&mut *tx)
            .await?;
        sqlx::query("UPDATE sessions SET revoked = 1 WHERE account_id = $1 AND token_hash <> $2")
            .bind(id.to_string())
            .bind(keep.unwrap_or(""))
            .execute(&mut *tx)
            .await?;
        tx.commit().await?;
        Ok(())
    }

    async fn create_invitation(&self, i: &InvitationRow) -> Result<(), StoreError> {
        sqlx::query(
            "INSERT INTO invitations (token_hash, role, subject, name, created_by, created_at, expires_at) \
             VALUES ($1, $2, $3, $4, $5, $6, $7)",
        )
        .bind(i.token_hash.as_str())
        .bind(role_key(i.role))
        .bind(i.subject.map(|s| s.to_string()))
        .bind(i.name.clone())
        .bind(i.created_by.map(|s| s.to_string()))
        .bind(i.created_at)
        .bind(i.expires_at)
        .execute(&self.pool)
        .await?;
        Ok(())
    }

    async fn invitation(&self, token_hash: &str) -> Result<Option<InvitationRow>, StoreError> {
        let sql = format!("SELECT {INVITATION_COLS} FROM invitations WHERE token_hash = $1");
        let row = sqlx::query(sqlx::AssertSqlSafe(sql)).bind(token_hash).fetch_optional(&self.pool).await?;
        row.map(|r| invitation_of(&r)).transpose()
    }

    async fn pending_invitations(&self, now: i64) -> Result<Vec<InvitationRow>, StoreError> {
        let sql = format!(
            "SELECT {INVITATION_COLS} FROM invitations WHERE used_at IS NULL AND expires_at > $1 \
             ORDER BY created_at DESC"
        );
        let rows = sqlx::query(sqlx::AssertSqlSafe(sql)).bind(now).fetch_all(&self.pool).await?;
        rows.iter().map(invitation_of).collect()
    }

    async fn join(&self, token_hash: &str, now: i64, account: &AccountRow) -> Result<JoinOutcome, StoreError> {
        let mut tx = self.pool.begin().await?;
        // The row lock of this UPDATE orders two joins with one token: the second matches nothing.
        let used = sqlx::query(
            "UPDATE invitations SET used_at = $1, used_by = $2 \
             WHERE token_hash = $3 AND used_at IS NULL AND expires_at > $1",
        )
        .bind(now)
        .bind(account.id.to_string())
        .bind(token_hash)
        .execute(&mut *tx)
        .await?;
        if used.rows_affected() != 1 {
            drop(tx);
            return Ok(match self.invitation(token_hash).await? {
                None => JoinOutcome::Unknown,
                Some(i) if i.used_at.is_some() => JoinOutcome::Used,
                Some(_) => JoinOutcome::Expired,
            });
        }
        if !insert_account(&mut *tx, account).await? {
            drop(tx);
            return Ok(JoinOutcome::NameTaken);
        }
        tx.commit().await?;
        Ok(JoinOutcome::Joined)
    }

    async fn create_session(&self, s: &SessionRow) -> Result<(), StoreError> {
        sqlx::query(
            "INSERT INTO sessions (token_hash, account_id, csrf, created_at, expires_at, revoked) \
             VALUES ($1, $2, $3, $4, $5, $6)",
        )
        .bind(s.token_hash.as_str())
        .bind(s.account_id.to_string())
        .bind(s.csrf.as_str())
        .bind(s.created_at)
        .bind(s.expires_at)
        .bind(i64::from(s.revoked))
        .execute(&self.pool)
        .await?;
        Ok(())
    }

    async fn session(&self, token_hash: &str) -> Result<Option<(SessionRow, AccountRow)>, StoreError> {
        let sql = "SELECT s.token_hash, s.account_id, s.csrf, s.created_at, s.expires_at, s.revoked, \
                   a.id, a.name, a.role, a.subject, a.password_hash, a.disabled, a.created_at \
                   FROM sessions s JOIN accounts a ON a.id = s.account_id WHERE s.token_hash = $1";
        let Some(row) = sqlx::query(sql).bind(token_hash).fetch_optional(&self.pool).await? else {
            return Ok(None);
        };
        let account_id: String = row.try_get(1)?;
        let session = SessionRow {
            token_hash: row.try_get(0)?,
            account_id: uuid_of(&account_id, "account")?,
            csrf: row.try_get(2)?,
            created_at: row.try_get(3)?,
            expires_at: row.try_get(4)?,
            revoked: row.try_get::<i64, _>(5)? != 0,
        };
        Ok(Some((session, account_at(&row, 6)?)))
    }

    async fn revoke_session(&self, token_hash: &str) -> Result<(), StoreError> {
        sqlx::query("UPDATE sessions SET revoked = 1 WHERE token_hash = $1")
            .bind(token_hash)
            .execute(&self.pool)
            .await?;
        Ok(())
    }

    async fn failures(&self, key: &str) -> Result<Failures, StoreError> {
        let row = sqlx::query("SELECT failures, last_at, locked_until FROM sign_in_failures WHERE key = $1")
            .bind(key)
            .fetch_optional(&self.pool)
            .await?;
        Ok(match row {
            None => Failures::default(),
            Some(r) => Failures {
                failures: u32::try_from(r.try_get::<i64, _>(0)?).unwrap_or(u32::MAX),
                last_at: r.try_get(1)?,
                locked_until: r.try_get(2)?,
            },
        })
    }

    async fn bump_failures(&self, key: &str, now: i64) -> Result<u32, StoreError> {
        // One statement: concurrent attempts each see their own count (no lost update).
        let row = sqlx::query(
            "INSERT INTO sign_in_failures (key, failures, last_at) VALUES ($1, 1, $2) \
             ON CONFLICT (key) DO UPDATE SET failures = sign_in_failures.failures + 1, last_at = $2 \
             RETURNING failures",
        )
        .bind(key)
        .bind(now)
        .fetch_one(&self.pool)
        .await?;
        Ok(u32::try_from(row.try_get::<i64, _>(0)?).unwrap_or(u32::MAX))
    }

    async fn unbump_failures(&self, key: &str) -> Result<(), StoreError> {
        sqlx::query("UPDATE sign_in_failures SET failures = failures - 1 WHERE key = $1 AND failures > 0")
            .bind(key)
            .execute(&self.pool)
            .await?;
        Ok(())
    }

    async fn lock_failures(&self, key: &str, until: i64) -> Result<(), StoreError> {
        sqlx::query("UPDATE sign_in_failures SET locked_until = $2 WHERE key = $1 AND locked_until IS NULL")
            .bind(key)
            .bind(until)
            .execute(&self.pool)
            .await?;
        Ok(())
    }

    async fn clear_failures(&self, key: &str) -> Result<(), StoreError> {
        sqlx::query("DELETE FROM sign_in_failures WHERE key = $1").bind(key).execute(&self.pool).await?;
        Ok(())
    }

    async fn audit(&self, e: &AuditRow) -> Result<(), StoreError> {
        sqlx::query(
            "INSERT INTO audit (id, at, kind, account_id, name, address, detail) VALUES ($1, $2, $3, $4, $5, $6, $7)",
        )
        .bind(Uuid::new_v4().to_string())
        .bind(e.at)
        .bind(e.kind.as_str())
        .bind(e.account_id.map(|s| s.to_string()))
        .bind(e.name.clone())
        .bind(e.address.clone())
        .bind(e.detail.as_str())
        .execute(&self.pool)
        .await?;
        Ok(())
    }

    async fn recent_audit(&self, limit: u64) -> Result<Vec<AuditRow>, StoreError> {
        let rows =
            sqlx::query("SELECT at, kind, account_id, name, address, detail FROM audit ORDER BY at DESC, id LIMIT $1")
                .bind(i64::try_from(limit).unwrap_or(i64::MAX))
                .fetch_all(&self.pool)
                .await?;
        rows.iter()
            .map(|r| {
                Ok(AuditRow {
                    at: r.try_get(0)?,
                    kind: r.try_get(1)?,
                    account_id: opt_uuid(r.try_get(2)?, "account")?,
                    name: r.try_get(3)?,
                    address: r.try_get(4)?,
                    detail: r.try_get(5)?,
                })
            })
            .collect()
    }
}
