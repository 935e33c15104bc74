-- geokg schema, version 7: relations stop moving at the last merge.
--
-- Merging tier 1 into tier 0 moved every relation's two by-actor index
-- entries into tier 0's large indexes: on a million-article database,
-- 16.3 s per million relations, two thirds of it in `UPDATE relations SET
-- tier = 0`, and the cost grows with tier 0. Now a full tier 1 of
-- relations is frozen where it is: the relations keep their tier number,
-- that number is marked as part of level 0, and the next relations merged
-- down from tier 2 go to a new, empty tier. Edges and article dates still
-- merge into level 0 (they are fewer, and traversal wants one row per
-- edge there).
--
-- `relation_tiers` maps each relation tier to the level (the `tier` of
-- `edges` and `article_dates`) its relations count in: tiers 3, 2 and one
-- middle tier at levels 3, 2, 1; any number of frozen tiers at level 0.
-- Queries by actor seek every relation tier with
-- `tier IN (SELECT tier FROM relation_tiers)`.

CREATE TABLE relation_tiers (
    tier  INTEGER PRIMARY KEY,
    level INTEGER NOT NULL CHECK (level BETWEEN 0 AND 3)
);
INSERT INTO relation_tiers (tier, level) VALUES (0, 0), (1, 1), (2, 2), (3, 3);

-- A relation counts into the edge of its tier's level.
DROP TRIGGER relations_insert_edge;
CREATE TRIGGER relations_insert_edge AFTER INSERT ON relations
BEGIN
    INSERT INTO edges (subject_id, object_id, relation, category, weight, symmetric, negated, count, first_date, last_date, tier)
    VALUES (
        CASE WHEN NEW.symmetric AND NEW.object_id < NEW.subject_id THEN NEW.object_id ELSE NEW.subject_id END,
        CASE WHEN NEW.symmetric AND NEW.object_id < NEW.subject_id THEN NEW.subject_id ELSE NEW.object_id END,
        NEW.relation, NEW.category, NEW.weight, NEW.symmetric, NEW.negated, 1,
        (SELECT date FROM articles WHERE id = NEW.article_id),
        (SELECT date FROM articles WHERE id = NEW.article_id),
        (SELECT level FROM relation_tiers WHERE tier = NEW.tier))
    ON CONFLICT (tier, subject_id, object_id, relation, negated) DO UPDATE SET
        count = count + 1,
        first_date = CASE WHEN excluded.first_date IS NULL THEN first_date
                          WHEN first_date IS NULL OR excluded.first_date < first_date THEN excluded.first_date
                          ELSE first_date END,
        last_date  = CASE WHEN excluded.last_date IS NULL THEN last_date
                          WHEN last_date IS NULL OR excluded.last_date > last_date THEN excluded.last_date
                          ELSE last_date END;
END;

-- The dates of an edge are recomputed from the relations of every tier of
-- its level, looked up by pair in each direction.
DROP TRIGGER relations_delete_edge;
CREATE TRIGGER relations_delete_edge AFTER DELETE ON relations
BEGIN
    UPDATE edges SET
        count = count - 1,
        (first_date, last_date) = (
            SELECT min(d), max(d) FROM (
                SELECT a.date AS d FROM relations r JOIN articles a ON a.id = r.article_id
                WHERE r.tier IN (SELECT tier FROM relation_tiers WHERE level = edges.tier)
                  AND r.subject_id = edges.subject_id AND r.object_id = edges.object_id
                  AND r.relation = edges.relation AND r.negated = edges.negated
                UNION ALL
                SELECT a.date FROM relations r JOIN articles a ON a.id = r.article_id
                WHERE r.tier IN (SELECT tier FROM relation_tiers WHERE level = edges.tier)
                  AND r.symmetric AND r.subject_id = edges.object_id AND r.object_id = edges.subject_id
                  AND r.relation = edges.relation AND r.negated = edges.negated))
    WHERE tier = (SELECT level FROM relation_tiers WHERE tier = OLD.tier)
      AND subject_id = CASE WHEN OLD.symmetric AND OLD.object_id < OLD.subject_id THEN OLD.object_id ELSE OLD.subject_id END
      AND object_id  = CASE WHEN OLD.symmetric AND OLD.object_id < OLD.subject_id THEN OLD.subject_id ELSE OLD.object_id END
      AND relation = OLD.relation AND negated = OLD.negated;
    -- by key: a bare `count <= 0` would scan every edge for each deleted relation
    DELETE FROM edges
    WHERE tier = (SELECT level FROM relation_tiers WHERE tier = OLD.tier)
      AND subject_id = CASE WHEN OLD.symmetric AND OLD.object_id < OLD.subject_id THEN OLD.object_id ELSE OLD.subject_id END
      AND object_id  = CASE WHEN OLD.symmetric AND OLD.object_id < OLD.subject_id THEN OLD.subject_id ELSE OLD.object_id END
      AND relation = OLD.relation AND negated = OLD.negated AND count <= 0;
END;
