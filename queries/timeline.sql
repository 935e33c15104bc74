-- timeline: everything an actor did or underwent, in date order.
-- Parameters: :actor  the actor's name or code, e.g. --param actor=RUS
SELECT a.date,
       s.name AS subject,
       CASE WHEN r.negated THEN 'not ' || r.relation ELSE r.relation END AS relation,
       o.name AS object,
       r.category,
       a.key AS article,
       r.evidence
FROM relations r
JOIN actors s ON s.id = r.subject_id
JOIN actors o ON o.id = r.object_id
JOIN articles a ON a.id = r.article_id
WHERE :actor IN (s.name, s.code, o.name, o.code)
ORDER BY a.date, a.id, r.sentence;
