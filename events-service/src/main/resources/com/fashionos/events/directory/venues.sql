-- name: count
SELECT count(*) AS total FROM venues
WHERE $1::text IS NULL OR strpos(lower(name), lower($1)) > 0 OR strpos(lower(location), lower($1)) > 0

-- name: page
SELECT coalesce(jsonb_agg(to_jsonb(v.*) ORDER BY lower(v.name), v.id), '[]'::jsonb) AS items
FROM (SELECT * FROM venues
      WHERE $1::text IS NULL OR strpos(lower(name), lower($1)) > 0 OR strpos(lower(location), lower($1)) > 0
      ORDER BY lower(name), id LIMIT $2 OFFSET $3) v

-- name: find
SELECT to_jsonb(v.*) AS row FROM venues v WHERE v.id = $1

-- name: lock
SELECT to_jsonb(v.*) AS row FROM venues v WHERE v.id = $1 FOR UPDATE

-- name: insert
INSERT INTO venues (name, location, address, capacity, layout_options, amenities, pricing_tiers, floor_plan_url,
                    technical_specs)
VALUES ($1, $2, $3, $4, coalesce($5, '{}'::text[]), coalesce($6, '{}'::text[]), $7, $8, $9)
RETURNING to_jsonb(venues.*) AS row

-- name: update
UPDATE venues SET
  name            = CASE WHEN $2  THEN $3 ELSE name END,
  location        = CASE WHEN $4  THEN $5 ELSE location END,
  address         = CASE WHEN $6  THEN $7 ELSE address END,
  capacity        = CASE WHEN $8  THEN $9 ELSE capacity END,
  layout_options  = CASE WHEN $10 THEN coalesce($11, '{}'::text[]) ELSE layout_options END,
  amenities       = CASE WHEN $12 THEN coalesce($13, '{}'::text[]) ELSE amenities END,
  pricing_tiers   = CASE WHEN $14 THEN $15 ELSE pricing_tiers END,
  floor_plan_url  = CASE WHEN $16 THEN $17 ELSE floor_plan_url END,
  technical_specs = CASE WHEN $18 THEN $19 ELSE technical_specs END
WHERE id = $1
RETURNING to_jsonb(venues.*) AS row

-- name: delete
DELETE FROM venues WHERE id = $1 RETURNING to_jsonb(venues.*) AS row
