-- name: count
SELECT count(*) AS total FROM designers
WHERE $1::text IS NULL OR strpos(lower(name), lower($1)) > 0 OR strpos(lower(brand_name), lower($1)) > 0
   OR lower($1) = ANY (style_tags)

-- name: page
SELECT coalesce(jsonb_agg(to_jsonb(d.*) ORDER BY lower(d.name), d.id), '[]'::jsonb) AS items
FROM (SELECT * FROM designers
      WHERE $1::text IS NULL OR strpos(lower(name), lower($1)) > 0 OR strpos(lower(brand_name), lower($1)) > 0
         OR lower($1) = ANY (style_tags)
      ORDER BY lower(name), id LIMIT $2 OFFSET $3) d

-- name: find
SELECT to_jsonb(d.*) AS row FROM designers d WHERE d.id = $1

-- name: lock
SELECT to_jsonb(d.*) AS row FROM designers d WHERE d.id = $1 FOR UPDATE

-- name: insert
INSERT INTO designers (name, brand_name, bio, style_tags, location, website, instagram, portfolio_url,
                       profile_image_url)
VALUES ($1, $2, $3, coalesce($4, '{}'::text[]), $5, $6, $7, $8, $9)
RETURNING to_jsonb(designers.*) AS row

-- name: update
UPDATE designers SET
  name              = CASE WHEN $2  THEN $3 ELSE name END,
  brand_name        = CASE WHEN $4  THEN $5 ELSE brand_name END,
  bio               = CASE WHEN $6  THEN $7 ELSE bio END,
  style_tags        = CASE WHEN $8  THEN coalesce($9, '{}'::text[]) ELSE style_tags END,
  location          = CASE WHEN $10 THEN $11 ELSE location END,
  website           = CASE WHEN $12 THEN $13 ELSE website END,
  instagram         = CASE WHEN $14 THEN $15 ELSE instagram END,
  portfolio_url     = CASE WHEN $16 THEN $17 ELSE portfolio_url END,
  profile_image_url = CASE WHEN $18 THEN $19 ELSE profile_image_url END
WHERE id = $1
RETURNING to_jsonb(designers.*) AS row

-- name: delete
DELETE FROM designers WHERE id = $1 RETURNING to_jsonb(designers.*) AS row
