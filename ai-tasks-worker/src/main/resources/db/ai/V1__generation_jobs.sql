-- ai-tasks-worker: one generation job per event. The primary key makes "a plan is generated
-- once per event" hold across redeliveries and restarts; the job is marked done in the same
-- transaction that puts its batches in the outbox.
CREATE TABLE generation_jobs (
  event_id     uuid PRIMARY KEY,
  plan_id      uuid NOT NULL DEFAULT gen_random_uuid(),
  request      jsonb NOT NULL,
  status       text NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'generating', 'done')),
  attempts     integer NOT NULL DEFAULT 0,
  source       text,
  task_count   integer,
  claimed_at   timestamptz,
  created_at   timestamptz NOT NULL DEFAULT now(),
  finished_at  timestamptz
);
CREATE INDEX generation_jobs_open_idx ON generation_jobs (created_at) WHERE status <> 'done';
