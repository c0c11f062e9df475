-- Generations: a counter the store raises, in the same transaction, whenever what the corpus's aggregates are
-- made of changes (current versions, tags, reviews, who brought a document, incidents), so a cache of those
-- aggregates (hrdmap.services.caching) knows it is stale from one small read. Kept out of store copies. A row
-- deleted comes back at a random value, so a cache never takes a new count for an old one.

CREATE TABLE generations (
    subject  TEXT PRIMARY KEY,                 -- "corpus"
    value    INTEGER NOT NULL DEFAULT 0
);
INSERT INTO generations (subject, value) VALUES ('corpus', abs(random() % 1000000000000));  -- a new store starts anywhere

CREATE TRIGGER versions_generation_insert AFTER INSERT ON versions
BEGIN INSERT INTO generations (subject, value) VALUES ('corpus', abs(random() % 1000000000000))
    ON CONFLICT (subject) DO UPDATE SET value = value + 1; END;
CREATE TRIGGER versions_generation_update AFTER UPDATE ON versions
BEGIN INSERT INTO generations (subject, value) VALUES ('corpus', abs(random() % 1000000000000))
    ON CONFLICT (subject) DO UPDATE SET value = value + 1; END;
CREATE TRIGGER versions_generation_delete AFTER DELETE ON versions
BEGIN INSERT INTO generations (subject, value) VALUES ('corpus', abs(random() % 1000000000000))
    ON CONFLICT (subject) DO UPDATE SET value = value + 1; END;
CREATE TRIGGER tags_generation_insert AFTER INSERT ON tags
BEGIN INSERT INTO generations (subject, value) VALUES ('corpus', abs(random() % 1000000000000))
    ON CONFLICT (subject) DO UPDATE SET value = value + 1; END;
CREATE TRIGGER tags_generation_update AFTER UPDATE ON tags
BEGIN INSERT INTO generations (subject, value) VALUES ('corpus', abs(random() % 1000000000000))
    ON CONFLICT (subject) DO UPDATE SET value = value + 1; END;
CREATE TRIGGER tags_generation_delete AFTER DELETE ON tags
BEGIN INSERT INTO generations (subject, value) VALUES ('corpus', abs(random() % 1000000000000))
    ON CONFLICT (subject) DO UPDATE SET value = value + 1; END;
CREATE TRIGGER reviews_generation_insert AFTER INSERT ON reviews
BEGIN INSERT INTO generations (subject, value) VALUES ('corpus', abs(random() % 1000000000000))
    ON CONFLICT (subject) DO UPDATE SET value = value + 1; END;
CREATE TRIGGER reviews_generation_update AFTER UPDATE ON reviews
BEGIN INSERT INTO generations (subject, value) VALUES ('corpus', abs(random() % 1000000000000))
    ON CONFLICT (subject) DO UPDATE SET value = value + 1; END;
CREATE TRIGGER reviews_generation_delete AFTER DELETE ON reviews
BEGIN INSERT INTO generations (subject, value) VALUES ('corpus', abs(random() % 1000000000000))
    ON CONFLICT (subject) DO UPDATE SET value = value + 1; END;
CREATE TRIGGER contributions_generation_insert AFTER INSERT ON contributions
BEGIN INSERT INTO generations (subject, value) VALUES ('corpus', abs(random() % 1000000000000))
    ON CONFLICT (subject) DO UPDATE SET value = value + 1; END;
CREATE TRIGGER contributions_generation_update AFTER UPDATE ON contributions
BEGIN INSERT INTO generations (subject, value) VALUES ('corpus', abs(random() % 1000000000000))
    ON CONFLICT (subject) DO UPDATE SET value = value + 1; END;
CREATE TRIGGER contributions_generation_delete AFTER DELETE ON contributions
BEGIN INSERT INTO generations (subject, value) VALUES ('corpus', abs(random() % 1000000000000))
    ON CONFLICT (subject) DO UPDATE SET value = value + 1; END;
CREATE TRIGGER contribution_documents_generation_insert AFTER INSERT ON contribution_documents
BEGIN INSERT INTO generations (subject, value) VALUES ('corpus', abs(random() % 1000000000000))
    ON CONFLICT (subject) DO UPDATE SET value = value + 1; END;
CREATE TRIGGER contribution_documents_generation_update AFTER UPDATE ON contribution_documents
BEGIN INSERT INTO generations (subject, value) VALUES ('corpus', abs(random() % 1000000000000))
    ON CONFLICT (subject) DO UPDATE SET value = value + 1; END;
CREATE TRIGGER contribution_documents_generation_delete AFTER DELETE ON contribution_documents
BEGIN INSERT INTO generations (subject, value) VALUES ('corpus', abs(random() % 1000000000000))
    ON CONFLICT (subject) DO UPDATE SET value = value + 1; END;
CREATE TRIGGER stakeholders_generation_insert AFTER INSERT ON stakeholders
BEGIN INSERT INTO generations (subject, value) VALUES ('corpus', abs(random() % 1000000000000))
    ON CONFLICT (subject) DO UPDATE SET value = value + 1; END;
CREATE TRIGGER stakeholders_generation_update AFTER UPDATE ON stakeholders
BEGIN INSERT INTO generations (subject, value) VALUES ('corpus', abs(random() % 1000000000000))
    ON CONFLICT (subject) DO UPDATE SET value = value + 1; END;
CREATE TRIGGER stakeholders_generation_delete AFTER DELETE ON stakeholders
BEGIN INSERT INTO generations (subject, value) VALUES ('corpus', abs(random() % 1000000000000))
    ON CONFLICT (subject) DO UPDATE SET value = value + 1; END;
CREATE TRIGGER incidents_generation_insert AFTER INSERT ON incidents
BEGIN INSERT INTO generations (subject, value) VALUES ('corpus', abs(random() % 1000000000000))
    ON CONFLICT (subject) DO UPDATE SET value = value + 1; END;
CREATE TRIGGER incidents_generation_update AFTER UPDATE ON incidents
BEGIN INSERT INTO generations (subject, value) VALUES ('corpus', abs(random() % 1000000000000))
    ON CONFLICT (subject) DO UPDATE SET value = value + 1; END;
CREATE TRIGGER incidents_generation_delete AFTER DELETE ON incidents
BEGIN INSERT INTO generations (subject, value) VALUES ('corpus', abs(random() % 1000000000000))
    ON CONFLICT (subject) DO UPDATE SET value = value + 1; END;
CREATE TRIGGER incident_acts_generation_insert AFTER INSERT ON incident_acts
BEGIN INSERT INTO generations (subject, value) VALUES ('corpus', abs(random() % 1000000000000))
    ON CONFLICT (subject) DO UPDATE SET value = value + 1; END;
CREATE TRIGGER incident_acts_generation_update AFTER UPDATE ON incident_acts
BEGIN INSERT INTO generations (subject, value) VALUES ('corpus', abs(random() % 1000000000000))
    ON CONFLICT (subject) DO UPDATE SET value = value + 1; END;
CREATE TRIGGER incident_acts_generation_delete AFTER DELETE ON incident_acts
BEGIN INSERT INTO generations (subject, value) VALUES ('corpus', abs(random() % 1000000000000))
    ON CONFLICT (subject) DO UPDATE SET value = value + 1; END;
CREATE TRIGGER incident_victims_generation_insert AFTER INSERT ON incident_victims
BEGIN INSERT INTO generations (subject, value) VALUES ('corpus', abs(random() % 1000000000000))
    ON CONFLICT (subject) DO UPDATE SET value = value + 1; END;
CREATE TRIGGER incident_victims_generation_update AFTER UPDATE ON incident_victims
BEGIN INSERT INTO generations (subject, value) VALUES ('corpus', abs(random() % 1000000000000))
    ON CONFLICT (subject) DO UPDATE SET value = value + 1; END;
CREATE TRIGGER incident_victims_generation_delete AFTER DELETE ON incident_victims
BEGIN INSERT INTO generations (subject, value) VALUES ('corpus', abs(random() % 1000000000000))
    ON CONFLICT (subject) DO UPDATE SET value = value + 1; END;
CREATE TRIGGER incident_status_generation_insert AFTER INSERT ON incident_status
BEGIN INSERT INTO generations (subject, value) VALUES ('corpus', abs(random() % 1000000000000))
    ON CONFLICT (subject) DO UPDATE SET value = value + 1; END;
CREATE TRIGGER incident_status_generation_update AFTER UPDATE ON incident_status
BEGIN INSERT INTO generations (subject, value) VALUES ('corpus', abs(random() % 1000000000000))
    ON CONFLICT (subject) DO UPDATE SET value = value + 1; END;
CREATE TRIGGER incident_status_generation_delete AFTER DELETE ON incident_status
BEGIN INSERT INTO generations (subject, value) VALUES ('corpus', abs(random() % 1000000000000))
    ON CONFLICT (subject) DO UPDATE SET value = value + 1; END;
