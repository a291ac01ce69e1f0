-- name: insert
-- Skips records of events this service does not know (nothing to attach them to); a record seen
-- again adds nothing.
INSERT INTO notifications (user_id, event_id, kind, task_id, task_name, role, actor, acted_at, source_record_id)
SELECT $1, $2, $3, $4, $5, $6, $7, $8, $9 WHERE EXISTS (SELECT 1 FROM events WHERE id = $2)
ON CONFLICT (source_record_id) DO NOTHING
RETURNING id

-- name: items
SELECT item FROM notification_items WHERE id = ANY($1::uuid[])

-- name: page
-- The person's inbox, latest acted first, ties by arrival; $3-$5 is the cursor (as the activity
-- feed's). Row level security leaves out the events they can no longer read.
SELECT coalesce(jsonb_agg(item ORDER BY acted_at DESC, created_at DESC, id DESC), '[]'::jsonb) AS notifications
FROM (
  SELECT item, acted_at, created_at, id
  FROM notification_items
  WHERE user_id = $1 AND (NOT $2 OR read_at IS NULL)
    AND ($3::timestamptz IS NULL
         OR (acted_at, created_at, id)
            < ($3, coalesce($4, '-infinity'::timestamptz), coalesce($5, '00000000-0000-0000-0000-000000000000'::uuid)))
  ORDER BY acted_at DESC, created_at DESC, id DESC
  LIMIT $6
) newest

-- name: unread_count
-- Of the events the person can still read (row level security), as the list.
SELECT count(*) AS unread FROM notifications WHERE user_id = $1 AND read_at IS NULL

-- name: unread_items
-- The person's unread notifications, all of them or those of $2.
SELECT item FROM notification_items
WHERE user_id = $1 AND read_at IS NULL AND ($2::uuid[] IS NULL OR id = ANY($2))

-- name: mark_read
-- Those still unread once the row is locked: marking twice at once marks once.
UPDATE notifications SET read_at = now() WHERE id = ANY($1::uuid[]) AND read_at IS NULL RETURNING id
