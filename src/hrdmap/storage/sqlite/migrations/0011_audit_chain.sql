-- The audit trail becomes hash-chained and append-only: each entry keeps the hash of the entry before it and its
-- own hash (hrdmap.storage.audit_chain). The entries written before this migration are chained in id order by
-- hrdmap.storage.sqlite.audit.chain_existing, in the same transaction, right after this script.
-- The triggers refuse to change or delete a chained entry and to add one without its hash; setting the hash of
-- an entry that has none is what the chaining above does, and the only change allowed.

ALTER TABLE audit ADD COLUMN previous_hash TEXT;
ALTER TABLE audit ADD COLUMN hash TEXT;

CREATE TRIGGER audit_no_update BEFORE UPDATE ON audit
WHEN OLD.hash IS NOT NULL
BEGIN
    SELECT RAISE(ABORT, 'the audit trail is append-only');
END;

CREATE TRIGGER audit_no_delete BEFORE DELETE ON audit
BEGIN
    SELECT RAISE(ABORT, 'the audit trail is append-only');
END;

CREATE TRIGGER audit_chained_insert BEFORE INSERT ON audit
WHEN NEW.hash IS NULL OR NEW.previous_hash IS NULL
BEGIN
    SELECT RAISE(ABORT, 'an audit entry needs its hash and the previous one');
END;
