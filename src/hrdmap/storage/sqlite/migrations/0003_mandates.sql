-- The mandate registry: resolutions read from stored documents, the requests they make, and the documents that
-- answer them. Request status (open / answered / overdue) is not stored: it depends on the day it is asked and
-- is computed from due_closes and the links.

CREATE TABLE resolutions (
    id           INTEGER PRIMARY KEY,
    document_id  INTEGER NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
    version_id   INTEGER REFERENCES versions(id) ON DELETE SET NULL,  -- the version that was parsed
    symbol       TEXT NOT NULL UNIQUE,         -- "A/RES/72/247", "A/HRC/RES/22/6"
    number       TEXT,                         -- "72/247", matched against citations
    body         TEXT NOT NULL,                -- "General Assembly", "Human Rights Council" …
    kind         TEXT NOT NULL DEFAULT 'resolution',  -- resolution or decision
    session      INTEGER,
    title        TEXT,
    adopted      TEXT,                         -- ISO date
    content      TEXT NOT NULL,                -- JSON: preamble and operative paragraphs with sub-paragraphs
    stored_at    TEXT NOT NULL                 -- ISO 8601, UTC
);
CREATE INDEX resolutions_number ON resolutions(number);

CREATE TABLE requests (
    id              INTEGER PRIMARY KEY,
    resolution_id   INTEGER NOT NULL REFERENCES resolutions(id) ON DELETE CASCADE,
    seq             INTEGER NOT NULL,          -- order in the resolution
    paragraph       INTEGER NOT NULL,          -- operative paragraph number
    subparagraph    TEXT,                      -- "a", "d.i"
    block_id        INTEGER REFERENCES blocks(id) ON DELETE SET NULL,  -- the paragraph in the stored document
    verb            TEXT NOT NULL,             -- "Also requests"
    addressee       TEXT NOT NULL,             -- normalised: "Secretary-General", "all States" …
    addressee_text  TEXT NOT NULL,             -- as written
    action          TEXT NOT NULL,
    recipients      TEXT NOT NULL DEFAULT '[]',-- JSON list of body names
    due_points      TEXT NOT NULL DEFAULT '[]',-- JSON list of {text, body, session, opens, closes, part}
    due_text        TEXT,                      -- the earliest due point, for listing and sorting
    due_closes      TEXT,                      -- its (approximate) last day, ISO date
    recurrence      TEXT,
    product         TEXT,
    text            TEXT NOT NULL,
    UNIQUE (resolution_id, seq)
);
CREATE INDEX requests_addressee ON requests(addressee);
CREATE INDEX requests_due ON requests(due_closes);

-- A document that answers a request, with the citing paragraph as evidence.
CREATE TABLE request_links (
    id           INTEGER PRIMARY KEY,
    request_id   INTEGER NOT NULL REFERENCES requests(id) ON DELETE CASCADE,
    document_id  INTEGER NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
    block_id     INTEGER REFERENCES blocks(id) ON DELETE SET NULL,
    cited        TEXT NOT NULL,                -- the citation as written
    evidence     TEXT NOT NULL,                -- the citing paragraph's text
    method       TEXT NOT NULL,                -- "paragraph" (names the paragraph) or "symbol"
    linked_at    TEXT NOT NULL,
    UNIQUE (request_id, document_id)
);
CREATE INDEX request_links_document ON request_links(document_id);
