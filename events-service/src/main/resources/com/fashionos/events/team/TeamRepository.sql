-- name: list_members
SELECT coalesce(jsonb_agg(tm.member ORDER BY tm.member->>'role' = 'event_lead' DESC, tm.assigned_at, tm.id), '[]'::jsonb) AS team
FROM team_members tm WHERE tm.event_id = $1

-- name: member
SELECT tm.member FROM team_members tm JOIN event_team t ON t.id = tm.id WHERE t.event_id = $1 AND t.user_id = $2

-- name: find_member
SELECT to_jsonb(t.*) AS row FROM event_team t WHERE t.event_id = $1 AND t.user_id = $2

-- name: add_member
INSERT INTO event_team (event_id, user_id, role, permissions) VALUES ($1, $2, $3::team_role, $4::team_permission)
RETURNING to_jsonb(event_team.*) AS row

-- name: change_member
UPDATE event_team SET role = coalesce($3::team_role, role), permissions = coalesce($4::team_permission, permissions)
WHERE event_id = $1 AND user_id = $2
RETURNING to_jsonb(event_team.*) AS row

-- name: remove_member
DELETE FROM event_team WHERE event_id = $1 AND user_id = $2 RETURNING to_jsonb(event_team.*) AS row

-- name: user_exists
SELECT 1 FROM profiles WHERE id = $1
