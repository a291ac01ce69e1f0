-- name: save_task_summary
INSERT INTO task_summaries (event_id, summary) SELECT $1, $2 WHERE EXISTS (SELECT 1 FROM events WHERE id = $1)
ON CONFLICT (event_id) DO UPDATE SET summary = EXCLUDED.summary, updated_at = now()

-- name: set_progress
WITH prior AS (SELECT e.id, to_jsonb(e.*) - 'field_times' AS row FROM events e WHERE e.id = $1 FOR UPDATE)
UPDATE events e SET progress_percentage = $2
FROM prior WHERE e.id = prior.id AND e.progress_percentage <> $2
RETURNING to_jsonb(e.*) - 'field_times' AS row, prior.row AS old_row
