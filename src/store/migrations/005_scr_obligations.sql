-- Significant Code Reviews, Authority-Led Variations (sec-process.md §6.7), body decisions
-- not to submit a Draft Proposal (G7.20(b), L1.19(b)) and the obligations tracker (§6.9).
-- All are projections of events on `scr-*`, `alv-*`, `body-decision-*` and `obligation-*`
-- streams (and, for limb (a) and automatic closing, of `DraftProposalSubmitted`), kept in
-- the append transaction and rebuildable from the log.
CREATE TABLE significant_code_reviews (
  id                              text PRIMARY KEY,
  subject                         text        NOT NULL,
  notice_date                     date        NOT NULL,
  start_basis                     text        NOT NULL,
  conclusion_document_date        date,
  no_modification_conclusion_date date,
  scr_draft_proposal_ref          text,       -- limb (a): the first DP with basis scr naming this SCR
  scr_draft_proposal_date         date,
  alv_decision_date               date,       -- limb (b): the earliest D9A.11 decision of a linked ALV
  phase_end                       date,       -- earliest of limbs (a) to (d) (R-A-08)
  state                           jsonb       NOT NULL,
  stream_version                  integer     NOT NULL,
  created_at                      timestamptz NOT NULL,
  updated_at                      timestamptz NOT NULL
);

CREATE TABLE authority_led_variations (
  id             text PRIMARY KEY,
  scr_id         text        NOT NULL,
  title          text        NOT NULL,
  state_name     text        NOT NULL,
  decision_date  date,
  state          jsonb       NOT NULL,
  stream_version integer     NOT NULL,
  created_at     timestamptz NOT NULL,
  updated_at     timestamptz NOT NULL
);
CREATE INDEX authority_led_variations_scr_idx ON authority_led_variations (scr_id);

CREATE TABLE body_decisions (
  id                  text PRIMARY KEY,
  body                text        NOT NULL,   -- ssc | smki-pma
  decision            text        NOT NULL,   -- not-to-submit
  subject             text        NOT NULL,
  affected_provisions jsonb       NOT NULL,
  decision_date       date        NOT NULL,
  minutes_document_id text,
  recorded_by         text        NOT NULL,
  recorded_at         timestamptz NOT NULL
);

CREATE TABLE obligations (
  id                 text PRIMARY KEY,
  kind               text        NOT NULL,    -- l8.11 | l13.55 | ag3.2.4 | l10.24c
  owner              text        NOT NULL,    -- dcc | panel
  status             text        NOT NULL,    -- open | closed
  problem_ref        text,
  recommendation_ref text,
  closed_by          jsonb,
  state              jsonb       NOT NULL,
  stream_version     integer     NOT NULL,
  opened_at          timestamptz NOT NULL,
  updated_at         timestamptz NOT NULL
);
CREATE INDEX obligations_open_idx ON obligations (kind) WHERE status = 'open';
