-- Each person's notifications inbox: what concerns them rather than the whole team (a task
-- assigned to them, being added to an event's team), kept so someone offline when it happened
-- still learns of it. Written by the inbox projection from the change records; the person marks
-- them read.
CREATE TABLE notifications (
  id               uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  user_id          uuid NOT NULL,
  event_id         uuid NOT NULL REFERENCES events (id) ON DELETE CASCADE,
  kind             text NOT NULL CHECK (kind IN ('task_assigned', 'added_to_event')),
  -- What the notification is about: the task (task_assigned), the role on the team (added_to_event).
  task_id          uuid,
  task_name        text,
  role             text,
  actor            uuid,
  acted_at         timestamptz NOT NULL,
  -- The change record it comes from: one notification per change, however often it is delivered.
  source_record_id uuid NOT NULL UNIQUE,
  created_at       timestamptz NOT NULL DEFAULT now(),
  read_at          timestamptz
);
-- The inbox is read latest acted first (as the activity feed), often only what is unread.
CREATE INDEX notifications_user_newest_idx ON notifications (user_id, acted_at DESC, created_at DESC, id DESC);
CREATE INDEX notifications_user_unread_idx ON notifications (user_id, acted_at DESC, created_at DESC, id DESC)
  WHERE read_at IS NULL;

-- A notification as the inbox lists it: one definition for the API and the change records.
CREATE VIEW notification_items WITH (security_invoker = true) AS
SELECT n.id, n.user_id, n.event_id, n.acted_at, n.created_at, n.read_at,
       jsonb_build_object('id', n.id, 'kind', n.kind, 'user_id', n.user_id, 'event_id', n.event_id,
                          'event_name', e.name, 'task_id', n.task_id, 'task_name', n.task_name, 'role', n.role,
                          'actor', n.actor,
                          'actor_name', (SELECT coalesce(p.full_name, p.email) FROM profiles p WHERE p.id = n.actor),
                          'record_id', n.source_record_id, 'acted_at', n.acted_at, 'created_at', n.created_at,
                          'read_at', n.read_at) AS item
FROM notifications n JOIN events e ON e.id = n.event_id;

-- A person reads and marks only their own, and only of events they may still read (removed from
-- the team: that event's notifications are gone with it).
ALTER TABLE notifications ENABLE ROW LEVEL SECURITY;
CREATE POLICY notifications_own_read ON notifications FOR SELECT
  USING (user_id = current_user_id() AND is_event_member(event_id));
CREATE POLICY notifications_own_mark ON notifications FOR UPDATE
  USING (user_id = current_user_id() AND is_event_member(event_id))
  WITH CHECK (user_id = current_user_id() AND is_event_member(event_id));
GRANT SELECT ON notifications, notification_items TO ${app_role};
GRANT UPDATE (read_at) ON notifications TO ${app_role};
