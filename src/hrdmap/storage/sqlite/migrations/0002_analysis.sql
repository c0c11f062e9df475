-- Analysis: the tags taggers give to paragraphs, the runs that gave them, and reviewers' decisions.
-- A review never overwrites a machine tag: both are kept. The effective label of a paragraph is the latest
-- review decision on (block, framework, label) when there is one, else a current machine tag whose score
-- reaches its threshold.

-- One `hrdmap tag` run: who started it, when, and the taggers it ran with their versions.
CREATE TABLE tag_runs (
    id           INTEGER PRIMARY KEY,
    started_at   TEXT NOT NULL,                -- ISO 8601, UTC
    finished_at  TEXT,
    actor        TEXT NOT NULL,
    taggers      TEXT NOT NULL DEFAULT '{}'    -- JSON object: tagger name → version
);

-- Machine tags. Re-tagging a paragraph with a tagger flags that tagger's earlier tags not current (history).
CREATE TABLE tags (
    id          INTEGER PRIMARY KEY,
    block_id    INTEGER NOT NULL REFERENCES blocks(id) ON DELETE CASCADE,
    framework   TEXT NOT NULL,                 -- "hrd-areas", "countries", "statement-kinds" …
    label       TEXT NOT NULL,                 -- "G", "KEN", "practice" …
    score       REAL NOT NULL,
    threshold   REAL NOT NULL DEFAULT 0.5,     -- the tagger's cut-off for this label when it tagged
    tagger      TEXT NOT NULL,
    evidence    TEXT NOT NULL DEFAULT '[]',    -- JSON list of {kind, text, start, end, detail}
    run_id      INTEGER REFERENCES tag_runs(id) ON DELETE SET NULL,
    created_at  TEXT NOT NULL,
    is_current  INTEGER NOT NULL DEFAULT 1
);
CREATE INDEX tags_block ON tags(block_id, is_current);
CREATE INDEX tags_label ON tags(is_current, framework, label);
CREATE INDEX tags_tagger ON tags(tagger, is_current, block_id);

-- Reviewers' decisions: accept or reject a machine tag, or add a label the machine missed.
CREATE TABLE reviews (
    id          INTEGER PRIMARY KEY,
    block_id    INTEGER NOT NULL REFERENCES blocks(id) ON DELETE CASCADE,
    framework   TEXT NOT NULL,
    label       TEXT NOT NULL,
    decision    TEXT NOT NULL CHECK (decision IN ('accept', 'reject', 'add')),
    reviewer    TEXT NOT NULL,
    at          TEXT NOT NULL,                 -- ISO 8601, UTC
    note        TEXT,
    tag_id      INTEGER REFERENCES tags(id) ON DELETE SET NULL  -- the machine tag it answers, if any
);
CREATE INDEX reviews_key ON reviews(block_id, framework, label);
CREATE INDEX reviews_tag ON reviews(tag_id);
CREATE INDEX reviews_label ON reviews(framework, label);
