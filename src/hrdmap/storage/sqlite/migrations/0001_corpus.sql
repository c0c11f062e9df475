-- The corpus: documents, their versions, blocks and footnotes; ingest batches; the audit trail.

CREATE TABLE documents (
    id          INTEGER PRIMARY KEY,
    source      TEXT NOT NULL UNIQUE,          -- logical identity: a path, or "archive.zip!member.pdf"
    created_at  TEXT NOT NULL                  -- ISO 8601, UTC
);

CREATE TABLE versions (
    id              INTEGER PRIMARY KEY,
    document_id     INTEGER NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
    version         INTEGER NOT NULL,          -- 1, 2, … per document
    sha256          TEXT NOT NULL,
    format          TEXT NOT NULL,
    title           TEXT,
    symbol          TEXT,
    date            TEXT,                      -- ISO date stated by the document
    languages       TEXT NOT NULL DEFAULT '',  -- comma-separated ISO 639-1, main first
    pages           INTEGER,
    size            INTEGER NOT NULL DEFAULT 0,
    meta            TEXT NOT NULL DEFAULT '{}',-- JSON object
    ingested_at     TEXT NOT NULL,
    is_current      INTEGER NOT NULL DEFAULT 1,
    search_indexed  INTEGER NOT NULL DEFAULT 0,-- 1 once the search back-end holds this version
    UNIQUE (document_id, version)
);
CREATE INDEX versions_sha256 ON versions(sha256);
CREATE INDEX versions_symbol ON versions(symbol);
CREATE INDEX versions_current ON versions(is_current, document_id);

-- One row per block; blocks.id is the paragraph key used by tags, reviews, search and reports.
CREATE TABLE blocks (
    id            INTEGER PRIMARY KEY,
    version_id    INTEGER NOT NULL REFERENCES versions(id) ON DELETE CASCADE,
    idx           INTEGER NOT NULL,            -- reading order from 0
    kind          TEXT NOT NULL,               -- title, heading, paragraph, list_item, table
    label         TEXT,                        -- "12.", "98.12.", "(a)", "I."
    number        TEXT,                        -- "12", "98.12", "a", "I"
    level         INTEGER NOT NULL DEFAULT 0,
    heading_path  TEXT NOT NULL DEFAULT '[]',  -- JSON list of strings
    page          INTEGER,
    language      TEXT,
    footnote_refs TEXT NOT NULL DEFAULT '[]',  -- JSON list of footnote labels
    rows          TEXT,                        -- JSON list of lists (tables)
    text          TEXT NOT NULL,
    UNIQUE (version_id, idx)
);

CREATE TABLE footnotes (
    id          INTEGER PRIMARY KEY,
    version_id  INTEGER NOT NULL REFERENCES versions(id) ON DELETE CASCADE,
    seq         INTEGER NOT NULL,              -- order in the document
    label       TEXT NOT NULL,
    text        TEXT NOT NULL,
    block_idx   INTEGER,                       -- blocks.idx of the citing block
    page        INTEGER,
    UNIQUE (version_id, seq)
);

-- An ingest run over a list of files. Items are written first (pending), then each is finished in the same
-- transaction that stores its document, so a killed run can be finished by the next one.
CREATE TABLE batches (
    id           INTEGER PRIMARY KEY,
    started_at   TEXT NOT NULL,
    finished_at  TEXT,
    actor        TEXT NOT NULL
);

CREATE TABLE batch_items (
    id           INTEGER PRIMARY KEY,
    batch_id     INTEGER NOT NULL REFERENCES batches(id) ON DELETE CASCADE,
    path         TEXT NOT NULL,
    status       TEXT NOT NULL DEFAULT 'pending',  -- pending, stored, unchanged, failed, unpacked (a zip)
    reason       TEXT,                             -- one-line reason when failed; a note when unchanged
    error_code   TEXT,                             -- corrupt, encrypted, empty, too_large, unsupported …
    version_id   INTEGER REFERENCES versions(id) ON DELETE SET NULL,
    updated_at   TEXT,
    UNIQUE (batch_id, path)
);
CREATE INDEX batch_items_status ON batch_items(status);
CREATE INDEX batch_items_path ON batch_items(path);

-- Who did what, when. Written by services in the same transaction as the change.
CREATE TABLE audit (
    id       INTEGER PRIMARY KEY,
    at       TEXT NOT NULL,
    actor    TEXT NOT NULL,
    action   TEXT NOT NULL,
    subject  TEXT,
    detail   TEXT NOT NULL DEFAULT '{}'
);
