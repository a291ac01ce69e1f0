-- The read model of events-service's events, memberships and people that a service keeps (from
-- fashionos.events.v1, or seeded on demand) for its row level security. Written only by
-- com.fashionos.platform.membership.EventMembershipReadModel, as the schema owner.

CREATE TABLE events (
  id          uuid PRIMARY KEY,
  name        text,
  start_date  timestamptz NOT NULL,
  end_date    timestamptz,
  status      text NOT NULL,
  created_by  uuid
);
CREATE TABLE event_members (
  event_id     uuid NOT NULL,
  user_id      uuid NOT NULL,
  role         text NOT NULL,
  permissions  text NOT NULL,
  PRIMARY KEY (event_id, user_id)
);
CREATE INDEX event_members_user_idx ON event_members (user_id);
CREATE TABLE people (
  id          uuid PRIMARY KEY,
  name        text,
  avatar_url  text
);

-- A member of the event's team, or the one who created it (before the team row arrives).
CREATE FUNCTION is_event_member(e uuid) RETURNS boolean
  LANGUAGE sql STABLE SECURITY DEFINER SET search_path = ${schema}
  AS $$ SELECT EXISTS (SELECT 1 FROM event_members WHERE event_id = e AND user_id = current_user_id())
            OR EXISTS (SELECT 1 FROM events WHERE id = e AND created_by = current_user_id()) $$;

ALTER TABLE events ENABLE ROW LEVEL SECURITY;
CREATE POLICY events_read ON events FOR SELECT USING (is_event_member(id));
ALTER TABLE event_members ENABLE ROW LEVEL SECURITY;
CREATE POLICY members_read ON event_members FOR SELECT USING (is_event_member(event_id));
ALTER TABLE people ENABLE ROW LEVEL SECURITY;
CREATE POLICY people_read ON people FOR SELECT USING (true);
GRANT SELECT ON events, event_members, people TO ${app_role};
