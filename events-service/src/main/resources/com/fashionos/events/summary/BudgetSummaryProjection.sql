-- name: save_budget_summary
-- A status older than the one kept (a replay from an earlier offset) never replaces it.
INSERT INTO budget_summaries (event_id, summary, version) SELECT $1, $2, $3 WHERE EXISTS (SELECT 1 FROM events WHERE id = $1)
ON CONFLICT (event_id) DO UPDATE SET summary = EXCLUDED.summary, version = EXCLUDED.version, updated_at = now()
WHERE budget_summaries.version < EXCLUDED.version
