-- geokg schema, version 6: an index of the articles that have no date.
--
-- `relations` without an actor, partner or category walks articles in date
-- order and stops at its limit (the tiers of `article_dates` read in
-- order); undated articles come first, as NULL sorts first in SQL. Finding
-- them scanned every article, text included: seconds on a million. This
-- index holds only them, so it costs a load nothing for dated news.

CREATE INDEX articles_undated ON articles(id) WHERE date IS NULL;
