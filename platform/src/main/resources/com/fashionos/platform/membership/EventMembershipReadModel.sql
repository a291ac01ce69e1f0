-- name: upsert_event
INSERT INTO events (id, name, start_date, end_date, status, created_by) VALUES ($1, $2, $3, $4, $5, $6)
ON CONFLICT (id) DO UPDATE SET name = EXCLUDED.name, start_date = EXCLUDED.start_date, end_date = EXCLUDED.end_date,
  status = EXCLUDED.status, created_by = EXCLUDED.created_by

-- name: upsert_member
INSERT INTO event_members (event_id, user_id, role, permissions) VALUES ($1, $2, $3, $4)
ON CONFLICT (event_id, user_id) DO UPDATE SET role = EXCLUDED.role, permissions = EXCLUDED.permissions

-- name: delete_member
DELETE FROM event_members WHERE event_id = $1 AND user_id = $2

-- name: upsert_person
INSERT INTO people (id, name, avatar_url) VALUES ($1, $2, $3)
ON CONFLICT (id) DO UPDATE SET name = EXCLUDED.name, avatar_url = EXCLUDED.avatar_url

-- name: is_member
SELECT is_event_member($1) AS member

-- name: has_membership
-- The caller's own membership row (an event row alone may have arrived before it), and whether
-- the event is archived (row level security: only for those who may see it).
SELECT EXISTS (SELECT 1 FROM event_members WHERE event_id = $1 AND user_id = current_user_id()) AS member,
       EXISTS (SELECT 1 FROM events WHERE id = $1 AND status = 'archived') AS archived

-- name: is_archived
SELECT EXISTS (SELECT 1 FROM events WHERE id = $1 AND status = 'archived') AS archived
