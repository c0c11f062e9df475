-- Accounts of the web app: users, sessions, API tokens, and the wrapped data keys of encryption at rest.
-- Secrets are never stored in clear: passwords and recovery codes as Argon2id hashes, session and API tokens
-- as SHA-256 digests of what the client holds; data keys wrapped by the master key.

CREATE TABLE users (
    id               INTEGER PRIMARY KEY,
    name             TEXT NOT NULL UNIQUE,
    password_hash    TEXT NOT NULL,
    roles            TEXT NOT NULL DEFAULT '[]',        -- JSON list of role names
    scope_calls      TEXT,                              -- JSON list of call keys; NULL for every call
    scope_countries  TEXT,                              -- JSON list of ISO alpha-3 codes; NULL for every country
    sensitivity      INTEGER NOT NULL DEFAULT 2,
    disabled         INTEGER NOT NULL DEFAULT 0,
    totp_secret      TEXT,
    recovery_codes   TEXT NOT NULL DEFAULT '[]',        -- JSON list of Argon2id hashes
    failed_logins    INTEGER NOT NULL DEFAULT 0,
    locked_until     TEXT,
    language         TEXT,
    created_at       TEXT NOT NULL
);

CREATE TABLE web_sessions (
    digest      TEXT PRIMARY KEY,                       -- SHA-256 hex of the cookie value
    user_id     INTEGER NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    created_at  TEXT NOT NULL,
    expires_at  TEXT NOT NULL,
    last_seen   TEXT NOT NULL,
    mfa_done    INTEGER NOT NULL DEFAULT 0,
    origin      TEXT NOT NULL DEFAULT ''
);
CREATE INDEX web_sessions_user ON web_sessions(user_id);

CREATE TABLE api_tokens (
    id           INTEGER PRIMARY KEY,
    user_id      INTEGER NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    name         TEXT NOT NULL,
    digest       TEXT NOT NULL UNIQUE,
    permissions  TEXT NOT NULL DEFAULT '[]',
    created_at   TEXT NOT NULL,
    expires_at   TEXT,
    revoked_at   TEXT
);
CREATE INDEX api_tokens_user ON api_tokens(user_id);

CREATE TABLE data_keys (
    id          INTEGER PRIMARY KEY,
    sealed      BLOB NOT NULL,                          -- the data key, wrapped by the master key
    created_at  TEXT NOT NULL
);
