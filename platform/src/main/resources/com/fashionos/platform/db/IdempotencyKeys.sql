-- name: claim
INSERT INTO idempotency_keys (user_id, key, request_hash) VALUES ($1, $2, $3)
ON CONFLICT (user_id, key) DO NOTHING
RETURNING key

-- name: find
SELECT request_hash, status_code, response, completed_at, claimed_at < now() - interval '60 seconds' AS stale
FROM idempotency_keys WHERE user_id = $1 AND key = $2

-- name: take_over
UPDATE idempotency_keys SET claimed_at = now() WHERE user_id = $1 AND key = $2 AND completed_at IS NULL

-- name: complete
UPDATE idempotency_keys SET status_code = $3, response = $4, completed_at = now() WHERE user_id = $1 AND key = $2

-- name: release
DELETE FROM idempotency_keys WHERE user_id = $1 AND key = $2 AND completed_at IS NULL

-- name: expire
DELETE FROM idempotency_keys WHERE claimed_at < now() - interval '7 days'
