-- name: count
SELECT count(*) AS total FROM sponsors
WHERE $1::text IS NULL OR strpos(lower(company_name), lower($1)) > 0 OR strpos(lower(industry), lower($1)) > 0

-- name: page
SELECT coalesce(jsonb_agg(to_jsonb(s.*) ORDER BY lower(s.company_name), s.id), '[]'::jsonb) AS items
FROM (SELECT * FROM sponsors
      WHERE $1::text IS NULL OR strpos(lower(company_name), lower($1)) > 0 OR strpos(lower(industry), lower($1)) > 0
      ORDER BY lower(company_name), id LIMIT $2 OFFSET $3) s

-- name: find
SELECT to_jsonb(s.*) AS row FROM sponsors s WHERE s.id = $1

-- name: lock
SELECT to_jsonb(s.*) AS row FROM sponsors s WHERE s.id = $1 FOR UPDATE

-- name: insert
INSERT INTO sponsors (company_name, industry, logo_url, website, tier, primary_contact_name, primary_contact_email,
                      primary_contact_phone, notes)
VALUES ($1, $2, $3, $4, $5::sponsor_tier, $6, $7, $8, $9)
RETURNING to_jsonb(sponsors.*) AS row

-- name: update
UPDATE sponsors SET
  company_name          = CASE WHEN $2  THEN $3 ELSE company_name END,
  industry              = CASE WHEN $4  THEN $5 ELSE industry END,
  logo_url              = CASE WHEN $6  THEN $7 ELSE logo_url END,
  website               = CASE WHEN $8  THEN $9 ELSE website END,
  tier                  = CASE WHEN $10 THEN $11::sponsor_tier ELSE tier END,
  primary_contact_name  = CASE WHEN $12 THEN $13 ELSE primary_contact_name END,
  primary_contact_email = CASE WHEN $14 THEN $15 ELSE primary_contact_email END,
  primary_contact_phone = CASE WHEN $16 THEN $17 ELSE primary_contact_phone END,
  notes                 = CASE WHEN $18 THEN $19 ELSE notes END
WHERE id = $1
RETURNING to_jsonb(sponsors.*) AS row

-- name: delete
DELETE FROM sponsors WHERE id = $1 RETURNING to_jsonb(sponsors.*) AS row
