-- name: insert_user
-- Nothing is returned when the address is taken (in any letter case).
INSERT INTO users (id, email, password_hash, user_metadata)
VALUES ($1, $2, $3, $4)
ON CONFLICT ((lower(email))) DO NOTHING
RETURNING id, email, user_metadata, created_at, updated_at, last_sign_in_at

-- name: find_by_email
SELECT id, email, password_hash, user_metadata, created_at, updated_at, last_sign_in_at
FROM users WHERE lower(email) = lower($1)

-- name: find_by_id
SELECT id, email, user_metadata, created_at, updated_at, last_sign_in_at FROM users WHERE id = $1

-- name: signed_in
UPDATE users SET last_sign_in_at = now() WHERE id = $1
RETURNING id, email, user_metadata, created_at, updated_at, last_sign_in_at

-- name: insert_refresh_token
INSERT INTO refresh_tokens (token_hash, user_id, session_id, expires_at)
VALUES ($1, $2, $3, now() + make_interval(secs => $4))

-- name: use_refresh_token
-- The row lock makes two concurrent refreshes with one token yield one winner.
UPDATE refresh_tokens SET revoked_at = now()
WHERE token_hash = $1 AND revoked_at IS NULL AND expires_at > now()
RETURNING user_id, session_id

-- name: find_refresh_token
SELECT session_id, revoked_at FROM refresh_tokens WHERE token_hash = $1

-- name: revoke_session
UPDATE refresh_tokens SET revoked_at = now() WHERE session_id = $1 AND revoked_at IS NULL

-- name: revoke_user
UPDATE refresh_tokens SET revoked_at = now() WHERE user_id = $1 AND revoked_at IS NULL

-- name: revoke_other_sessions
UPDATE refresh_tokens SET revoked_at = now() WHERE user_id = $1 AND session_id <> $2 AND revoked_at IS NULL

-- name: delete_expired
-- Revoked rows stay until they expire so a replayed token is still recognised.
DELETE FROM refresh_tokens WHERE user_id = $1 AND expires_at <= now()
