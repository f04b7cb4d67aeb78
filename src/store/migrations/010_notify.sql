-- Notice delivery: outbox rows are claimed with a lease (a worker that dies mid-batch leaves
-- its rows to be claimed again when the lease ends), and in demo mode sent mail lands in a
-- catch-all inbox shown in the portal.
ALTER TABLE outbox ADD COLUMN claimed_by text;
ALTER TABLE outbox ADD COLUMN claimed_until timestamptz;

CREATE TABLE demo_inbox (
  id           bigserial PRIMARY KEY,
  delivery_key text        NOT NULL UNIQUE,
  recipient    text        NOT NULL,
  subject      text        NOT NULL,
  text_body    text        NOT NULL,
  html_body    text        NOT NULL,
  sent_at      timestamptz NOT NULL DEFAULT now()
);
