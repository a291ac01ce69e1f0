-- files-service: the metadata of every stored object (the bytes live in the S3 buckets of spec
-- section 7) and the event's contracts (spec section 4, table 8). The membership read model
-- (events, event_members, people, is_event_member) comes from platform's db/membership.

CREATE TYPE file_bucket AS ENUM ('event-images', 'event-documents', 'event-media');
CREATE TYPE contract_type AS ENUM ('sponsor', 'designer', 'venue', 'vendor', 'model', 'staff');
CREATE TYPE contract_status AS ENUM ('draft', 'pending_review', 'pending_signature', 'signed', 'active', 'expired',
  'terminated');
CREATE TYPE key_terms_status AS ENUM ('not_applicable', 'pending', 'extracted', 'failed');

CREATE FUNCTION touch_row() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  NEW.updated_at := now();
  NEW.version := OLD.version + 1;
  RETURN NEW;
END $$;

CREATE TABLE files (
  id             uuid PRIMARY KEY,
  event_id       uuid NOT NULL,
  bucket         file_bucket NOT NULL,
  object_key     text NOT NULL UNIQUE,
  file_name      text NOT NULL CHECK (length(file_name) BETWEEN 1 AND 255),
  content_type   text NOT NULL,
  size_bytes     bigint NOT NULL CHECK (size_bytes > 0),
  sha256         text NOT NULL CHECK (sha256 ~ '^[0-9a-f]{64}$'),
  public         boolean NOT NULL,
  uploaded_by    uuid NOT NULL,
  created_at     timestamptz NOT NULL DEFAULT now(),
  version        bigint NOT NULL DEFAULT 1
);
CREATE INDEX files_event_idx ON files (event_id, created_at DESC);

-- Per event: whether event-media is public (spec: "depends on event settings"), its quota.
CREATE TABLE event_storage (
  event_id          uuid PRIMARY KEY,
  media_public      boolean NOT NULL DEFAULT false,
  -- The last usage level a warning was published for, so it is published once per crossing.
  warned_at_percent integer NOT NULL DEFAULT 0
);

CREATE TABLE contracts (
  id                uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  event_id          uuid NOT NULL,
  contract_type     contract_type NOT NULL,
  party_name        text NOT NULL CHECK (length(party_name) BETWEEN 1 AND 200),
  party_id          uuid,
  status            contract_status NOT NULL DEFAULT 'draft',
  amount            numeric(14,2) CHECK (amount >= 0),
  currency          text NOT NULL DEFAULT 'USD' CHECK (currency ~ '^[A-Z]{3}$'),
  key_terms         jsonb NOT NULL DEFAULT '{}',
  key_terms_status  key_terms_status NOT NULL DEFAULT 'not_applicable',
  file_id           uuid REFERENCES files (id),
  signed_date       timestamptz,
  expiration_date   timestamptz CHECK (expiration_date >= signed_date),
  created_by        uuid,
  created_at        timestamptz NOT NULL DEFAULT now(),
  updated_at        timestamptz NOT NULL DEFAULT now(),
  version           bigint NOT NULL DEFAULT 1
);
CREATE INDEX contracts_event_idx ON contracts (event_id, created_at DESC);
CREATE TRIGGER contracts_touch BEFORE UPDATE ON contracts FOR EACH ROW EXECUTE FUNCTION touch_row();

---------------------------------------------------------------------------------------------
-- Row level security from the membership read model (spec section 7's policies).
---------------------------------------------------------------------------------------------
CREATE FUNCTION is_files_lead(e uuid) RETURNS boolean
  LANGUAGE sql STABLE SECURITY DEFINER SET search_path = ${schema}
  AS $$ SELECT EXISTS (SELECT 1 FROM event_members WHERE event_id = e AND user_id = current_user_id()
                         AND (role = 'event_lead' OR permissions = 'admin')) $$;

-- Documents are read by members with edit or admin permissions (and the lead).
CREATE FUNCTION can_read_documents(e uuid) RETURNS boolean
  LANGUAGE sql STABLE SECURITY DEFINER SET search_path = ${schema}
  AS $$ SELECT EXISTS (SELECT 1 FROM event_members WHERE event_id = e AND user_id = current_user_id()
                         AND (role = 'event_lead' OR permissions IN ('admin', 'edit'))) $$;

ALTER TABLE files ENABLE ROW LEVEL SECURITY;
CREATE POLICY files_read ON files FOR SELECT USING (
  CASE WHEN bucket = 'event-documents' THEN can_read_documents(event_id) ELSE public OR is_event_member(event_id) END);
CREATE POLICY files_upload ON files FOR INSERT WITH CHECK (uploaded_by = current_user_id() AND
  CASE WHEN bucket = 'event-documents' THEN is_files_lead(event_id) ELSE is_event_member(event_id) END);
CREATE POLICY files_remove ON files FOR DELETE USING (
  CASE WHEN bucket = 'event-documents' THEN is_files_lead(event_id)
       ELSE uploaded_by = current_user_id() OR is_files_lead(event_id) END);

ALTER TABLE event_storage ENABLE ROW LEVEL SECURITY;
CREATE POLICY storage_read ON event_storage FOR SELECT USING (is_event_member(event_id));

-- Contracts are documents: read like them, written by the lead.
ALTER TABLE contracts ENABLE ROW LEVEL SECURITY;
CREATE POLICY contracts_read ON contracts FOR SELECT USING (can_read_documents(event_id));
CREATE POLICY contracts_create ON contracts FOR INSERT WITH CHECK (is_files_lead(event_id));
CREATE POLICY contracts_change ON contracts FOR UPDATE USING (is_files_lead(event_id)) WITH CHECK (is_files_lead(event_id));
CREATE POLICY contracts_remove ON contracts FOR DELETE USING (is_files_lead(event_id));

GRANT SELECT, INSERT, DELETE ON files TO ${app_role};
GRANT SELECT ON event_storage TO ${app_role};
GRANT SELECT, INSERT, UPDATE, DELETE ON contracts TO ${app_role};
