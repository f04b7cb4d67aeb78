-- Identity. Organisations, users and role assignments are projections of events (their
-- history is on the log); credentials, sessions and tokens are operational secrets kept
-- out of the immutable log (and are not foreign-keyed to projections, which `secmod rebuild`
-- empties and refills).
CREATE TABLE organisations (
  id              text PRIMARY KEY,
  name            text    NOT NULL,
  kind            text    NOT NULL,
  party_category  text,
  voting_group_id text,
  is_party        boolean NOT NULL,
  defaulting      boolean NOT NULL DEFAULT false,
  defaulting_since timestamptz,
  stream_version  integer NOT NULL
);

CREATE TABLE users (
  id              text PRIMARY KEY,
  email           text    NOT NULL UNIQUE,
  name            text    NOT NULL,
  organisation_id text REFERENCES organisations (id),
  disabled        boolean NOT NULL DEFAULT false,
  stream_version  integer NOT NULL
);

CREATE TABLE role_assignments (
  id              text PRIMARY KEY,
  user_id         text NOT NULL REFERENCES users (id),
  role            text NOT NULL,
  body            text,
  organisation_id text,
  seat            text,
  valid_from      date NOT NULL,
  valid_to        date
);
CREATE INDEX role_assignments_user_idx ON role_assignments (user_id);

CREATE TABLE credentials (
  user_id       text PRIMARY KEY,
  password_hash text        NOT NULL,
  changed_at    timestamptz NOT NULL
);

-- The cookie carries a random id; only its SHA-256 is stored.
CREATE TABLE sessions (
  id_hash      text PRIMARY KEY,
  user_id      text        NOT NULL,
  created_at   timestamptz NOT NULL,
  expires_at   timestamptz NOT NULL,
  last_seen_at timestamptz NOT NULL
);
CREATE INDEX sessions_user_idx ON sessions (user_id);

CREATE TABLE api_tokens (
  id          text PRIMARY KEY,
  user_id     text        NOT NULL,
  token_hash  text        NOT NULL UNIQUE,
  label       text        NOT NULL,
  created_at  timestamptz NOT NULL,
  expires_at  timestamptz,
  revoked_at  timestamptz
);

-- Sign-in failures per account and per address, for the sign-in rate limit.
CREATE TABLE sign_in_throttle (
  key             text PRIMARY KEY,
  failures        integer     NOT NULL,
  window_started  timestamptz NOT NULL
);

-- SECMOD_CLOCK=manual: the time set by `secmod clock set` or PUT /api/v1/admin/clock,
-- shared by every secmod process on the database.
CREATE TABLE manual_clock (
  id      smallint PRIMARY KEY CHECK (id = 1),
  instant timestamptz NOT NULL
);
