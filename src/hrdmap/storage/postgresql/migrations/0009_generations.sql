-- Generations: a counter the store raises, in the same transaction, whenever what the corpus's aggregates are
-- made of changes (current versions, tags, reviews, who brought a document, incidents), so a cache of those
-- aggregates (hrdmap.services.caching) knows it is stale from one small read. Kept out of store copies. A row
-- deleted comes back at a random value, so a cache never takes a new count for an old one.
-- PostgreSQL twin of sqlite/migrations/0009_generations.sql: one statement-level trigger per table.

CREATE TABLE generations (
    subject  TEXT PRIMARY KEY,
    value    BIGINT NOT NULL DEFAULT 0
);
INSERT INTO generations (subject, value) VALUES ('corpus', (random() * 1e12)::bigint);  -- a new store starts anywhere

CREATE FUNCTION raise_generation() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    INSERT INTO generations (subject, value) VALUES (TG_ARGV[0], (random() * 1e12)::bigint)
        ON CONFLICT (subject) DO UPDATE SET value = generations.value + 1;
    RETURN NULL;
END
$$;

CREATE TRIGGER versions_generation AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON versions
    FOR EACH STATEMENT EXECUTE FUNCTION raise_generation('corpus');
CREATE TRIGGER tags_generation AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON tags
    FOR EACH STATEMENT EXECUTE FUNCTION raise_generation('corpus');
CREATE TRIGGER reviews_generation AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON reviews
    FOR EACH STATEMENT EXECUTE FUNCTION raise_generation('corpus');
CREATE TRIGGER contributions_generation AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON contributions
    FOR EACH STATEMENT EXECUTE FUNCTION raise_generation('corpus');
CREATE TRIGGER contribution_documents_generation AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON contribution_documents
    FOR EACH STATEMENT EXECUTE FUNCTION raise_generation('corpus');
CREATE TRIGGER stakeholders_generation AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON stakeholders
    FOR EACH STATEMENT EXECUTE FUNCTION raise_generation('corpus');
CREATE TRIGGER incidents_generation AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON incidents
    FOR EACH STATEMENT EXECUTE FUNCTION raise_generation('corpus');
CREATE TRIGGER incident_acts_generation AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON incident_acts
    FOR EACH STATEMENT EXECUTE FUNCTION raise_generation('corpus');
CREATE TRIGGER incident_victims_generation AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON incident_victims
    FOR EACH STATEMENT EXECUTE FUNCTION raise_generation('corpus');
CREATE TRIGGER incident_status_generation AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON incident_status
    FOR EACH STATEMENT EXECUTE FUNCTION raise_generation('corpus');
