-- name: names
-- Everything a feed entry may mention, in one round trip.
SELECT (SELECT coalesce(full_name, split_part(email, '@', 1)) FROM profiles WHERE id = $1) AS actor,
       (SELECT coalesce(full_name, email) FROM profiles WHERE id = $2) AS member,
       (SELECT company_name FROM sponsors WHERE id = $3) AS sponsor,
       (SELECT name FROM designers WHERE id = $4) AS designer

-- name: insert_entry
-- Skips records of events this service does not know (nothing to attach them to).
INSERT INTO activity_logs (event_id, user_id, action_type, description, metadata, source_record_id, acted_at)
SELECT $1, $2, $3, $4, $5, $6, $7 WHERE EXISTS (SELECT 1 FROM events WHERE id = $1)
ON CONFLICT (source_record_id) DO NOTHING
RETURNING to_jsonb(activity_logs.*) AS row

-- name: page
-- Latest acted first (an offline replay lands where the user acted, not where it arrived), ties by
-- arrival. $2-$4 is the cursor: everything after it in that order; a plain date-time has no
-- arrival time or id, and then means everything acted before it.
SELECT coalesce(jsonb_agg(entry ORDER BY acted_at DESC, created_at DESC, id DESC), '[]'::jsonb) AS activity
FROM (
  SELECT a.id, a.acted_at, a.created_at, a.entry
  FROM activity_entries a
  WHERE a.event_id = $1
    AND ($2::timestamptz IS NULL
         OR (a.acted_at, a.created_at, a.id)
            < ($2, coalesce($3, '-infinity'::timestamptz), coalesce($4, '00000000-0000-0000-0000-000000000000'::uuid)))
  ORDER BY a.acted_at DESC, a.created_at DESC, a.id DESC
  LIMIT $5
) newest

-- name: entry
SELECT a.entry FROM activity_entries a WHERE a.id = $1
