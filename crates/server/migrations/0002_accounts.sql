-- Accounts, invitations, sessions, sign-in throttling and the audit log (issue 15). The same SQL
-- on SQLite and PostgreSQL: ids are uuid text, times are Unix milliseconds (BIGINT), flags are
-- 0/1 integers. Tokens are never stored: only their SHA-256 (hex).
CREATE TABLE IF NOT EXISTS accounts (
    id TEXT PRIMARY KEY,
    name TEXT NOT NULL UNIQUE,
    role TEXT NOT NULL CHECK (role IN ('organizer', 'enterprise', 'host')),
    subject TEXT,
    password_hash TEXT NOT NULL,
    disabled BIGINT NOT NULL DEFAULT 0,
    created_at BIGINT NOT NULL
);

CREATE TABLE IF NOT EXISTS invitations (
    token_hash TEXT PRIMARY KEY,
    role TEXT NOT NULL CHECK (role IN ('organizer', 'enterprise', 'host')),
    subject TEXT,
    name TEXT,
    created_by TEXT,
    created_at BIGINT NOT NULL,
    expires_at BIGINT NOT NULL,
    used_at BIGINT,
    used_by TEXT
);

CREATE TABLE IF NOT EXISTS sessions (
    token_hash TEXT PRIMARY KEY,
    account_id TEXT NOT NULL REFERENCES accounts (id),
    csrf TEXT NOT NULL,
    created_at BIGINT NOT NULL,
    expires_at BIGINT NOT NULL,
    revoked BIGINT NOT NULL DEFAULT 0
);
CREATE INDEX IF NOT EXISTS sessions_account ON sessions (account_id);

-- Failed sign-ins per key ("name:…" or "address:…"), since the last success or quiet spell.
CREATE TABLE IF NOT EXISTS sign_in_failures (
    key TEXT PRIMARY KEY,
    failures BIGINT NOT NULL,
    last_at BIGINT NOT NULL,
    locked_until BIGINT
);

CREATE TABLE IF NOT EXISTS audit (
    id TEXT PRIMARY KEY,
    at BIGINT NOT NULL,
    kind TEXT NOT NULL,
    account_id TEXT,
    name TEXT,
    address TEXT,
    detail TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS audit_at ON audit (at);
