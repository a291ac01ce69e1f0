-- name: insert_event
INSERT INTO events (name, type, description, goals, start_date, end_date, timezone, venue_id, backup_venue_id,
                    target_attendees, created_by, field_times)
VALUES ($1, $2::event_type, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12)
RETURNING to_jsonb(events.*) - 'field_times' AS row

-- name: link_sponsor
-- The sponsorship starts at the sponsor's directory tier.
INSERT INTO event_sponsors (event_id, sponsor_id, tier)
SELECT $1, s.id, s.tier::text::sponsorship_tier FROM sponsors s WHERE s.id = $2
RETURNING to_jsonb(event_sponsors.*) AS row

-- name: link_designer
INSERT INTO event_designers (event_id, designer_id) VALUES ($1, $2)
RETURNING to_jsonb(event_designers.*) AS row

-- name: missing_references
-- Which of the referenced directory rows do not exist, so the answer can name the field.
SELECT 'venue' AS kind, r.ref FROM unnest($1::uuid[]) AS r(ref)
WHERE NOT EXISTS (SELECT 1 FROM venues v WHERE v.id = r.ref)
UNION ALL
SELECT 'sponsor', r.ref FROM unnest($2::uuid[]) AS r(ref)
WHERE NOT EXISTS (SELECT 1 FROM sponsors s WHERE s.id = r.ref)
UNION ALL
SELECT 'designer', r.ref FROM unnest($3::uuid[]) AS r(ref)
WHERE NOT EXISTS (SELECT 1 FROM designers d WHERE d.id = r.ref)
UNION ALL
SELECT 'user', r.ref FROM unnest($4::uuid[]) AS r(ref)
WHERE NOT EXISTS (SELECT 1 FROM profiles p WHERE p.id = r.ref)

-- name: count_events
-- The explicit membership filter lets the indexes do the work; row level security still applies.
SELECT count(*) AS total
FROM events e
WHERE (e.created_by = current_user_id()
       OR e.id IN (SELECT t.event_id FROM event_team t WHERE t.user_id = current_user_id()))
  AND CASE WHEN $1::event_status IS NOT NULL THEN e.status = $1::event_status
           ELSE ($2 OR e.status <> 'archived') END
  AND ($3::text IS NULL OR strpos(lower(e.name), lower($3)) > 0)
  AND ($4::event_type IS NULL OR e.type = $4::event_type)

-- name: list_events
-- $5 is the sort key and $6 the order, both checked against a closed list by the caller; one CASE
-- per key and direction keeps the statement fixed (no SQL assembled from the request).
SELECT coalesce(jsonb_agg(item ORDER BY n), '[]'::jsonb) AS events
FROM (
  SELECT jsonb_build_object(
           'id', e.id, 'name', e.name, 'type', e.type, 'date', e.start_date, 'start_date', e.start_date,
           'end_date', e.end_date, 'status', e.status, 'progress', e.progress_percentage,
           'venue_name', v.name,
           'team_count', (SELECT count(*) FROM event_team t WHERE t.event_id = e.id)) AS item,
         row_number() OVER ordered AS n
  FROM events e
  LEFT JOIN venues v ON v.id = e.venue_id
  WHERE (e.created_by = current_user_id()
         OR e.id IN (SELECT t.event_id FROM event_team t WHERE t.user_id = current_user_id()))
    AND CASE WHEN $1::event_status IS NOT NULL THEN e.status = $1::event_status
             ELSE ($2 OR e.status <> 'archived') END
    AND ($3::text IS NULL OR strpos(lower(e.name), lower($3)) > 0)
    AND ($4::event_type IS NULL OR e.type = $4::event_type)
  WINDOW ordered AS (ORDER BY
    CASE WHEN $5 = 'start_date' AND $6 = 'asc' THEN e.start_date END ASC,
    CASE WHEN $5 = 'start_date' AND $6 = 'desc' THEN e.start_date END DESC,
    CASE WHEN $5 = 'end_date' AND $6 = 'asc' THEN e.end_date END ASC NULLS LAST,
    CASE WHEN $5 = 'end_date' AND $6 = 'desc' THEN e.end_date END DESC NULLS LAST,
    CASE WHEN $5 = 'name' AND $6 = 'asc' THEN lower(e.name) END ASC,
    CASE WHEN $5 = 'name' AND $6 = 'desc' THEN lower(e.name) END DESC,
    CASE WHEN $5 = 'created_at' AND $6 = 'asc' THEN e.created_at END ASC,
    CASE WHEN $5 = 'created_at' AND $6 = 'desc' THEN e.created_at END DESC,
    CASE WHEN $5 = 'updated_at' AND $6 = 'asc' THEN e.updated_at END ASC,
    CASE WHEN $5 = 'updated_at' AND $6 = 'desc' THEN e.updated_at END DESC,
    CASE WHEN $5 = 'progress' AND $6 = 'asc' THEN e.progress_percentage END ASC,
    CASE WHEN $5 = 'progress' AND $6 = 'desc' THEN e.progress_percentage END DESC,
    e.start_date, e.id)
  ORDER BY n
  LIMIT $7 OFFSET $8
) page

-- name: find_event
SELECT to_jsonb(e.*) - 'field_times' AS row, e.field_times, is_event_lead(e.id) AS can_manage
FROM events e WHERE e.id = $1

-- name: lock_event
SELECT to_jsonb(e.*) - 'field_times' AS row, e.field_times FROM events e WHERE e.id = $1 FOR UPDATE

-- name: event_detail
-- Everything the command center shows, in one round trip.
SELECT jsonb_build_object(
  'id', e.id, 'name', e.name, 'type', e.type, 'description', e.description, 'goals', e.goals,
  'start_date', e.start_date, 'end_date', e.end_date, 'timezone', e.timezone, 'status', e.status,
  'progress', e.progress_percentage, 'target_attendees', e.target_attendees,
  'actual_attendees', e.actual_attendees, 'created_by', e.created_by, 'created_at', e.created_at,
  'updated_at', e.updated_at, 'version', e.version,
  'venue', (SELECT jsonb_build_object('id', v.id, 'name', v.name, 'location', v.location, 'capacity', v.capacity)
            FROM venues v WHERE v.id = e.venue_id),
  'backup_venue', (SELECT jsonb_build_object('id', v.id, 'name', v.name, 'location', v.location,
                                             'capacity', v.capacity)
                   FROM venues v WHERE v.id = e.backup_venue_id),
  'team', (SELECT coalesce(jsonb_agg(tm.member ORDER BY tm.member->>'role' = 'event_lead' DESC, tm.assigned_at, tm.id), '[]'::jsonb)
           FROM team_members tm WHERE tm.event_id = e.id),
  'sponsors', (SELECT coalesce(jsonb_agg(v.sponsor_json ORDER BY v.company_name, v.sponsor_id), '[]'::jsonb)
               FROM event_sponsor_views v WHERE v.event_id = e.id),
  'designers', (SELECT coalesce(jsonb_agg(v.designer_json ORDER BY v.show_order NULLS LAST, v.name, v.designer_id), '[]'::jsonb)
                FROM event_designer_views v WHERE v.event_id = e.id),
  'tasks_summary', coalesce((SELECT ts.summary FROM task_summaries ts WHERE ts.event_id = e.id),
                            '{"total": 0, "done": 0, "in_progress": 0, "overdue": 0, "by_phase": {}, "generation": {"status": "pending", "generated": 0, "planned": null}}'::jsonb),
  'budget', coalesce((SELECT bs.summary FROM budget_summaries bs WHERE bs.event_id = e.id),
                     '{"total_budgeted": "0.00", "total_actual": "0.00", "variance_percentage": null, "categories": [], "alerts": []}'::jsonb)
) AS event
FROM events e WHERE e.id = $1

-- name: update_event
-- Each field changes only when its flag is set (partial update without building SQL).
UPDATE events SET
  name             = CASE WHEN $2  THEN $3 ELSE name END,
  type             = CASE WHEN $4  THEN $5::event_type ELSE type END,
  description      = CASE WHEN $6  THEN $7 ELSE description END,
  goals            = CASE WHEN $8  THEN coalesce($9, '{}'::text[]) ELSE goals END,
  start_date       = CASE WHEN $10 THEN $11 ELSE start_date END,
  end_date         = CASE WHEN $12 THEN $13 ELSE end_date END,
  timezone         = CASE WHEN $14 THEN $15 ELSE timezone END,
  venue_id         = CASE WHEN $16 THEN $17 ELSE venue_id END,
  backup_venue_id  = CASE WHEN $18 THEN $19 ELSE backup_venue_id END,
  status           = CASE WHEN $20 THEN $21::event_status ELSE status END,
  target_attendees = CASE WHEN $22 THEN $23 ELSE target_attendees END,
  actual_attendees = CASE WHEN $24 THEN $25 ELSE actual_attendees END,
  field_times      = field_times || $26
WHERE id = $1
RETURNING to_jsonb(events.*) - 'field_times' AS row

-- name: archive_event
UPDATE events SET status = 'archived', status_before_archive = status
WHERE id = $1 AND status <> 'archived'
RETURNING to_jsonb(events.*) - 'field_times' AS row

-- name: restore_event
UPDATE events SET status = coalesce(status_before_archive, 'draft'), status_before_archive = NULL
WHERE id = $1 AND status = 'archived'
RETURNING to_jsonb(events.*) - 'field_times' AS row
