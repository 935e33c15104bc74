-- balance: cooperation against conflict for each dyad (both directions
-- together): counts of cooperative and conflictual relations and the mean
-- weight on the −10 (conflict) … +10 (cooperation) scale.
-- Parameters: none.
SELECT CASE WHEN s.name < o.name THEN s.name ELSE o.name END AS actor_a,
       CASE WHEN s.name < o.name THEN o.name ELSE s.name END AS actor_b,
       sum(CASE WHEN e.weight > 0 THEN e.count ELSE 0 END) AS cooperation,
       sum(CASE WHEN e.weight < 0 THEN e.count ELSE 0 END) AS conflict,
       round(sum(e.weight * e.count) / sum(e.count), 2) AS mean_weight
FROM edges e
JOIN actors s ON s.id = e.subject_id
JOIN actors o ON o.id = e.object_id
WHERE e.negated = 0 AND e.category <> 'AFFILIATION'
GROUP BY actor_a, actor_b
ORDER BY cooperation + conflict DESC, actor_a, actor_b
LIMIT 50;
