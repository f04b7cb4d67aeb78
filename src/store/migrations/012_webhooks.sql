-- Webhook endpoints (issue: Notifications, documents and feeds, item 3): per organisation,
-- delivered through the outbox (channel `webhook`, recipient = endpoint id). The signing
-- secret must be usable to sign, so it cannot be hashed: it is stored encrypted (AES-256-GCM,
-- key derived from SECMOD_CHAIN_KEY, the endpoint id as associated data). A database dump
-- alone does not reveal it; the database together with the chain key does.
CREATE TABLE webhook_endpoints (
  id               text        PRIMARY KEY,
  organisation_id  text        NOT NULL, -- no foreign key: organisations is a projection that `secmod rebuild` truncates
  url              text        NOT NULL,
  description      text,
  secret_encrypted text        NOT NULL,
  created_by       text        NOT NULL,
  created_at       timestamptz NOT NULL,
  disabled_at      timestamptz
);
CREATE INDEX webhook_endpoints_organisation ON webhook_endpoints (organisation_id) WHERE disabled_at IS NULL;
