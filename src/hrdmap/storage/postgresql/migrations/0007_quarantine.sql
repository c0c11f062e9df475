-- Files whose parsing is dangerous, by the digest of their bytes. PostgreSQL twin of
-- sqlite/migrations/0007_quarantine.sql.
CREATE TABLE quarantine (
    sha256      TEXT PRIMARY KEY,
    source      TEXT NOT NULL,
    state       TEXT NOT NULL,
    error_code  TEXT,
    reason      TEXT,
    updated_at  TIMESTAMPTZ NOT NULL
);
