-- The Modification Register: one row per Draft / Modification Proposal, kept in the append
-- transaction by the register projector and rebuildable from the events (secmod rebuild).
CREATE TABLE modification_register (
  number            integer PRIMARY KEY,
  reference         text        NOT NULL UNIQUE,   -- DPnnn until converted, then MPnnn
  title             text        NOT NULL,
  problem_statement text        NOT NULL DEFAULT '',
  phase             text        NOT NULL,          -- draft | proposal
  state_id          text        NOT NULL,
  state_name        text        NOT NULL,
  path              smallint,
  fast_track        boolean     NOT NULL DEFAULT false,
  proposer_user_id  text,
  proposer_organisation_id text,
  rulebook_version  text        NOT NULL,
  next_deadline     timestamptz,
  state             jsonb       NOT NULL,          -- the folded aggregate state, for reads
  stream_version    integer     NOT NULL,
  created_at        timestamptz NOT NULL,
  updated_at        timestamptz NOT NULL,
  search            tsvector GENERATED ALWAYS AS (
    setweight(to_tsvector('english', coalesce(reference, '') || ' ' || coalesce(title, '')), 'A') ||
    setweight(to_tsvector('english', problem_statement), 'B')
  ) STORED
);
CREATE INDEX modification_register_search_idx ON modification_register USING gin (search);
CREATE INDEX modification_register_state_idx ON modification_register (state_id);
CREATE INDEX modification_register_deadline_idx ON modification_register (next_deadline) WHERE next_deadline IS NOT NULL;
