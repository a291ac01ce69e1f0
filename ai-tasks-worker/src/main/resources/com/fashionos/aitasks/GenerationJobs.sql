-- name: add_job
INSERT INTO generation_jobs (event_id, request) VALUES ($1, $2) ON CONFLICT (event_id) DO NOTHING

-- name: claim_job
-- The oldest open job, or one whose worker died while generating (claimed long ago); jobs tried
-- least come first, so one that keeps failing cannot hold up the others.
UPDATE generation_jobs SET status = 'generating', claimed_at = now(), attempts = attempts + 1
WHERE event_id = (
  SELECT event_id FROM generation_jobs
  WHERE status = 'pending' OR (status = 'generating' AND claimed_at < now() - make_interval(secs => $1))
  ORDER BY attempts, created_at LIMIT 1 FOR UPDATE SKIP LOCKED)
RETURNING event_id, plan_id, request

-- name: finish_job
UPDATE generation_jobs SET status = 'done', source = $2, task_count = $3, finished_at = now()
WHERE event_id = $1 AND status = 'generating'
RETURNING event_id
