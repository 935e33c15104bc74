-- geokg schema, version 9: each article keeps a digest of the extraction
-- its relations and mentions were written from.
--
-- `reextract` deleted and rewrote every article's relations, although a
-- lexicon change alters the extraction of few of them: 20,000 synthetic
-- articles took twice as long as loading them. It now compares the new
-- extraction's digest (`Extraction::fingerprint`) with this one and leaves
-- an unchanged article alone. Articles stored before this version have
-- none, so their first re-extraction rewrites them.

ALTER TABLE articles ADD COLUMN extraction_hash TEXT;
