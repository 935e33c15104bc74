-- geokg schema, version 1.
-- Articles keep their raw text so relations can be recomputed
-- (`geokg reextract`) when the extractor or the lexicon improves.

CREATE TABLE articles (
    id           INTEGER PRIMARY KEY,
    key          TEXT    NOT NULL UNIQUE,          -- the article id (header/JSON id, else file stem)
    title        TEXT,
    date         TEXT,                             -- YYYY-MM-DD
    source       TEXT,
    url          TEXT,
    text         TEXT    NOT NULL,                 -- the body as loaded
    content_hash TEXT    NOT NULL,                 -- blake3 of metadata + text: equal hash = no-op reload
    loaded_at    TEXT    NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now'))
);
CREATE INDEX articles_date ON articles(date);

-- One row per real actor, across all articles. `key` is stable:
-- country:RUS, organization:NATO, person:Vladimir Putin.
CREATE TABLE actors (
    id          INTEGER PRIMARY KEY,
    key         TEXT    NOT NULL UNIQUE,
    name        TEXT    NOT NULL,
    code        TEXT,
    kind        TEXT    NOT NULL CHECK (kind IN ('country', 'person', 'organization', 'group')),
    affiliation TEXT,                              -- latest known affiliation code of a person
    discovered  INTEGER NOT NULL DEFAULT 0         -- 1: found in text, not in the gazetteer
);
CREATE INDEX actors_code ON actors(code);

-- Names an actor is known by (lower-case, accents folded) for lookups such
-- as `geokg path beijing kremlin`.
CREATE TABLE aliases (
    actor_id INTEGER NOT NULL REFERENCES actors(id) ON DELETE CASCADE,
    norm     TEXT    NOT NULL,
    PRIMARY KEY (norm, actor_id)
) WITHOUT ROWID;

CREATE TABLE mentions (
    article_id INTEGER NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
    actor_id   INTEGER NOT NULL REFERENCES actors(id),
    sentence   INTEGER NOT NULL,
    span_start INTEGER NOT NULL,
    span_end   INTEGER NOT NULL
);
CREATE INDEX mentions_article ON mentions(article_id);
CREATE INDEX mentions_actor ON mentions(actor_id);

-- One row per relation found, with its evidence.
CREATE TABLE relations (
    id            INTEGER PRIMARY KEY,
    article_id    INTEGER NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
    subject_id    INTEGER NOT NULL REFERENCES actors(id),
    object_id     INTEGER NOT NULL REFERENCES actors(id),
    relation      TEXT    NOT NULL,                -- e.g. partners-with
    category      TEXT    NOT NULL,                -- e.g. COOPERATE
    weight        REAL    NOT NULL,                -- −10 (conflict) … +10 (cooperation)
    symmetric     INTEGER NOT NULL,
    negated       INTEGER NOT NULL,
    attributed_to INTEGER REFERENCES actors(id),
    confidence    REAL    NOT NULL,
    sentence      INTEGER NOT NULL,
    span_start    INTEGER NOT NULL,                -- byte span of the sentence in title + "\n\n" + text
    span_end      INTEGER NOT NULL,
    evidence      TEXT    NOT NULL
);
CREATE INDEX relations_article ON relations(article_id);
CREATE INDEX relations_pair ON relations(subject_id, object_id);
CREATE INDEX relations_object ON relations(object_id);
CREATE INDEX relations_category ON relations(category);

-- The graph: one edge per (subject, relation, object, negated), kept up to
-- date by the triggers below. Symmetric relations are stored once, with the
-- smaller actor id as subject.
CREATE TABLE edges (
    id         INTEGER PRIMARY KEY,
    subject_id INTEGER NOT NULL REFERENCES actors(id),
    object_id  INTEGER NOT NULL REFERENCES actors(id),
    relation   TEXT    NOT NULL,
    category   TEXT    NOT NULL,
    weight     REAL    NOT NULL,
    symmetric  INTEGER NOT NULL,
    negated    INTEGER NOT NULL,
    count      INTEGER NOT NULL,
    first_date TEXT,
    last_date  TEXT,
    UNIQUE (subject_id, object_id, relation, negated)
);
CREATE INDEX edges_object ON edges(object_id);

CREATE TRIGGER relations_insert_edge AFTER INSERT ON relations
BEGIN
    INSERT INTO edges (subject_id, object_id, relation, category, weight, symmetric, negated, count, first_date, last_date)
    VALUES (
        CASE WHEN NEW.symmetric AND NEW.object_id < NEW.subject_id THEN NEW.object_id ELSE NEW.subject_id END,
        CASE WHEN NEW.symmetric AND NEW.object_id < NEW.subject_id THEN NEW.subject_id ELSE NEW.object_id END,
        NEW.relation, NEW.category, NEW.weight, NEW.symmetric, NEW.negated, 1,
        (SELECT date FROM articles WHERE id = NEW.article_id),
        (SELECT date FROM articles WHERE id = NEW.article_id))
    ON CONFLICT (subject_id, object_id, relation, negated) DO UPDATE SET
        count = count + 1,
        first_date = CASE WHEN excluded.first_date IS NULL THEN first_date
                          WHEN first_date IS NULL OR excluded.first_date < first_date THEN excluded.first_date
                          ELSE first_date END,
        last_date  = CASE WHEN excluded.last_date IS NULL THEN last_date
                          WHEN last_date IS NULL OR excluded.last_date > last_date THEN excluded.last_date
                          ELSE last_date END;
END;

CREATE TRIGGER relations_delete_edge AFTER DELETE ON relations
BEGIN
    UPDATE edges SET
        count = count - 1,
        first_date = (SELECT min(a.date) FROM relations r JOIN articles a ON a.id = r.article_id
                      WHERE ((r.subject_id = edges.subject_id AND r.object_id = edges.object_id)
                          OR (r.symmetric AND r.subject_id = edges.object_id AND r.object_id = edges.subject_id))
                        AND r.relation = edges.relation AND r.negated = edges.negated),
        last_date  = (SELECT max(a.date) FROM relations r JOIN articles a ON a.id = r.article_id
                      WHERE ((r.subject_id = edges.subject_id AND r.object_id = edges.object_id)
                          OR (r.symmetric AND r.subject_id = edges.object_id AND r.object_id = edges.subject_id))
                        AND r.relation = edges.relation AND r.negated = edges.negated)
    WHERE subject_id = CASE WHEN OLD.symmetric AND OLD.object_id < OLD.subject_id THEN OLD.object_id ELSE OLD.subject_id END
      AND object_id  = CASE WHEN OLD.symmetric AND OLD.object_id < OLD.subject_id THEN OLD.subject_id ELSE OLD.object_id END
      AND relation = OLD.relation AND negated = OLD.negated;
    DELETE FROM edges WHERE count <= 0;
END;
