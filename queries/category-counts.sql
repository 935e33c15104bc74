-- category-counts: relations per category and month, for trend charts.
-- Parameters: none.
SELECT substr(a.date, 1, 7) AS month, r.category, count(*) AS relations
FROM relations r JOIN articles a ON a.id = r.article_id
WHERE r.negated = 0
GROUP BY month, r.category
ORDER BY month, relations DESC;
