-- Recommendation follow-up: recommendations (from the corpus, OHCHR's thematic lists or CSV files), their themes,
-- affected groups and SDGs, and the history of their implementation status. The history is append-only: the
-- triggers below refuse to change or delete an entry; the current status is the latest entry.

CREATE TABLE recommendations (
    id                  INTEGER PRIMARY KEY,
    key                 TEXT NOT NULL UNIQUE,      -- "A/HRC/15/8|101.1", "block:412|0", "csv:…": finds it again
    text                TEXT NOT NULL,
    source_kind         TEXT NOT NULL,             -- upr, treaty_body, special_procedure, other
    body                TEXT,                      -- "Universal Periodic Review", "Committee against Torture"
    symbol              TEXT,                      -- the document holding it: "A/HRC/15/8"
    paragraph           TEXT,                      -- "101.1", "23"
    recommending_states TEXT NOT NULL DEFAULT '[]',-- JSON list of UN short names (UPR)
    addressee           TEXT,                      -- a State's UN short name, or as written ("all States")
    addressee_iso3      TEXT,                      -- ISO 3166 alpha-3 when a State
    response            TEXT,                      -- supported, noted, accepted, rejected, pending
    response_date       TEXT,                      -- ISO date
    response_source     TEXT,                      -- "A/HRC/28/15/Add.1, para. 3"
    document_id         INTEGER REFERENCES documents(id) ON DELETE SET NULL,
    version_id          INTEGER REFERENCES versions(id) ON DELETE SET NULL,
    block_id            INTEGER REFERENCES blocks(id) ON DELETE SET NULL,  -- the paragraph it was read from
    origin              TEXT NOT NULL,             -- corpus, ohchr-thematic-list, csv
    origin_ref          TEXT,                      -- the file or document it came from
    created_at          TEXT NOT NULL,             -- ISO 8601, UTC
    updated_at          TEXT NOT NULL
);
CREATE INDEX recommendations_addressee ON recommendations(addressee_iso3, addressee);
CREATE INDEX recommendations_symbol ON recommendations(symbol, paragraph);
CREATE INDEX recommendations_block ON recommendations(block_id);

-- Themes, affected groups and SDGs of a recommendation.
CREATE TABLE recommendation_terms (
    id                 INTEGER PRIMARY KEY,
    recommendation_id  INTEGER NOT NULL REFERENCES recommendations(id) ON DELETE CASCADE,
    kind               TEXT NOT NULL,              -- theme, group, sdg
    scheme             TEXT NOT NULL,              -- hrd-areas, groups-at-risk, uhri, sdg, free …
    code               TEXT NOT NULL DEFAULT '',   -- "A12", "B", "16"; '' when the term has no code
    name               TEXT NOT NULL,
    seq                INTEGER NOT NULL,           -- order within the recommendation and kind
    UNIQUE (recommendation_id, kind, scheme, code, name)
);
CREATE INDEX recommendation_terms_name ON recommendation_terms(kind, name);

-- The status history: one row per assessment, never updated or deleted.
CREATE TABLE recommendation_status (
    id                 INTEGER PRIMARY KEY,
    recommendation_id  INTEGER NOT NULL REFERENCES recommendations(id),
    status             TEXT NOT NULL,              -- not_started, in_progress, implemented, not_implemented
    status_date        TEXT NOT NULL,              -- ISO date the status held
    evidence           TEXT,
    document_id        INTEGER REFERENCES documents(id) ON DELETE SET NULL,
    block_id           INTEGER REFERENCES blocks(id) ON DELETE SET NULL,
    assessed_by        TEXT,                       -- the source of the assessment
    recorded_by        TEXT NOT NULL,
    recorded_at        TEXT NOT NULL               -- ISO 8601, UTC
);
CREATE INDEX recommendation_status_rec ON recommendation_status(recommendation_id, status_date);

CREATE TRIGGER recommendation_status_no_update
BEFORE UPDATE OF recommendation_id, status, status_date, evidence, assessed_by, recorded_by, recorded_at
ON recommendation_status
BEGIN
    SELECT RAISE(ABORT, 'recommendation status history is append-only');
END;

CREATE TRIGGER recommendation_status_no_delete
BEFORE DELETE ON recommendation_status
BEGIN
    SELECT RAISE(ABORT, 'recommendation status history is append-only');
END;
