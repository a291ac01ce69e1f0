-- name: sync
INSERT INTO profiles (id, email, full_name, avatar_url) VALUES ($1, $2, $3, $4)
ON CONFLICT (id) DO UPDATE
  SET email = EXCLUDED.email,
      full_name = coalesce(EXCLUDED.full_name, profiles.full_name),
      avatar_url = coalesce(EXCLUDED.avatar_url, profiles.avatar_url)
  WHERE (profiles.email, profiles.full_name, profiles.avatar_url)
        IS DISTINCT FROM (EXCLUDED.email, coalesce(EXCLUDED.full_name, profiles.full_name),
                          coalesce(EXCLUDED.avatar_url, profiles.avatar_url))
RETURNING to_jsonb(profiles.*) AS row, (xmax = 0) AS inserted
