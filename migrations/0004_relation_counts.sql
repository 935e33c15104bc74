-- geokg schema, version 4: relation counts per actor kept on the actor.
--
-- Every actor a query prints (`neighbors`, `path`, `actors`, `export`)
-- showed how many relations it takes part in, counted through the
-- by-actor indexes: since migration 0003 that is one seek per tier and
-- direction, and a 2-hop neighbourhood of thousands of actors spent most
-- of its time there. A counter on the actor row (a small, cached table)
-- costs the writer one update per relation end.

ALTER TABLE actors ADD COLUMN relations INTEGER NOT NULL DEFAULT 0;

-- one pass over the relations, however many actors there are
UPDATE actors SET relations = c.n
FROM (SELECT actor_id, count(*) AS n FROM (
          SELECT subject_id AS actor_id FROM relations
          UNION ALL
          SELECT object_id FROM relations)
      GROUP BY actor_id) AS c
WHERE c.actor_id = actors.id;

CREATE TRIGGER relations_insert_count AFTER INSERT ON relations
BEGIN
    UPDATE actors SET relations = relations + 1 WHERE id = NEW.subject_id;
    UPDATE actors SET relations = relations + 1 WHERE id = NEW.object_id;
END;

CREATE TRIGGER relations_delete_count AFTER DELETE ON relations
BEGIN
    UPDATE actors SET relations = relations - 1 WHERE id = OLD.subject_id;
    UPDATE actors SET relations = relations - 1 WHERE id = OLD.object_id;
END;
