-- geokg schema, version 3: relations and edges are written to a small
-- tier first and merged into the large indexes in bulk (a log-structured
-- merge inside SQLite).
--
-- The indexes that find relations and edges by actor are keyed by actor
-- ids, so every new relation landed on a random page of a large B-tree:
-- into a database of a million articles a load wrote ten times more pages
-- per article than into an empty one. Now `tier` leads those keys: new rows
-- carry tier 2, so their index entries gather in one small, contiguous
-- region of each index. `Store::settle_if_due` merges tier 2 into tier 1
-- every 50,000 relations and tier 1 into tier 0 every 500,000, in key
-- order, so a page of a large index is rewritten once for many relations
-- instead of once per relation.
--
-- An edge can therefore have a row in each tier with the same (subject,
-- object, relation, negated): readers add them up (counts summed, dates
-- widened). Queries by actor say `tier IN (0, 1, 2)` so that SQLite seeks
-- every region of the index.

ALTER TABLE relations ADD COLUMN tier INTEGER NOT NULL DEFAULT 0;
DROP INDEX relations_pair;
DROP INDEX relations_object;
CREATE INDEX relations_pair ON relations(tier, subject_id, object_id);
CREATE INDEX relations_object ON relations(tier, object_id);

DROP TRIGGER relations_insert_edge;
DROP TRIGGER relations_delete_edge;

-- the unique key of edges gains `tier`: a table constraint, so the table
-- is rebuilt
CREATE TABLE edges_v3 (
    id         INTEGER PRIMARY KEY,
    subject_id INTEGER NOT NULL REFERENCES actors(id),
    object_id  INTEGER NOT NULL REFERENCES actors(id),
    relation   TEXT    NOT NULL,
    category   TEXT    NOT NULL,
    weight     REAL    NOT NULL,
    symmetric  INTEGER NOT NULL,
    negated    INTEGER NOT NULL,
    count      INTEGER NOT NULL,
    first_date TEXT,
    last_date  TEXT,
    tier     INTEGER NOT NULL DEFAULT 0,
    UNIQUE (tier, subject_id, object_id, relation, negated)
);
INSERT INTO edges_v3 (id, subject_id, object_id, relation, category, weight, symmetric, negated, count, first_date, last_date, tier)
SELECT id, subject_id, object_id, relation, category, weight, symmetric, negated, count, first_date, last_date, 0
FROM edges ORDER BY id;
DROP TABLE edges;
ALTER TABLE edges_v3 RENAME TO edges;
CREATE INDEX edges_object ON edges(tier, object_id);

-- A relation counts into the edge of its own tier. Symmetric relations
-- are stored once, with the smaller actor id as subject.
CREATE TRIGGER relations_insert_edge AFTER INSERT ON relations
BEGIN
    INSERT INTO edges (subject_id, object_id, relation, category, weight, symmetric, negated, count, first_date, last_date, tier)
    VALUES (
        CASE WHEN NEW.symmetric AND NEW.object_id < NEW.subject_id THEN NEW.object_id ELSE NEW.subject_id END,
        CASE WHEN NEW.symmetric AND NEW.object_id < NEW.subject_id THEN NEW.subject_id ELSE NEW.object_id END,
        NEW.relation, NEW.category, NEW.weight, NEW.symmetric, NEW.negated, 1,
        (SELECT date FROM articles WHERE id = NEW.article_id),
        (SELECT date FROM articles WHERE id = NEW.article_id),
        NEW.tier)
    ON CONFLICT (tier, subject_id, object_id, relation, negated) DO UPDATE SET
        count = count + 1,
        first_date = CASE WHEN excluded.first_date IS NULL THEN first_date
                          WHEN first_date IS NULL OR excluded.first_date < first_date THEN excluded.first_date
                          ELSE first_date END,
        last_date  = CASE WHEN excluded.last_date IS NULL THEN last_date
                          WHEN last_date IS NULL OR excluded.last_date > last_date THEN excluded.last_date
                          ELSE last_date END;
END;

-- The dates of an edge are recomputed from the relations left in its tier,
-- looked up by pair in each direction: one OR over both directions would
-- let SQLite scan the whole tier for a term they share.
CREATE TRIGGER relations_delete_edge AFTER DELETE ON relations
BEGIN
    UPDATE edges SET
        count = count - 1,
        (first_date, last_date) = (
            SELECT min(d), max(d) FROM (
                SELECT a.date AS d FROM relations r JOIN articles a ON a.id = r.article_id
                WHERE r.tier = edges.tier AND r.subject_id = edges.subject_id AND r.object_id = edges.object_id
                  AND r.relation = edges.relation AND r.negated = edges.negated
                UNION ALL
                SELECT a.date FROM relations r JOIN articles a ON a.id = r.article_id
                WHERE r.tier = edges.tier AND r.symmetric AND r.subject_id = edges.object_id AND r.object_id = edges.subject_id
                  AND r.relation = edges.relation AND r.negated = edges.negated))
    WHERE tier = OLD.tier
      AND subject_id = CASE WHEN OLD.symmetric AND OLD.object_id < OLD.subject_id THEN OLD.object_id ELSE OLD.subject_id END
      AND object_id  = CASE WHEN OLD.symmetric AND OLD.object_id < OLD.subject_id THEN OLD.subject_id ELSE OLD.object_id END
      AND relation = OLD.relation AND negated = OLD.negated;
    -- by key: a bare `count <= 0` would scan every edge for each deleted relation
    DELETE FROM edges
    WHERE tier = OLD.tier
      AND subject_id = CASE WHEN OLD.symmetric AND OLD.object_id < OLD.subject_id THEN OLD.object_id ELSE OLD.subject_id END
      AND object_id  = CASE WHEN OLD.symmetric AND OLD.object_id < OLD.subject_id THEN OLD.subject_id ELSE OLD.object_id END
      AND relation = OLD.relation AND negated = OLD.negated AND count <= 0;
END;
