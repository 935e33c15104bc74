-- geokg schema, version 2: mention counts per actor instead of an index
-- of mentions by actor.
--
-- Every mention inserted into `mentions(actor_id)` landed on a random page
-- of a large index, so loading into a database of a million articles wrote
-- several times more pages per article than into an empty one. The only
-- reader of that index counted mentions per actor; a counter on the actor
-- row (a small, always cached table) answers that, and the mentions stay
-- in article order.

ALTER TABLE actors ADD COLUMN mentions INTEGER NOT NULL DEFAULT 0;

-- one pass over the mentions, however many actors there are
UPDATE actors SET mentions = c.n
FROM (SELECT actor_id, count(*) AS n FROM mentions GROUP BY actor_id) AS c
WHERE c.actor_id = actors.id;

DROP INDEX IF EXISTS mentions_actor;

CREATE TRIGGER mentions_insert_count AFTER INSERT ON mentions
BEGIN
    UPDATE actors SET mentions = mentions + 1 WHERE id = NEW.actor_id;
END;

CREATE TRIGGER mentions_delete_count AFTER DELETE ON mentions
BEGIN
    UPDATE actors SET mentions = mentions - 1 WHERE id = OLD.actor_id;
END;
