-- Calls for inputs: the call, the stakeholder registry, the requests sent and the contributions received.
-- A stakeholder's contact address sits in a table of its own, read by one method only, so that listing,
-- counting and publishing stakeholders never loads it. The mandate is referenced by symbol and joined with the
-- mandate registry (resolutions) when read, so a resolution added after the call is linked too.

CREATE TABLE calls (
    id                   INTEGER PRIMARY KEY,
    key                  TEXT NOT NULL UNIQUE,          -- "hrd-assessment-2026"
    title                TEXT NOT NULL,
    deadline             TEXT NOT NULL,                 -- ISO date
    mandate_symbol       TEXT,                          -- "A/RES/72/247"
    mandate_paragraphs   TEXT NOT NULL DEFAULT '[]',    -- JSON list of int
    mandate_citation     TEXT,
    issued_by            TEXT,
    report_addressee     TEXT,
    report_due           TEXT,
    notes_verbales_sent  TEXT,                          -- ISO date
    languages            TEXT NOT NULL DEFAULT '[]',    -- JSON list of ISO 639-1 codes
    word_limit           INTEGER,
    contact              TEXT,                          -- the call's own public address
    questions            TEXT NOT NULL DEFAULT '[]',    -- JSON list of {id, text}
    fictional            INTEGER NOT NULL DEFAULT 0,
    created_at           TEXT NOT NULL,
    updated_at           TEXT NOT NULL
);

CREATE TABLE stakeholders (
    id             INTEGER PRIMARY KEY,
    key            TEXT NOT NULL UNIQUE,                -- "norway", the same across calls
    name           TEXT NOT NULL,
    type           TEXT NOT NULL,                       -- member_state, un_entity, nhri …
    country        TEXT,                                -- UN short name
    country_code   TEXT,                                -- ISO 3166-1 alpha-3
    accreditation  TEXT,                                -- NHRIs: A, B or none
    created_at     TEXT NOT NULL,
    updated_at     TEXT NOT NULL
);
CREATE INDEX stakeholders_type ON stakeholders(type);

-- Confidential: printed only by "hrdmap stakeholders list --show-contacts", never logged or audited.
CREATE TABLE stakeholder_contacts (
    stakeholder_id  INTEGER PRIMARY KEY REFERENCES stakeholders(id) ON DELETE CASCADE,
    contact         TEXT NOT NULL
);

CREATE TABLE call_requests (
    id              INTEGER PRIMARY KEY,
    call_id         INTEGER NOT NULL REFERENCES calls(id) ON DELETE CASCADE,
    stakeholder_id  INTEGER NOT NULL REFERENCES stakeholders(id),
    date            TEXT NOT NULL,                      -- ISO date
    channel         TEXT NOT NULL,                      -- note_verbale, letter, email
    reminder        INTEGER NOT NULL DEFAULT 0,
    recorded_at     TEXT NOT NULL,
    UNIQUE (call_id, stakeholder_id, date, channel, reminder)
);
CREATE INDEX call_requests_stakeholder ON call_requests(stakeholder_id);

CREATE TABLE contributions (
    id              INTEGER PRIMARY KEY,
    call_id         INTEGER NOT NULL REFERENCES calls(id) ON DELETE CASCADE,
    stakeholder_id  INTEGER NOT NULL REFERENCES stakeholders(id),
    source          TEXT NOT NULL,                      -- the file, as documents.source names it
    received        TEXT NOT NULL,                      -- ISO date
    language        TEXT,
    consent         TEXT NOT NULL,                      -- public or confidential
    recorded_at     TEXT NOT NULL,
    UNIQUE (call_id, source)
);
CREATE INDEX contributions_stakeholder ON contributions(stakeholder_id);

-- The stored documents read from a contribution: the file's own (seq 0) and the files inside it.
CREATE TABLE contribution_documents (
    contribution_id  INTEGER NOT NULL REFERENCES contributions(id) ON DELETE CASCADE,
    document_id      INTEGER NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
    seq              INTEGER NOT NULL,
    PRIMARY KEY (contribution_id, document_id)
);
CREATE INDEX contribution_documents_document ON contribution_documents(document_id);
