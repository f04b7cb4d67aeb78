-- Governance records kept beside the modification lifecycle (sec-process.md §1.4, §9):
-- disputes (R-C-03), SSC support requests (R-G-02), Alt HAN liaison (R-G-03), Recovery Costs
-- threshold consultations (R-L-08), payment date referrals (R-L-09) and Change Board
-- appointment requests (R-M-05). A read model of the `governance-<id>` streams; rebuildable.
CREATE TABLE governance_records (
  id             text PRIMARY KEY,
  kind           text        NOT NULL,
  proposal_refs  text[]      NOT NULL DEFAULT '{}',
  state          jsonb       NOT NULL,
  stream_version integer     NOT NULL,
  created_at     timestamptz NOT NULL,
  updated_at     timestamptz NOT NULL
);
CREATE INDEX governance_records_kind_idx ON governance_records (kind, id);
CREATE INDEX governance_records_proposal_refs_idx ON governance_records USING gin (proposal_refs);
