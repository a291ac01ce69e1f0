-- name: find_by_email
SELECT id FROM profiles WHERE lower(email) = lower($1)

-- name: invite
INSERT INTO profiles (id, email, pending) VALUES (gen_random_uuid(), $1, true)
RETURNING to_jsonb(profiles.*) AS row

-- name: link_pending
-- Someone invited by e-mail has signed up: their pending profile becomes theirs (memberships
-- follow through ON UPDATE CASCADE).
UPDATE profiles p SET id = $1, pending = false
FROM (SELECT id AS pending_id FROM profiles WHERE lower(email) = lower($2) AND pending AND id <> $1 FOR UPDATE) o
WHERE p.id = o.pending_id
RETURNING o.pending_id

-- name: memberships_of
SELECT to_jsonb(t.*) AS row FROM event_team t WHERE t.user_id = $1

-- name: sync
INSERT INTO profiles (id, email, full_name, avatar_url) VALUES ($1, $2, $3, $4)
ON CONFLICT (id) DO UPDATE
  SET email = EXCLUDED.email,
      full_name = coalesce(EXCLUDED.full_name, profiles.full_name),
      avatar_url = coalesce(EXCLUDED.avatar_url, profiles.avatar_url),
      pending = false
  WHERE (profiles.email, profiles.full_name, profiles.avatar_url, profiles.pending)
        IS DISTINCT FROM (EXCLUDED.email, coalesce(EXCLUDED.full_name, profiles.full_name),
                          coalesce(EXCLUDED.avatar_url, profiles.avatar_url), false)
RETURNING to_jsonb(profiles.*) AS row, (xmax = 0) AS inserted
