-- The event log: the audit trail of the modification process (architecture.md "Persistence").
-- Append only, hash-chained in position order; `secmod verify` walks the chain.
CREATE TABLE events (
  position       bigserial PRIMARY KEY,
  stream_id      text        NOT NULL,
  stream_version integer     NOT NULL CHECK (stream_version > 0),
  type           text        NOT NULL,
  data           jsonb       NOT NULL,
  metadata       jsonb       NOT NULL,
  recorded_at    timestamptz NOT NULL,
  prev_hash      text        NOT NULL,
  hash           text        NOT NULL,
  CONSTRAINT events_stream_version_unique UNIQUE (stream_id, stream_version)
);
CREATE INDEX events_type_idx ON events (type, position);

-- The head of the chain. Appends lock this row, which serialises them so that positions
-- follow commit order and every event can chain to the one before it.
CREATE TABLE event_chain_head (
  id       smallint PRIMARY KEY CHECK (id = 1),
  position bigint NOT NULL,
  hash     text   NOT NULL
);
INSERT INTO event_chain_head (id, position, hash) VALUES (1, 0, 'genesis');

CREATE FUNCTION secmod_events_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'the event log is append-only: % on events is not allowed', TG_OP
    USING ERRCODE = 'insufficient_privilege';
END;
$$;
CREATE TRIGGER events_no_update_or_delete BEFORE UPDATE OR DELETE ON events
  FOR EACH ROW EXECUTE FUNCTION secmod_events_append_only();
CREATE TRIGGER events_no_truncate BEFORE TRUNCATE ON events
  FOR EACH STATEMENT EXECUTE FUNCTION secmod_events_append_only();

-- A repeated Idempotency-Key returns the first result and appends nothing.
CREATE TABLE idempotency_keys (
  scope        text        NOT NULL,
  key          text        NOT NULL,
  request_hash text        NOT NULL,
  response     jsonb,
  created_at   timestamptz NOT NULL,
  PRIMARY KEY (scope, key)
);

-- Notices to send, written in the append transaction and claimed by workers with
-- FOR UPDATE SKIP LOCKED.
CREATE TABLE outbox (
  id             bigserial PRIMARY KEY,
  event_position bigint      NOT NULL,
  delivery_key   text        NOT NULL UNIQUE,
  channel        text        NOT NULL,
  recipient      text        NOT NULL,
  payload        jsonb       NOT NULL,
  created_at     timestamptz NOT NULL,
  available_at   timestamptz NOT NULL,
  attempts       integer     NOT NULL DEFAULT 0,
  delivered_at   timestamptz,
  last_error     text
);
CREATE INDEX outbox_pending_idx ON outbox (available_at) WHERE delivered_at IS NULL;
