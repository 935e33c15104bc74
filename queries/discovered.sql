-- discovered: actors found in the text rather than in the gazetteer, with
-- their affiliation and how often they appear.
-- Parameters: none.
SELECT a.name, a.kind, a.code, a.affiliation, a.mentions
FROM actors a
WHERE a.discovered
ORDER BY a.mentions DESC, a.name;
