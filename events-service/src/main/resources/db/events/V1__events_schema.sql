-- events-service: events, their team, sponsor and designer links, the directories (sponsors,
-- designers, venues), the user directory (profiles) and the activity feed. Spec section 4.

CREATE TYPE event_type AS ENUM ('runway_show', 'brand_activation', 'pop_up', 'trunk_show', 'fashion_week',
  'panel', 'launch_party');
CREATE TYPE event_status AS ENUM ('draft', 'planning', 'confirmed', 'in_progress', 'completed', 'archived',
  'cancelled');
CREATE TYPE team_role AS ENUM ('event_lead', 'creative_director', 'production_manager', 'casting_director',
  'sponsor_liaison', 'marketing_lead', 'venue_coordinator', 'custom');
CREATE TYPE team_permission AS ENUM ('admin', 'edit', 'view_only');
CREATE TYPE sponsor_tier AS ENUM ('platinum', 'gold', 'silver', 'bronze');
CREATE TYPE sponsorship_tier AS ENUM ('platinum', 'gold', 'silver', 'bronze', 'custom');
CREATE TYPE sponsorship_status AS ENUM ('pending', 'confirmed', 'signed', 'active', 'completed');
CREATE TYPE invitation_status AS ENUM ('sent', 'opened', 'accepted', 'declined', 'no_response');

-- Keeps updated_at and the row version right whatever code writes the row.
CREATE FUNCTION touch_row() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  NEW.updated_at := now();
  NEW.version := OLD.version + 1;
  RETURN NEW;
END $$;

-- The user directory: one row per person (id = their token's subject). A person added to a team
-- by e-mail before signing up gets a pending row, re-keyed to their real id when they arrive.
CREATE TABLE profiles (
  id          uuid PRIMARY KEY,
  email       text CHECK (length(email) <= 320),
  full_name   text CHECK (length(full_name) <= 200),
  avatar_url  text CHECK (length(avatar_url) <= 2048),
  pending     boolean     NOT NULL DEFAULT false,
  created_at  timestamptz NOT NULL DEFAULT now(),
  updated_at  timestamptz NOT NULL DEFAULT now(),
  version     bigint      NOT NULL DEFAULT 1
);
CREATE UNIQUE INDEX profiles_email_idx ON profiles (lower(email));
CREATE TRIGGER profiles_touch BEFORE UPDATE ON profiles FOR EACH ROW EXECUTE FUNCTION touch_row();

CREATE TABLE venues (
  id               uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  name             text NOT NULL CHECK (length(name) BETWEEN 1 AND 200),
  location         text CHECK (length(location) <= 200),
  address          text CHECK (length(address) <= 500),
  capacity         integer CHECK (capacity >= 0),
  layout_options   text[] NOT NULL DEFAULT '{}',
  amenities        text[] NOT NULL DEFAULT '{}',
  pricing_tiers    jsonb,
  floor_plan_url   text CHECK (length(floor_plan_url) <= 2048),
  technical_specs  jsonb,
  created_at       timestamptz NOT NULL DEFAULT now(),
  updated_at       timestamptz NOT NULL DEFAULT now(),
  version          bigint      NOT NULL DEFAULT 1
);
CREATE INDEX venues_name_idx ON venues (lower(name));
CREATE TRIGGER venues_touch BEFORE UPDATE ON venues FOR EACH ROW EXECUTE FUNCTION touch_row();

CREATE TABLE sponsors (
  id                    uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  company_name          text NOT NULL CHECK (length(company_name) BETWEEN 1 AND 200),
  industry              text CHECK (length(industry) <= 100),
  logo_url              text CHECK (length(logo_url) <= 2048),
  website               text CHECK (length(website) <= 2048),
  tier                  sponsor_tier,
  primary_contact_name  text CHECK (length(primary_contact_name) <= 200),
  primary_contact_email text CHECK (length(primary_contact_email) <= 320),
  primary_contact_phone text CHECK (length(primary_contact_phone) <= 50),
  notes                 text CHECK (length(notes) <= 5000),
  created_at            timestamptz NOT NULL DEFAULT now(),
  updated_at            timestamptz NOT NULL DEFAULT now(),
  version               bigint      NOT NULL DEFAULT 1
);
CREATE UNIQUE INDEX sponsors_company_name_key ON sponsors (lower(company_name));
CREATE TRIGGER sponsors_touch BEFORE UPDATE ON sponsors FOR EACH ROW EXECUTE FUNCTION touch_row();

CREATE TABLE designers (
  id                 uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  name               text NOT NULL CHECK (length(name) BETWEEN 1 AND 200),
  brand_name         text CHECK (length(brand_name) <= 200),
  bio                text CHECK (length(bio) <= 1000),
  style_tags         text[] NOT NULL DEFAULT '{}',
  location           text CHECK (length(location) <= 200),
  website            text CHECK (length(website) <= 2048),
  instagram          text CHECK (length(instagram) <= 200),
  portfolio_url      text CHECK (length(portfolio_url) <= 2048),
  profile_image_url  text CHECK (length(profile_image_url) <= 2048),
  created_at         timestamptz NOT NULL DEFAULT now(),
  updated_at         timestamptz NOT NULL DEFAULT now(),
  version            bigint      NOT NULL DEFAULT 1
);
CREATE INDEX designers_name_idx ON designers (lower(name));
CREATE TRIGGER designers_touch BEFORE UPDATE ON designers FOR EACH ROW EXECUTE FUNCTION touch_row();

CREATE TABLE events (
  id                    uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  name                  text NOT NULL CHECK (length(name) BETWEEN 1 AND 200),
  type                  event_type NOT NULL,
  description           text CHECK (length(description) <= 2000),
  goals                 text[] NOT NULL DEFAULT '{}',
  start_date            timestamptz NOT NULL,
  end_date              timestamptz CHECK (end_date >= start_date),
  timezone              text NOT NULL DEFAULT 'UTC' CHECK (length(timezone) <= 64),
  venue_id              uuid REFERENCES venues (id),
  backup_venue_id       uuid REFERENCES venues (id),
  status                event_status NOT NULL DEFAULT 'draft',
  -- Where restore returns an archived event to.
  status_before_archive event_status,
  progress_percentage   integer NOT NULL DEFAULT 0 CHECK (progress_percentage BETWEEN 0 AND 100),
  target_attendees      integer CHECK (target_attendees >= 0),
  actual_attendees      integer CHECK (actual_attendees >= 0),
  created_by            uuid NOT NULL REFERENCES profiles (id) ON UPDATE CASCADE,
  -- Per field, when the user who last changed it acted: last writer wins by that time.
  field_times           jsonb NOT NULL DEFAULT '{}',
  created_at            timestamptz NOT NULL DEFAULT now(),
  updated_at            timestamptz NOT NULL DEFAULT now(),
  version               bigint      NOT NULL DEFAULT 1
);
CREATE INDEX events_created_by_idx ON events (created_by);
CREATE INDEX events_status_idx ON events (status);
CREATE INDEX events_start_date_idx ON events (start_date);
CREATE INDEX events_venue_idx ON events (venue_id);
CREATE INDEX events_backup_venue_idx ON events (backup_venue_id);
CREATE TRIGGER events_touch BEFORE UPDATE ON events FOR EACH ROW EXECUTE FUNCTION touch_row();

CREATE TABLE event_team (
  id           uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  event_id     uuid NOT NULL REFERENCES events (id) ON DELETE CASCADE,
  user_id      uuid NOT NULL REFERENCES profiles (id) ON UPDATE CASCADE,
  role         team_role NOT NULL,
  permissions  team_permission NOT NULL DEFAULT 'view_only',
  -- clock_timestamp: members added in one transaction keep the order they were added in.
  assigned_at  timestamptz NOT NULL DEFAULT clock_timestamp(),
  updated_at   timestamptz NOT NULL DEFAULT now(),
  version      bigint      NOT NULL DEFAULT 1,
  UNIQUE (event_id, user_id)
);
CREATE INDEX team_event_id_idx ON event_team (event_id);
CREATE INDEX team_user_id_idx ON event_team (user_id);
CREATE TRIGGER event_team_touch BEFORE UPDATE ON event_team FOR EACH ROW EXECUTE FUNCTION touch_row();

CREATE TABLE event_sponsors (
  id                  uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  event_id            uuid NOT NULL REFERENCES events (id) ON DELETE CASCADE,
  sponsor_id          uuid NOT NULL REFERENCES sponsors (id),
  tier                sponsorship_tier,
  sponsorship_amount  numeric(14, 2) CHECK (sponsorship_amount >= 0),
  currency            text NOT NULL DEFAULT 'USD' CHECK (currency ~ '^[A-Z]{3}$'),
  -- A contract of files-service: another service's row, so no foreign key.
  contract_id         uuid,
  status              sponsorship_status NOT NULL DEFAULT 'pending',
  created_at          timestamptz NOT NULL DEFAULT now(),
  updated_at          timestamptz NOT NULL DEFAULT now(),
  version             bigint      NOT NULL DEFAULT 1,
  UNIQUE (event_id, sponsor_id)
);
CREATE INDEX event_sponsors_event_id_idx ON event_sponsors (event_id);
CREATE INDEX event_sponsors_sponsor_id_idx ON event_sponsors (sponsor_id);
CREATE TRIGGER event_sponsors_touch BEFORE UPDATE ON event_sponsors FOR EACH ROW EXECUTE FUNCTION touch_row();

CREATE TABLE event_designers (
  id                 uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  event_id           uuid NOT NULL REFERENCES events (id) ON DELETE CASCADE,
  designer_id        uuid NOT NULL REFERENCES designers (id),
  invitation_status  invitation_status NOT NULL DEFAULT 'sent',
  invited_at         timestamptz NOT NULL DEFAULT now(),
  responded_at       timestamptz,
  number_of_looks    integer CHECK (number_of_looks >= 0),
  show_order         integer CHECK (show_order >= 0),
  updated_at         timestamptz NOT NULL DEFAULT now(),
  version            bigint      NOT NULL DEFAULT 1,
  UNIQUE (event_id, designer_id)
);
CREATE INDEX event_designers_event_id_idx ON event_designers (event_id);
CREATE INDEX event_designers_designer_id_idx ON event_designers (designer_id);
CREATE TRIGGER event_designers_touch BEFORE UPDATE ON event_designers FOR EACH ROW EXECUTE FUNCTION touch_row();

-- A teammate as every answer shows them: the membership with the person's name.
CREATE VIEW team_members WITH (security_invoker = true) AS
SELECT t.event_id, t.id, t.assigned_at,
       jsonb_build_object('user_id', t.user_id, 'name', coalesce(p.full_name, p.email), 'email', p.email,
                          'avatar_url', p.avatar_url, 'role', t.role, 'permissions', t.permissions,
                          'pending', p.pending, 'assigned_at', t.assigned_at) AS member
FROM event_team t JOIN profiles p ON p.id = t.user_id;

-- The feed: one human entry per change record of any service, written by the activity projection.
CREATE TABLE activity_logs (
  id               uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  event_id         uuid NOT NULL REFERENCES events (id) ON DELETE CASCADE,
  user_id          uuid,
  action_type      text NOT NULL CHECK (length(action_type) <= 64),
  description      text NOT NULL,
  metadata         jsonb NOT NULL DEFAULT '{}',
  source_record_id uuid NOT NULL UNIQUE,
  acted_at         timestamptz NOT NULL,
  created_at       timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX activity_event_created_idx ON activity_logs (event_id, created_at DESC, id DESC);

-- Read models of the other services' summaries, fed from their topics; empty until they exist.
CREATE TABLE task_summaries (
  event_id    uuid PRIMARY KEY REFERENCES events (id) ON DELETE CASCADE,
  summary     jsonb NOT NULL,
  updated_at  timestamptz NOT NULL DEFAULT now()
);
CREATE TABLE budget_summaries (
  event_id    uuid PRIMARY KEY REFERENCES events (id) ON DELETE CASCADE,
  summary     jsonb NOT NULL,
  updated_at  timestamptz NOT NULL DEFAULT now()
);

-- The last event lead can neither leave nor be demoted: an event always has someone in charge.
CREATE FUNCTION keep_an_event_lead() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF OLD.role = 'event_lead' AND (TG_OP = 'DELETE' OR NEW.role <> 'event_lead')
     AND NOT EXISTS (SELECT 1 FROM event_team t
                     WHERE t.event_id = OLD.event_id AND t.role = 'event_lead' AND t.id <> OLD.id) THEN
    RAISE EXCEPTION 'An event must keep at least one event lead' USING ERRCODE = 'FO409';
  END IF;
  RETURN CASE WHEN TG_OP = 'DELETE' THEN OLD ELSE NEW END;
END $$;
CREATE TRIGGER event_team_keep_lead BEFORE UPDATE OR DELETE ON event_team
  FOR EACH ROW EXECUTE FUNCTION keep_an_event_lead();

---------------------------------------------------------------------------------------------
-- Row level security: the spec's policies. Membership checks are SECURITY DEFINER functions so
-- the policies of events and event_team can refer to each other without recursion.
---------------------------------------------------------------------------------------------
CREATE FUNCTION is_event_member(e uuid) RETURNS boolean
  LANGUAGE sql STABLE SECURITY DEFINER SET search_path = ${schema}
  AS $$ SELECT EXISTS (SELECT 1 FROM event_team WHERE event_id = e AND user_id = current_user_id())
            OR EXISTS (SELECT 1 FROM events WHERE id = e AND created_by = current_user_id()) $$;

CREATE FUNCTION is_event_lead(e uuid) RETURNS boolean
  LANGUAGE sql STABLE SECURITY DEFINER SET search_path = ${schema}
  AS $$ SELECT EXISTS (SELECT 1 FROM event_team WHERE event_id = e AND user_id = current_user_id()
                         AND (role = 'event_lead' OR permissions = 'admin')) $$;

CREATE FUNCTION can_edit_event(e uuid) RETURNS boolean
  LANGUAGE sql STABLE SECURITY DEFINER SET search_path = ${schema}
  AS $$ SELECT EXISTS (SELECT 1 FROM event_team WHERE event_id = e AND user_id = current_user_id()
                         AND (role = 'event_lead' OR permissions IN ('admin', 'edit'))) $$;

-- The creator seats the first lead while the event has no team yet (inside event creation).
CREATE FUNCTION is_creator_of_teamless_event(e uuid) RETURNS boolean
  LANGUAGE sql STABLE SECURITY DEFINER SET search_path = ${schema}
  AS $$ SELECT EXISTS (SELECT 1 FROM events WHERE id = e AND created_by = current_user_id())
           AND NOT EXISTS (SELECT 1 FROM event_team WHERE event_id = e) $$;

ALTER TABLE events ENABLE ROW LEVEL SECURITY;
CREATE POLICY events_read ON events FOR SELECT USING (created_by = current_user_id() OR is_event_member(id));
CREATE POLICY events_create ON events FOR INSERT WITH CHECK (created_by = current_user_id());
CREATE POLICY events_update ON events FOR UPDATE USING (is_event_lead(id)) WITH CHECK (is_event_lead(id));

ALTER TABLE event_team ENABLE ROW LEVEL SECURITY;
CREATE POLICY team_read ON event_team FOR SELECT USING (is_event_member(event_id));
CREATE POLICY team_add ON event_team FOR INSERT
  WITH CHECK (is_event_lead(event_id) OR (is_creator_of_teamless_event(event_id) AND user_id = current_user_id()
                                          AND role = 'event_lead'));
CREATE POLICY team_change ON event_team FOR UPDATE USING (is_event_lead(event_id)) WITH CHECK (is_event_lead(event_id));
-- Leads remove anyone; anyone may leave (the last lead is kept by the trigger above).
CREATE POLICY team_remove ON event_team FOR DELETE USING (is_event_lead(event_id) OR user_id = current_user_id());

ALTER TABLE event_sponsors ENABLE ROW LEVEL SECURITY;
CREATE POLICY event_sponsors_read ON event_sponsors FOR SELECT USING (is_event_member(event_id));
CREATE POLICY event_sponsors_write ON event_sponsors FOR ALL USING (can_edit_event(event_id))
  WITH CHECK (can_edit_event(event_id));

ALTER TABLE event_designers ENABLE ROW LEVEL SECURITY;
CREATE POLICY event_designers_read ON event_designers FOR SELECT USING (is_event_member(event_id));
CREATE POLICY event_designers_write ON event_designers FOR ALL USING (can_edit_event(event_id))
  WITH CHECK (can_edit_event(event_id));

ALTER TABLE activity_logs ENABLE ROW LEVEL SECURITY;
CREATE POLICY activity_read ON activity_logs FOR SELECT USING (is_event_member(event_id));

ALTER TABLE task_summaries ENABLE ROW LEVEL SECURITY;
CREATE POLICY task_summaries_read ON task_summaries FOR SELECT USING (is_event_member(event_id));
ALTER TABLE budget_summaries ENABLE ROW LEVEL SECURITY;
CREATE POLICY budget_summaries_read ON budget_summaries FOR SELECT USING (is_event_member(event_id));

-- Directories: every signed-in user reads and writes them; a referenced row cannot be deleted.
ALTER TABLE sponsors ENABLE ROW LEVEL SECURITY;
CREATE POLICY sponsors_all ON sponsors FOR ALL USING (true) WITH CHECK (true);
ALTER TABLE designers ENABLE ROW LEVEL SECURITY;
CREATE POLICY designers_all ON designers FOR ALL USING (true) WITH CHECK (true);
ALTER TABLE venues ENABLE ROW LEVEL SECURITY;
CREATE POLICY venues_all ON venues FOR ALL USING (true) WITH CHECK (true);

-- Profiles are the user directory (everyone sees names); a pending profile is created by a lead
-- adding a teammate by e-mail; a person's own profile is kept in sync by the service itself.
ALTER TABLE profiles ENABLE ROW LEVEL SECURITY;
CREATE POLICY profiles_read ON profiles FOR SELECT USING (true);
CREATE POLICY profiles_invite ON profiles FOR INSERT WITH CHECK (pending);

GRANT SELECT, INSERT, UPDATE ON events, event_team, event_sponsors, event_designers, sponsors, designers, venues
  TO ${app_role};
GRANT DELETE ON event_team, event_sponsors, event_designers, sponsors, designers, venues TO ${app_role};
GRANT SELECT, INSERT ON profiles TO ${app_role};
GRANT SELECT ON activity_logs, task_summaries, budget_summaries, team_members TO ${app_role};
GRANT EXECUTE ON FUNCTION is_event_member(uuid), is_event_lead(uuid), can_edit_event(uuid),
  is_creator_of_teamless_event(uuid), current_user_id() TO ${app_role};
