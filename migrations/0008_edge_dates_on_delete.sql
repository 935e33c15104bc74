-- geokg schema, version 8: deleting a relation recomputes an edge's date
-- only when the relation's date is at one end of the edge's dates.
--
-- Replacing or re-extracting an article deletes its relations, and the
-- trigger recomputed the first and last date of each of their edges from
-- every relation left on the actor pair, joined to its article. On the
-- million-article database a pair such as Russia-Ukraine holds thousands
-- of relations: replacing 1,000 articles took 19 to 26 s, almost all of it
-- reading relation and article pages. A date strictly inside the edge's
-- range cannot move either end, and an undated relation never set one, so
-- the dates are recomputed only when the deleted relation's date is one of
-- them: 2.5 to 5.6 s. Writers delete an article's relations before they
-- change its date, so the article still carries the date the relation was
-- counted with.
--
-- (Ending the pair index with relation and negation, so that a recomputed
-- end reads only the edge's own relations, made those 1,000 replacements
-- 0.9 to 1.7 s but every load into the million-article database 4% slower;
-- loads matter more.)

DROP TRIGGER relations_delete_edge;
CREATE TRIGGER relations_delete_edge AFTER DELETE ON relations
BEGIN
    UPDATE edges SET count = count - 1
    WHERE tier = (SELECT level FROM relation_tiers WHERE tier = OLD.tier)
      AND subject_id = CASE WHEN OLD.symmetric AND OLD.object_id < OLD.subject_id THEN OLD.object_id ELSE OLD.subject_id END
      AND object_id  = CASE WHEN OLD.symmetric AND OLD.object_id < OLD.subject_id THEN OLD.subject_id ELSE OLD.object_id END
      AND relation = OLD.relation AND negated = OLD.negated;
    -- after the count, which leaves the dates this test reads unchanged
    UPDATE edges SET
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
      AND relation = OLD.relation AND negated = OLD.negated
      AND (SELECT date FROM articles WHERE id = OLD.article_id) IN (first_date, last_date);
    -- by key: a bare `count <= 0` would scan every edge for each deleted relation
    DELETE FROM edges
    WHERE tier = (SELECT level FROM relation_tiers WHERE tier = OLD.tier)
      AND subject_id = CASE WHEN OLD.symmetric AND OLD.object_id < OLD.subject_id THEN OLD.object_id ELSE OLD.subject_id END
      AND object_id  = CASE WHEN OLD.symmetric AND OLD.object_id < OLD.subject_id THEN OLD.subject_id ELSE OLD.object_id END
      AND relation = OLD.relation AND negated = OLD.negated AND count <= 0;
END;
