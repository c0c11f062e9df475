-- Intake links and receipts (docs/web.md, "Intake links"): each link an officer makes is stored, so that it can
-- be revoked one by one (a revoked link answers like an unknown one); each file received through a link keeps its
-- receipt, so the contributor (the link, or a contributor's account) sees only its own submissions and their status.

CREATE TABLE intake_links (
    id           INTEGER PRIMARY KEY,
    call_key     TEXT NOT NULL,
    stakeholder  TEXT NOT NULL,                         -- the stakeholder's key
    created_at   TEXT NOT NULL,
    created_by   TEXT NOT NULL,
    valid_until  TEXT NOT NULL,
    revoked_at   TEXT,
    revoked_by   TEXT
);
CREATE INDEX intake_links_call ON intake_links(call_key);

CREATE TABLE intake_receipts (
    id               INTEGER PRIMARY KEY,
    link_id          INTEGER REFERENCES intake_links(id),
    submitted_by     TEXT NOT NULL,                     -- intake:<stakeholder>, or the contributor's account
    call_key         TEXT NOT NULL,
    stakeholder      TEXT NOT NULL,
    contribution_id  INTEGER NOT NULL,                  -- the contribution's number, as the receipt gives it
    file_name        TEXT NOT NULL,
    sha256           TEXT NOT NULL,
    received         TEXT NOT NULL,                     -- ISO date
    read_ok          INTEGER NOT NULL,
    reason           TEXT,
    confidential     INTEGER NOT NULL,
    at               TEXT NOT NULL
);
CREATE INDEX intake_receipts_link ON intake_receipts(link_id);
CREATE INDEX intake_receipts_submitter ON intake_receipts(submitted_by);
