-- The register row's folded state is a cache for reads: written whole at every append to a
-- proposal and for every proposal in a rebuild, read whole (calendar, deadline reminders,
-- administration) or for a field or two. As jsonb, PostgreSQL parsed each write of about 5 KB
-- into its binary form and compressed it, and turned it back into text for every read; that was
-- most of what a rebuild cost PostgreSQL (200,000 events: 5.8 s of its CPU; as json stored
-- uncompressed, 3.5 s). json keeps the text as written (after checking it is JSON), and
-- EXTERNAL storage keeps a long value out of line without compressing it. Its -> and ->>
-- operators work as they did.
ALTER TABLE modification_register DROP COLUMN target_release;
ALTER TABLE modification_register ALTER COLUMN state TYPE json USING state::json;
ALTER TABLE modification_register ALTER COLUMN state SET STORAGE EXTERNAL;
ALTER TABLE modification_register
  ADD COLUMN target_release text GENERATED ALWAYS AS (state->'implementation'->>'releaseId') STORED;
CREATE INDEX modification_register_target_release_idx ON modification_register (target_release) WHERE target_release IS NOT NULL;
