-- discovered: actors found in the text rather than in the gazetteer, with
-- their affiliation and how often they appear.
-- Parameters: none.
SELECT a.name, a.kind, a.code, a.affiliation, count(m.actor_id) AS mentions
FROM actors a
LEFT JOIN mentions m ON m.actor_id = a.id
WHERE a.discovered
GROUP BY a.id
ORDER BY mentions DESC, a.name;
