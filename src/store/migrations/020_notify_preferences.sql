-- Per-user notification preferences, subscriptions ("follow") and SECAS-edited notice
-- templates (issue: Notifications, documents and feeds). These are user settings, not part of
-- the regulatory record, so they are plain tables rather than projections of events: `secmod
-- rebuild` leaves them alone (no foreign keys to the projected users table for that reason).

-- How a user receives notices: each as it happens, a daily digest, or none; and the kinds of
-- notice (rule ids) they turned off, e.g. through an unsubscribe link.
CREATE TABLE notification_preferences (
  user_id    text        PRIMARY KEY,
  mode       text        NOT NULL CHECK (mode IN ('immediate', 'digest', 'off')),
  muted      text[]      NOT NULL DEFAULT '{}',
  updated_at timestamptz NOT NULL
);

-- What a user follows: a proposal (by number, which survives the DP → MP conversion), a path,
-- a Party Category's proposals, or a saved register search (its query string).
CREATE TABLE subscriptions (
  id         text        PRIMARY KEY,
  user_id    text        NOT NULL,
  kind       text        NOT NULL CHECK (kind IN ('proposal', 'path', 'party-category', 'search')),
  target     text        NOT NULL,
  level      text        NOT NULL CHECK (level IN ('significant', 'everything')),
  created_at timestamptz NOT NULL,
  CONSTRAINT subscriptions_unique UNIQUE (user_id, kind, target)
);
CREATE INDEX subscriptions_kind ON subscriptions (kind, target);

-- Versions of notice templates edited in the portal. Version 1 of every template is its file
-- in src/notify/templates; saved versions start at 2 and are never changed or removed.
CREATE TABLE notice_template_versions (
  template   text        NOT NULL,
  version    integer     NOT NULL CHECK (version >= 2),
  body       text        NOT NULL,
  created_by text        NOT NULL,
  created_at timestamptz NOT NULL,
  PRIMARY KEY (template, version)
);

-- The template version each delivered email was rendered with (null for webhooks), and held
-- digest items: channel 'digest' rows wait until the daily digest takes them in.
ALTER TABLE outbox ADD COLUMN template_version integer;
CREATE INDEX outbox_digest_pending ON outbox (recipient) WHERE channel = 'digest' AND delivered_at IS NULL;
