-- Files whose parsing is dangerous, by the digest of their bytes. A row is written ('reading') and committed
-- before a parser sees the bytes, so a parse that takes the whole process down leaves a trace; it is removed
-- when the parse ends normally. Bytes that killed or exhausted a parser ('refused', with the code and reason,
-- or a 'reading' row found by the next run: 'interrupted') are not parsed again until a person asks
-- (hrdmap ingest --retry-failed).
CREATE TABLE quarantine (
    sha256      TEXT PRIMARY KEY,
    source      TEXT NOT NULL,              -- where these bytes were last read from
    state       TEXT NOT NULL,              -- reading, refused
    error_code  TEXT,                       -- worker_killed, timeout, over_budget, interrupted
    reason      TEXT,
    updated_at  TEXT NOT NULL
);
