-- Standalone identity: people who sign up with e-mail and password, and their refresh tokens.
-- Only the gateway's identity endpoints use this schema, as its owner; there is no per-user
-- row level security here (every statement is already scoped to one user by the code path).

CREATE TABLE users (
  id              uuid PRIMARY KEY,
  email           text        NOT NULL,
  password_hash   text        NOT NULL,
  -- Supabase's user_metadata: what the client sent as signup "data" (full_name, ...).
  user_metadata   jsonb       NOT NULL DEFAULT '{}'::jsonb,
  created_at      timestamptz NOT NULL DEFAULT now(),
  updated_at      timestamptz NOT NULL DEFAULT now(),
  last_sign_in_at timestamptz
);
-- One account per address, whatever its case.
CREATE UNIQUE INDEX users_email_key ON users (lower(email));

-- A refresh token is stored only as its SHA-256; each use revokes it and issues the next one of
-- the same session, so a revoked token seen again means it was copied: the session is ended.
CREATE TABLE refresh_tokens (
  token_hash  bytea PRIMARY KEY,
  user_id     uuid        NOT NULL REFERENCES users (id) ON DELETE CASCADE,
  session_id  uuid        NOT NULL,
  created_at  timestamptz NOT NULL DEFAULT now(),
  expires_at  timestamptz NOT NULL,
  revoked_at  timestamptz
);
CREATE INDEX refresh_tokens_user ON refresh_tokens (user_id);
CREATE INDEX refresh_tokens_session ON refresh_tokens (session_id);
