//! Accounts, invitations, sessions, sign-in failures and the audit log: the rows, and the
//! [`AccountStore`] trait the same [`super::SqlStore`] implements on SQLite and PostgreSQL.
//! Times are Unix milliseconds; tokens are kept only as their SHA-256 (hex).
use async_trait::async_trait;
use fairlog_domain::Role;
use uuid::Uuid;

use super::StoreError;

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AccountRow {
    pub id: Uuid,
    pub name: String,
    pub role: Role,
    pub subject: Option<Uuid>,
    pub password_hash: String,
    pub disabled: bool,
    pub created_at: i64,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct InvitationRow {
    pub token_hash: String,
    pub role: Role,
    pub subject: Option<Uuid>,
    /// The account's name, when the organizer fixed it (the first organizer's link).
    pub name: Option<String>,
    pub created_by: Option<Uuid>,
    pub created_at: i64,
    pub expires_at: i64,
    pub used_at: Option<i64>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SessionRow {
    pub token_hash: String,
    pub account_id: Uuid,
    pub csrf: String,
    pub created_at: i64,
    pub expires_at: i64,
    pub revoked: bool,
}

/// Failed sign-ins counted for one key (`name:…` or `address:…`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Failures {
    pub failures: u32,
    pub last_at: i64,
    pub locked_until: Option<i64>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AuditRow {
    pub at: i64,
    pub kind: String,
    pub account_id: Option<Uuid>,
    pub name: Option<String>,
    pub address: Option<String>,
    pub detail: String,
}

/// What using an invitation came to.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum JoinOutcome {
    Joined,
    /// No such invitation (a forged or mistyped token).
    Unknown,
    Used,
    Expired,
    /// An account of that name exists; the invitation stays unused.
    NameTaken,
}

pub fn role_key(role: Role) -> &'static str {
    match role {
        Role::Organizer => "organizer",
        Role::Enterprise => "enterprise",
        Role::Host => "host",
    }
}

pub fn role_from_key(key: &str) -> Option<Role> {
    match key {
        "organizer" => Some(Role::Organizer),
        "enterprise" => Some(Role::Enterprise),
        "host" => Some(Role::Host),
        _ => None,
    }
}

#[async_trait]
pub trait AccountStore: Send + Sync + 'static {
    /// Insert an account; `Ok(false)` if its name is taken.
    async fn create_account(&self, account: &AccountRow) -> Result<bool, StoreError>;
    async fn account(&self, id: Uuid) -> Result<Option<AccountRow>, StoreError>;
    async fn account_by_name(&self, name: &str) -> Result<Option<AccountRow>, StoreError>;
    async fn accounts(&self) -> Result<Vec<AccountRow>, StoreError>;
    async fn count_accounts(&self) -> Result<u64, StoreError>;
    /// Disable (revoking every session of it) or enable an account. `Ok(false)` if unknown.
    async fn set_disabled(&self, id: Uuid, disabled: bool) -> Result<bool, StoreError>;
    /// A new password hash; every session of the account but `keep` is revoked.
    async fn set_password(&self, id: Uuid, hash: &str, keep: Option<&str>) -> Result<(), StoreError>;

    async fn create_invitation(&self, invitation: &InvitationRow) -> Result<(), StoreError>;
    async fn invitation(&self, token_hash: &str) -> Result<Option<InvitationRow>, StoreError>;
    /// Unused, unexpired invitations, newest first.
    async fn pending_invitations(&self, now: i64) -> Result<Vec<InvitationRow>, StoreError>;
    /// In one transaction: mark the invitation used (only if unused and unexpired at `now`) and
    /// create `account` from it.
    async fn join(&self, token_hash: &str, now: i64, account: &AccountRow) -> Result<JoinOutcome, StoreError>;

    async fn create_session(&self, session: &SessionRow) -> Result<(), StoreError>;
    /// A session and its account, whatever their state (the caller checks expiry and flags).
    async fn session(&self, token_hash: &str) -> Result<Option<(SessionRow, AccountRow)>, StoreError>;
    async fn revoke_session(&self, token_hash: &str) -> Result<(), StoreError>;

    async fn failures(&self, key: &str) -> Result<Failures, StoreError>;
    /// Count one more failure (atomically; at `now`); the new count.
    async fn bump_failures(&self, key: &str, now: i64) -> Result<u32, StoreError>;
    /// Take back one counted failure (an attempt counted in advance that succeeded).
    async fn unbump_failures(&self, key: &str) -> Result<(), StoreError>;
    /// Lock the key until `until`, unless it is locked already.
    async fn lock_failures(&self, key: &str, until: i64) -> Result<(), StoreError>;
    async fn clear_failures(&self, key: &str) -> Result<(), StoreError>;

    async fn audit(&self, entry: &AuditRow) -> Result<(), StoreError>;
    /// The latest `limit` entries, newest first.
    async fn recent_audit(&self, limit: u64) -> Result<Vec<AuditRow>, StoreError>;
}
