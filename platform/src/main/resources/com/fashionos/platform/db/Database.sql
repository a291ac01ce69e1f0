-- name: act_as_user
-- The request's role (row level security applies to it) and acting user, for this transaction only.
SELECT set_config('role', $1, true), set_config('app.user_id', $2, true)

-- name: mark_processed
INSERT INTO processed_records (consumer, record_id, topic) VALUES ($1, $2, $3) ON CONFLICT DO NOTHING
RETURNING record_id

-- name: act_as_service
-- Back to the login user (schema owner or runtime user) for the rest of the transaction (after the user's own change passed
-- row level security), for the derived changes a rule makes to rows the user may not touch.
SELECT set_config('role', 'none', true)
