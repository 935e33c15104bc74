-- geokg schema, version 5: the date index of articles is tiered too, and
-- there is a fourth tier.
--
-- After migration 0003, `articles_date` took most of the pages a load into
-- a large database wrote that a load into an empty one did not: 1,031 of
-- 2,585 for 1,000 articles into a million (6 of 791 into an empty
-- database). Articles arrive in any date order, so each landed on a random
-- page of that index. Dates now live in `article_dates`, keyed by tier
-- first like the relation indexes: a new article's date goes to the newest
-- tier and moves down with the relations when `Store::settle_if_due`
-- merges a tier.
--
-- The newest tier is now 3 (`NEWEST_TIER` in src/store/mod.rs), merged at
-- 10,000 relations instead of 50,000; rows a version-4 database holds in
-- tier 2 stay there, now a middle tier. Queries by actor or date say
-- `tier IN (0, 1, 2, 3)` to seek every tier. An article without a date has
-- no row here; a date filter never matched it anyway.

CREATE TABLE article_dates (
    tier       INTEGER NOT NULL,
    date       TEXT    NOT NULL,
    article_id INTEGER NOT NULL,
    PRIMARY KEY (tier, date, article_id)
) WITHOUT ROWID;

INSERT INTO article_dates (tier, date, article_id)
SELECT 0, date, id FROM articles WHERE date IS NOT NULL ORDER BY date, id;

DROP INDEX articles_date;

-- 3 is the newest tier (`NEWEST_TIER` in src/store/mod.rs)
CREATE TRIGGER articles_insert_date AFTER INSERT ON articles
WHEN NEW.date IS NOT NULL
BEGIN
    INSERT INTO article_dates (tier, date, article_id) VALUES (3, NEW.date, NEW.id);
END;

CREATE TRIGGER articles_update_date AFTER UPDATE OF date ON articles
WHEN NEW.date IS NOT OLD.date
BEGIN
    DELETE FROM article_dates
    WHERE tier IN (0, 1, 2, 3) AND date = OLD.date AND article_id = OLD.id;
    INSERT INTO article_dates (tier, date, article_id)
    SELECT 3, NEW.date, NEW.id WHERE NEW.date IS NOT NULL;
END;

CREATE TRIGGER articles_delete_date AFTER DELETE ON articles
WHEN OLD.date IS NOT NULL
BEGIN
    DELETE FROM article_dates
    WHERE tier IN (0, 1, 2, 3) AND date = OLD.date AND article_id = OLD.id;
END;
