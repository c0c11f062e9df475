-- Twin of the SQLite 0011_audit_chain.sql: the audit trail becomes hash-chained and append-only. The entries
-- written before this migration are chained in id order by hrdmap.storage.postgresql.audit.chain_existing, in
-- the same transaction, right after this script. The triggers refuse to change or delete a chained entry, to
-- empty the table (TRUNCATE) and to add an entry without its hash; setting the hash of an entry that has none is
-- the only change allowed.

ALTER TABLE audit ADD COLUMN previous_hash TEXT;
ALTER TABLE audit ADD COLUMN hash TEXT;

CREATE FUNCTION audit_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    RAISE EXCEPTION 'the audit trail is append-only';
END;
$$;
CREATE FUNCTION audit_chained_insert() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    RAISE EXCEPTION 'an audit entry needs its hash and the previous one';
END;
$$;
CREATE TRIGGER audit_no_update BEFORE UPDATE ON audit
FOR EACH ROW WHEN (OLD.hash IS NOT NULL) EXECUTE FUNCTION audit_append_only();
CREATE TRIGGER audit_no_delete BEFORE DELETE ON audit
FOR EACH ROW EXECUTE FUNCTION audit_append_only();
CREATE TRIGGER audit_no_truncate BEFORE TRUNCATE ON audit
FOR EACH STATEMENT EXECUTE FUNCTION audit_append_only();
CREATE TRIGGER audit_chained_insert BEFORE INSERT ON audit
FOR EACH ROW WHEN (NEW.hash IS NULL OR NEW.previous_hash IS NULL) EXECUTE FUNCTION audit_chained_insert();
