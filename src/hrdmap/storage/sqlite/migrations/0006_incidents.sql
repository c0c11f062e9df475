-- Incidents against defenders (docs/monitoring.md), after the HURIDOCS Events Standard Formats: the event, its acts,
-- victims, perpetrators, sources, UN interventions, the verification status history, merges of duplicates, cases
-- and acknowledged warnings. Victims and sources are personal data: their own tables, so a later step can encrypt
-- their columns and every output can withhold them by sensitivity. Nothing here is ever deleted: a duplicate is
-- merged (merged_into) and can be unmerged; status histories are append-only.

CREATE TABLE incidents (
    id                INTEGER PRIMARY KEY,
    title             TEXT NOT NULL,
    description       TEXT NOT NULL DEFAULT '',
    date_start        TEXT,                        -- ISO date, first possible day (NULL: unknown)
    date_end          TEXT,                        -- ISO date, last possible day
    date_precision    TEXT NOT NULL,               -- day, month, year, range, unknown
    date_text         TEXT NOT NULL DEFAULT '',    -- as the source wrote it ("early 2019")
    date_approximate  INTEGER NOT NULL DEFAULT 0,
    country           TEXT NOT NULL DEFAULT '',    -- ISO 3166-1 alpha-3
    admin_area        TEXT NOT NULL DEFAULT '',
    place             TEXT NOT NULL DEFAULT '',
    sensitivity       TEXT NOT NULL CHECK (sensitivity IN ('public', 'restricted', 'confidential')),
    status            TEXT NOT NULL,               -- proposed, rejected, reported, under-verification, verified, …
    merged_into       INTEGER REFERENCES incidents(id),  -- set while this incident is merged into another
    attributes        TEXT NOT NULL DEFAULT '{}',  -- JSON: other values kept from the source list
    created_at        TEXT NOT NULL,
    updated_at        TEXT NOT NULL
);
CREATE INDEX incidents_country_date ON incidents(country, date_start);
CREATE INDEX incidents_status ON incidents(status);
CREATE INDEX incidents_merged ON incidents(merged_into);

-- Ids in the lists an incident came from ("cpj:3f2a…", "gdelt:900001", "block:123"): a re-import finds it by them.
CREATE TABLE incident_external_ids (
    external_id  TEXT PRIMARY KEY,
    incident_id  INTEGER NOT NULL REFERENCES incidents(id)
);
CREATE INDEX incident_external_ids_incident ON incident_external_ids(incident_id);

CREATE TABLE incident_acts (
    id                INTEGER PRIMARY KEY,
    incident_id       INTEGER NOT NULL REFERENCES incidents(id),
    seq               INTEGER NOT NULL,
    type              TEXT NOT NULL,               -- a label id of the attack-types framework
    victims           TEXT NOT NULL DEFAULT '[]',  -- JSON list of victim positions (seq)
    perpetrators      TEXT NOT NULL DEFAULT '[]',  -- JSON list of perpetrator positions (seq)
    date_start        TEXT,
    date_end          TEXT,
    date_precision    TEXT,
    date_text         TEXT,
    motive            TEXT NOT NULL DEFAULT '',
    motive_confirmed  INTEGER,                     -- 1, 0 or NULL (not stated)
    UNIQUE (incident_id, seq)
);
CREATE INDEX incident_acts_type ON incident_acts(type);

-- Personal data.
CREATE TABLE incident_victims (
    id            INTEGER PRIMARY KEY,
    incident_id   INTEGER NOT NULL REFERENCES incidents(id),
    seq           INTEGER NOT NULL,
    name          TEXT NOT NULL DEFAULT '',
    kind          TEXT NOT NULL,                   -- person, group
    sex           TEXT NOT NULL,
    age           INTEGER,
    age_group     TEXT NOT NULL,
    roles         TEXT NOT NULL DEFAULT '[]',      -- JSON list of groups-at-risk label ids
    organisation  TEXT NOT NULL DEFAULT '',
    sensitivity   TEXT NOT NULL CHECK (sensitivity IN ('public', 'restricted', 'confidential')),
    UNIQUE (incident_id, seq)
);

CREATE TABLE incident_perpetrators (
    id           INTEGER PRIMARY KEY,
    incident_id  INTEGER NOT NULL REFERENCES incidents(id),
    seq          INTEGER NOT NULL,
    type         TEXT NOT NULL,
    name         TEXT NOT NULL DEFAULT '',
    UNIQUE (incident_id, seq)
);

-- Personal data when the source is a person. A merged incident's sources stay on it and are shown with the survivor.
CREATE TABLE incident_sources (
    id                  INTEGER PRIMARY KEY,
    incident_id         INTEGER NOT NULL REFERENCES incidents(id),
    kind                TEXT NOT NULL,             -- paragraph, file, url, organisation, person
    reference           TEXT NOT NULL,
    name                TEXT NOT NULL DEFAULT '',
    reliability         TEXT NOT NULL,
    independence        TEXT NOT NULL,
    independence_group  TEXT NOT NULL DEFAULT '',
    evidence            TEXT NOT NULL DEFAULT '',
    sensitivity         TEXT NOT NULL CHECK (sensitivity IN ('public', 'restricted', 'confidential')),
    block_id            INTEGER REFERENCES blocks(id) ON DELETE SET NULL,  -- the corpus paragraph, for kind paragraph
    added_at            TEXT NOT NULL
);
CREATE INDEX incident_sources_incident ON incident_sources(incident_id);
CREATE INDEX incident_sources_block ON incident_sources(block_id);

CREATE TABLE incident_interventions (
    id             INTEGER PRIMARY KEY,
    incident_id    INTEGER NOT NULL REFERENCES incidents(id),
    kind           TEXT NOT NULL,                  -- communication, public-statement, visit, trial-observation, other
    date           TEXT NOT NULL,
    actor          TEXT NOT NULL DEFAULT '',       -- the mandate or entity that acted ("SR-HRD")
    symbol         TEXT NOT NULL DEFAULT '',       -- "UA COL 4/2019"
    summary        TEXT NOT NULL DEFAULT '',
    reply_date     TEXT,                           -- the State's reply, once received
    reply_summary  TEXT NOT NULL DEFAULT '',
    sensitivity    TEXT NOT NULL CHECK (sensitivity IN ('public', 'restricted', 'confidential'))
);
CREATE INDEX incident_interventions_incident ON incident_interventions(incident_id);

-- Verification history: one row per change, never updated or deleted.
CREATE TABLE incident_status (
    id           INTEGER PRIMARY KEY,
    incident_id  INTEGER NOT NULL REFERENCES incidents(id),
    status       TEXT NOT NULL,
    at           TEXT NOT NULL,
    actor        TEXT NOT NULL,
    reason       TEXT NOT NULL
);
CREATE INDEX incident_status_incident ON incident_status(incident_id);
CREATE TRIGGER incident_status_no_update BEFORE UPDATE ON incident_status
BEGIN SELECT RAISE(ABORT, 'incident status history is append-only'); END;
CREATE TRIGGER incident_status_no_delete BEFORE DELETE ON incident_status
BEGIN SELECT RAISE(ABORT, 'incident status history is append-only'); END;

-- Merges of duplicates: who merged what into what, and when it was undone.
CREATE TABLE incident_merges (
    id           INTEGER PRIMARY KEY,
    survivor_id  INTEGER NOT NULL REFERENCES incidents(id),
    merged_id    INTEGER NOT NULL REFERENCES incidents(id),
    at           TEXT NOT NULL,
    actor        TEXT NOT NULL,
    reason       TEXT NOT NULL DEFAULT '',
    undone_at    TEXT,
    undone_by    TEXT
);
CREATE INDEX incident_merges_merged ON incident_merges(merged_id);

-- Pairs a reviewer judged not to be duplicates: not proposed again.
CREATE TABLE incident_distinct_pairs (
    left_id   INTEGER NOT NULL REFERENCES incidents(id),
    right_id  INTEGER NOT NULL REFERENCES incidents(id),
    at        TEXT NOT NULL,
    actor     TEXT NOT NULL,
    PRIMARY KEY (left_id, right_id)
);

-- Cases: a person or group followed across incidents and years.
CREATE TABLE cases (
    id           INTEGER PRIMARY KEY,
    title        TEXT NOT NULL,
    subject      TEXT NOT NULL,                    -- personal data
    status       TEXT NOT NULL,
    sensitivity  TEXT NOT NULL CHECK (sensitivity IN ('public', 'restricted', 'confidential')),
    created_at   TEXT NOT NULL
);
CREATE TABLE case_incidents (
    case_id      INTEGER NOT NULL REFERENCES cases(id),
    incident_id  INTEGER NOT NULL REFERENCES incidents(id),
    PRIMARY KEY (case_id, incident_id)
);
CREATE TABLE case_status (
    id       INTEGER PRIMARY KEY,
    case_id  INTEGER NOT NULL REFERENCES cases(id),
    status   TEXT NOT NULL,
    at       TEXT NOT NULL,
    actor    TEXT NOT NULL,
    reason   TEXT NOT NULL
);
CREATE TRIGGER case_status_no_update BEFORE UPDATE ON case_status
BEGIN SELECT RAISE(ABORT, 'case status history is append-only'); END;

-- Early warnings someone acknowledged, and the intervention that followed, if any.
CREATE TABLE warning_acknowledgements (
    id               INTEGER PRIMARY KEY,
    series           TEXT NOT NULL,                -- "COL" or "COL|journalists"
    period           TEXT NOT NULL,                -- "2019-03"
    at               TEXT NOT NULL,
    actor            TEXT NOT NULL,
    note             TEXT NOT NULL DEFAULT '',
    intervention_id  INTEGER REFERENCES incident_interventions(id),
    UNIQUE (series, period)
);
