-- name: can_edit
SELECT can_edit_event($1) AS can_edit

-- name: sponsors_of_event
SELECT coalesce(jsonb_agg(v.sponsor_json ORDER BY v.company_name, v.sponsor_id), '[]'::jsonb) AS links
FROM event_sponsor_views v WHERE v.event_id = $1

-- name: sponsor_of_event
SELECT v.sponsor_json AS link FROM event_sponsor_views v WHERE v.event_id = $1 AND v.sponsor_id = $2

-- name: add_sponsor
-- Unset, the sponsorship starts at the sponsor's directory tier, as in the wizard.
INSERT INTO event_sponsors (event_id, sponsor_id, tier, sponsorship_amount, currency, status, contract_id)
SELECT $1, s.id, coalesce($3::sponsorship_tier, s.tier::text::sponsorship_tier), $4::numeric, coalesce($5, 'USD'),
       coalesce($6::sponsorship_status, 'pending'), $7::uuid
FROM sponsors s WHERE s.id = $2
RETURNING to_jsonb(event_sponsors.*) AS row

-- name: lock_sponsor
SELECT es.id, to_jsonb(es.*) AS row FROM event_sponsors es WHERE es.event_id = $1 AND es.sponsor_id = $2 FOR UPDATE

-- name: change_sponsor
UPDATE event_sponsors SET
  tier               = CASE WHEN $2  THEN $3::sponsorship_tier ELSE tier END,
  sponsorship_amount = CASE WHEN $4  THEN $5::numeric ELSE sponsorship_amount END,
  currency           = CASE WHEN $6  THEN $7 ELSE currency END,
  status             = CASE WHEN $8  THEN $9::sponsorship_status ELSE status END,
  contract_id        = CASE WHEN $10 THEN $11::uuid ELSE contract_id END
WHERE id = $1
RETURNING to_jsonb(event_sponsors.*) AS row

-- name: remove_sponsor
DELETE FROM event_sponsors WHERE event_id = $1 AND sponsor_id = $2 RETURNING to_jsonb(event_sponsors.*) AS row

-- name: designers_of_event
SELECT coalesce(jsonb_agg(v.designer_json ORDER BY v.show_order NULLS LAST, v.name, v.designer_id), '[]'::jsonb) AS links
FROM event_designer_views v WHERE v.event_id = $1

-- name: designer_of_event
SELECT v.designer_json AS link FROM event_designer_views v WHERE v.event_id = $1 AND v.designer_id = $2

-- name: add_designer
-- An answer (accepted, declined) given at once is an answer given now.
INSERT INTO event_designers (event_id, designer_id, invitation_status, responded_at, number_of_looks, show_order)
SELECT $1, d.id, coalesce($3::invitation_status, 'sent'),
       CASE WHEN $3::text IN ('accepted', 'declined') THEN now() END, $4::integer, $5::integer
FROM designers d WHERE d.id = $2
RETURNING to_jsonb(event_designers.*) AS row

-- name: lock_designer
SELECT ed.id, to_jsonb(ed.*) AS row FROM event_designers ed WHERE ed.event_id = $1 AND ed.designer_id = $2 FOR UPDATE

-- name: change_designer
-- responded_at follows the answer: set when it becomes accepted or declined, cleared when it goes back.
UPDATE event_designers SET
  invitation_status = CASE WHEN $2 THEN $3::invitation_status ELSE invitation_status END,
  responded_at      = CASE WHEN NOT $2 OR $3::invitation_status = invitation_status THEN responded_at
                           WHEN $3::text IN ('accepted', 'declined') THEN now() END,
  number_of_looks   = CASE WHEN $4 THEN $5::integer ELSE number_of_looks END,
  show_order        = CASE WHEN $6 THEN $7::integer ELSE show_order END
WHERE id = $1
RETURNING to_jsonb(event_designers.*) AS row

-- name: remove_designer
DELETE FROM event_designers WHERE event_id = $1 AND designer_id = $2 RETURNING to_jsonb(event_designers.*) AS row
