-- name: member_with_email
SELECT 1 FROM event_team t JOIN profiles p ON p.id = t.user_id WHERE t.event_id = $1 AND lower(p.email) = lower($2)

-- name: retire_expired
-- An expired invitation no longer holds the address's one open place.
UPDATE team_invitations SET revoked_at = now()
WHERE event_id = $1 AND lower(email) = lower($2) AND accepted_at IS NULL AND revoked_at IS NULL AND expires_at <= now()

-- name: invite
-- Nothing is returned while the address has an open invitation to the event.
INSERT INTO team_invitations (event_id, email, role, permissions, token_hash, invited_by, expires_at)
VALUES ($1, $2, $3::team_role, $4::team_permission, sha256(convert_to($5, 'UTF8')), $6, now() + make_interval(secs => $7))
ON CONFLICT (event_id, lower(email)) WHERE accepted_at IS NULL AND revoked_at IS NULL DO NOTHING
RETURNING to_jsonb(team_invitations.*) - 'token_hash' - 'accepted_at' - 'accepted_by' - 'revoked_at'
          || '{"status": "pending"}'::jsonb AS invitation

-- name: list
SELECT coalesce(jsonb_agg(to_jsonb(i.*) - 'token_hash' - 'accepted_at' - 'accepted_by' - 'revoked_at'
                          || jsonb_build_object('status', CASE WHEN i.expires_at <= now() THEN 'expired' ELSE 'pending' END)
                          ORDER BY i.created_at, i.id), '[]'::jsonb) AS invitations
FROM team_invitations i WHERE i.event_id = $1 AND i.accepted_at IS NULL AND i.revoked_at IS NULL

-- name: revoke
UPDATE team_invitations SET revoked_at = now()
WHERE event_id = $1 AND id = $2 AND accepted_at IS NULL AND revoked_at IS NULL
RETURNING id

-- name: accept
SELECT accept_team_invitation($1) AS result
