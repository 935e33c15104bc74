-- dyads: pairs of actors ranked by how often they relate, with the balance
-- of cooperation and conflict between them.
-- Parameters: none.
SELECT s.name AS subject,
       o.name AS object,
       sum(e.count) AS relations,
       group_concat(DISTINCT e.category) AS categories,
       round(sum(e.weight * e.count) / sum(e.count), 2) AS mean_weight,
       min(e.first_date) AS first,
       max(e.last_date) AS last
FROM edges e
JOIN actors s ON s.id = e.subject_id
JOIN actors o ON o.id = e.object_id
WHERE e.negated = 0 AND e.category <> 'AFFILIATION'
GROUP BY e.subject_id, e.object_id
ORDER BY relations DESC, subject, object
LIMIT 50;
