-- Tables every service schema has: the transactional outbox, the consumer dedupe log and the
-- idempotency keys. Run by platform's own Flyway history (platform_schema_history) before the
-- service's migrations; ${schema} and ${app_role} are Flyway placeholders.

-- The role requests run as: not the owner, so row level security applies to it.
DO $$
BEGIN
  CREATE ROLE ${app_role} NOLOGIN;
EXCEPTION WHEN duplicate_object THEN NULL;
END $$;
GRANT ${app_role} TO CURRENT_USER;
GRANT USAGE ON SCHEMA ${schema} TO ${app_role};

-- The acting user of the current transaction (set by the service per request).
CREATE FUNCTION ${schema}.current_user_id() RETURNS uuid
  LANGUAGE sql STABLE
  AS $$ SELECT nullif(current_setting('app.user_id', true), '')::uuid $$;

CREATE TABLE ${schema}.outbox (
  position    bigserial PRIMARY KEY,
  record_id   uuid        NOT NULL UNIQUE,
  topic       text        NOT NULL,
  record_key  text        NOT NULL,
  record_type text        NOT NULL,
  payload     jsonb       NOT NULL,
  created_at  timestamptz NOT NULL DEFAULT now()
);
GRANT INSERT ON ${schema}.outbox TO ${app_role};
GRANT USAGE ON SEQUENCE ${schema}.outbox_position_seq TO ${app_role};

-- Wakes the relay when the writing transaction commits (NOTIFY is delivered at commit).
CREATE FUNCTION ${schema}.notify_outbox() RETURNS trigger
  LANGUAGE plpgsql
  AS $$ BEGIN PERFORM pg_notify('fashionos_outbox', TG_TABLE_SCHEMA); RETURN NULL; END $$;
CREATE TRIGGER outbox_notify AFTER INSERT ON ${schema}.outbox
  FOR EACH STATEMENT EXECUTE FUNCTION ${schema}.notify_outbox();

-- Records a consumer has applied; inserted in the same transaction as the effect.
CREATE TABLE ${schema}.processed_records (
  record_id    uuid PRIMARY KEY,
  topic        text        NOT NULL,
  processed_at timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE ${schema}.idempotency_keys (
  user_id       uuid        NOT NULL,
  key           text        NOT NULL,
  request_hash  text        NOT NULL,
  status_code   integer,
  response      jsonb,
  claimed_at    timestamptz NOT NULL DEFAULT now(),
  completed_at  timestamptz,
  PRIMARY KEY (user_id, key)
);
ALTER TABLE ${schema}.idempotency_keys ENABLE ROW LEVEL SECURITY;
CREATE POLICY own_keys ON ${schema}.idempotency_keys
  USING (user_id = ${schema}.current_user_id()) WITH CHECK (user_id = ${schema}.current_user_id());
GRANT SELECT, INSERT, UPDATE, DELETE ON ${schema}.idempotency_keys TO ${app_role};
