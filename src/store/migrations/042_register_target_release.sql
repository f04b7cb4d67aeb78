-- The SEC Release a proposal is scheduled into, as a column PostgreSQL derives when the register
-- row is written. Read from the folded state (a jsonb of several KB, stored compressed out of
-- line), every register page decompressed the whole state of each of its rows to show one
-- field: most of what a register request cost PostgreSQL.
ALTER TABLE modification_register
  ADD COLUMN target_release text GENERATED ALWAYS AS (state->'implementation'->>'releaseId') STORED;
CREATE INDEX modification_register_target_release_idx ON modification_register (target_release) WHERE target_release IS NOT NULL;
