-- name: list_tasks
-- $5 and $6 are the page's limit and offset; a null limit (no paging asked for) lists them all.
WITH matching AS (
  SELECT v.task, v.deadline, v.name, v.id
  FROM task_views v
  WHERE v.event_id = $1
    AND ($2::task_phase IS NULL OR v.phase = $2::task_phase)
    AND ($3::text IS NULL OR ($3 = 'overdue' AND v.is_overdue) OR v.status::text = $3)
    AND ($4::uuid IS NULL OR v.assignee_id = $4)
)
SELECT (SELECT coalesce(jsonb_agg(p.task ORDER BY p.n), '[]'::jsonb)
        FROM (SELECT m.task, row_number() OVER (ORDER BY m.deadline, m.name, m.id) AS n
              FROM matching m ORDER BY n LIMIT $5 OFFSET $6) p) AS tasks,
       (SELECT count(*) FROM matching) AS total

-- name: my_tasks
SELECT coalesce(jsonb_agg(v.task ORDER BY v.deadline, v.name, v.id), '[]'::jsonb) AS tasks, count(*) AS total
FROM task_views v
WHERE v.assignee_id = current_user_id() AND ($1::text IS NULL OR ($1 = 'overdue' AND v.is_overdue) OR v.status::text = $1)

-- name: task_view
SELECT v.task FROM task_views v WHERE v.id = $1

-- name: event_task_view
SELECT v.task FROM task_views v WHERE v.id = $1 AND v.event_id = $2

-- name: task_views_of
SELECT v.id, v.task FROM task_views v WHERE v.id = ANY($1)

-- name: lock_task
-- The caller's view of the task (row level security) with what a change needs to know.
SELECT to_jsonb(t.*) - 'field_times' AS row, t.field_times, can_edit_tasks(t.event_id) AS can_edit
FROM event_tasks t WHERE t.id = $1 AND t.event_id = $2 FOR UPDATE

-- name: find_task
SELECT to_jsonb(t.*) - 'field_times' AS row, t.field_times, can_edit_tasks(t.event_id) AS can_edit
FROM event_tasks t WHERE t.id = $1 AND t.event_id = $2

-- name: dependencies_of_event
SELECT id, dependencies FROM event_tasks WHERE event_id = $1

-- name: insert_task
INSERT INTO event_tasks (event_id, name, description, phase, workflow_category, priority, assignee_id, deadline,
                         dependencies, estimated_hours, created_by, field_times)
VALUES ($1, $2, $3, $4::task_phase, $5::workflow_category, $6::task_priority, $7, $8, $9, $10, $11, $12)
RETURNING to_jsonb(event_tasks.*) - 'field_times' AS row

-- name: update_task
UPDATE event_tasks SET
  status                  = CASE WHEN $2  THEN $3::task_status ELSE status END,
  blocked_by_dependencies = CASE WHEN $2  THEN false ELSE blocked_by_dependencies END,
  assignee_id             = CASE WHEN $4  THEN $5 ELSE assignee_id END,
  deadline                = CASE WHEN $6  THEN $7 ELSE deadline END,
  priority                = CASE WHEN $8  THEN $9::task_priority ELSE priority END,
  name                    = CASE WHEN $10 THEN $11 ELSE name END,
  description             = CASE WHEN $12 THEN $13 ELSE description END,
  phase                   = CASE WHEN $14 THEN $15::task_phase ELSE phase END,
  workflow_category       = CASE WHEN $16 THEN $17::workflow_category ELSE workflow_category END,
  estimated_hours         = CASE WHEN $18 THEN $19 ELSE estimated_hours END,
  actual_hours            = CASE WHEN $20 THEN $21 ELSE actual_hours END,
  dependencies            = CASE WHEN $22 THEN coalesce($23, '{}'::uuid[]) ELSE dependencies END,
  field_times             = field_times || $24
WHERE id = $1
RETURNING to_jsonb(event_tasks.*) - 'field_times' AS row

-- name: insert_planned
-- A plan batch's tasks ($2: the batch's task objects) in one statement; a batch delivered twice
-- finds its tasks there already.
INSERT INTO event_tasks (id, event_id, name, description, phase, workflow_category, priority, deadline, dependencies,
                         estimated_hours, source)
SELECT t.id, $1, t.name, t.description, t.phase, t.workflow_category, t.priority, t.deadline,
       coalesce(t.dependencies, '{}'), t.estimated_hours, $3
FROM jsonb_to_recordset($2::jsonb) AS t(id uuid, name text, description text, phase task_phase,
                                         workflow_category workflow_category, priority task_priority,
                                         deadline timestamptz, dependencies uuid[], estimated_hours integer)
ON CONFLICT (id) DO NOTHING
RETURNING id

-- name: nodes
SELECT id, status::text AS status, blocked_by_dependencies, coalesce(estimated_hours, 0) AS estimated_hours,
       dependencies, phase::text AS phase, is_overdue, is_critical_path
FROM event_tasks WHERE event_id = $1

-- name: apply_derived
-- What the rules derived, for the tasks where it differs; old rows for the change records.
WITH prior AS (
  SELECT t.id, to_jsonb(t.*) - 'field_times' AS row FROM event_tasks t WHERE t.id = ANY($1) FOR UPDATE
)
UPDATE event_tasks t SET
  status = d.status::task_status,
  blocked_by_dependencies = d.blocked,
  is_critical_path = d.critical
FROM unnest($1::uuid[], $2::text[], $3::boolean[], $4::boolean[]) AS d(id, status, blocked, critical),
     prior
WHERE t.id = d.id AND prior.id = d.id
RETURNING to_jsonb(t.*) - 'field_times' AS row, prior.row AS old_row

-- name: save_schedule
-- The clock-free schedule of the event's open tasks (task_views adds the clock); tasks it no longer
-- holds (cancelled) leave it. Not a change anyone sees by itself, so no version and no record.
WITH given AS (SELECT * FROM unnest($2::uuid[], $3::float8[]) AS g(task_id, needed_hours)),
gone AS (
  DELETE FROM task_schedules s WHERE s.event_id = $1 AND NOT EXISTS (SELECT 1 FROM given g WHERE g.task_id = s.task_id)
)
INSERT INTO task_schedules AS s (task_id, event_id, needed_hours) SELECT task_id, $1, needed_hours FROM given
ON CONFLICT (task_id) DO UPDATE SET needed_hours = EXCLUDED.needed_hours
WHERE s.needed_hours IS DISTINCT FROM EXCLUDED.needed_hours

-- name: progress_view
-- The event's progress as GET …/tasks/progress answers it (and its change records carry it); zeros
-- before the event has any.
SELECT jsonb_build_object(
  'event_id', e.event_id, 'progress', coalesce(p.progress_percentage, 0), 'total', coalesce(p.total, 0),
  'done', coalesce(p.done, 0), 'in_progress', coalesce(p.in_progress, 0), 'blocked', coalesce(p.blocked, 0),
  'overdue', coalesce(p.overdue, 0), 'cancelled', coalesce(p.cancelled, 0), 'by_phase', coalesce(p.by_phase, '{}'),
  'generation', jsonb_build_object('status', coalesce(p.generation_status, 'pending'),
                                   'generated', coalesce(p.generated_tasks, 0), 'planned', p.planned_tasks),
  'updated_at', p.updated_at, 'version', coalesce(p.version, 0)) AS progress
FROM (SELECT $1::uuid AS event_id) e LEFT JOIN event_progress p ON p.event_id = e.event_id

-- name: save_progress
WITH prior AS (SELECT to_jsonb(p.*) AS row FROM event_progress p WHERE p.event_id = $1 FOR UPDATE)
INSERT INTO event_progress AS p (event_id, total, done, in_progress, blocked, overdue, cancelled, progress_percentage,
                                 by_phase)
VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)
ON CONFLICT (event_id) DO UPDATE SET
  total = EXCLUDED.total, done = EXCLUDED.done, in_progress = EXCLUDED.in_progress, blocked = EXCLUDED.blocked,
  overdue = EXCLUDED.overdue, cancelled = EXCLUDED.cancelled, progress_percentage = EXCLUDED.progress_percentage,
  by_phase = EXCLUDED.by_phase
WHERE (p.total, p.done, p.in_progress, p.blocked, p.overdue, p.cancelled, p.progress_percentage, p.by_phase)
      IS DISTINCT FROM (EXCLUDED.total, EXCLUDED.done, EXCLUDED.in_progress, EXCLUDED.blocked, EXCLUDED.overdue,
                        EXCLUDED.cancelled, EXCLUDED.progress_percentage, EXCLUDED.by_phase)
RETURNING to_jsonb(p.*) AS row, (SELECT row FROM prior) AS old_row

-- name: save_plan_progress
-- The summary (as save_progress) and the generation of a plan of $10 tasks, counted here, as one change.
WITH prior AS (SELECT to_jsonb(p.*) AS row FROM event_progress p WHERE p.event_id = $1 FOR UPDATE),
generated AS (SELECT count(*)::int AS n FROM event_tasks WHERE event_id = $1 AND source <> 'manual')
INSERT INTO event_progress AS p (event_id, total, done, in_progress, blocked, overdue, cancelled, progress_percentage,
                                 by_phase, generation_status, generated_tasks, planned_tasks)
SELECT $1, $2, $3, $4, $5, $6, $7, $8, $9, CASE WHEN g.n >= $10 THEN 'done' ELSE 'generating' END, g.n, $10
FROM generated g
ON CONFLICT (event_id) DO UPDATE SET
  total = EXCLUDED.total, done = EXCLUDED.done, in_progress = EXCLUDED.in_progress, blocked = EXCLUDED.blocked,
  overdue = EXCLUDED.overdue, cancelled = EXCLUDED.cancelled, progress_percentage = EXCLUDED.progress_percentage,
  by_phase = EXCLUDED.by_phase, generation_status = EXCLUDED.generation_status,
  generated_tasks = EXCLUDED.generated_tasks, planned_tasks = EXCLUDED.planned_tasks
WHERE (p.total, p.done, p.in_progress, p.blocked, p.overdue, p.cancelled, p.progress_percentage, p.by_phase,
       p.generation_status, p.generated_tasks, p.planned_tasks)
      IS DISTINCT FROM (EXCLUDED.total, EXCLUDED.done, EXCLUDED.in_progress, EXCLUDED.blocked, EXCLUDED.overdue,
                        EXCLUDED.cancelled, EXCLUDED.progress_percentage, EXCLUDED.by_phase,
                        EXCLUDED.generation_status, EXCLUDED.generated_tasks, EXCLUDED.planned_tasks)
RETURNING to_jsonb(p.*) AS row, (SELECT row FROM prior) AS old_row

-- name: progress_of
SELECT progress_percentage FROM event_progress WHERE event_id = $1

-- name: sweep_lock
-- One sweeper at a time across replicas (released at commit).
SELECT pg_try_advisory_xact_lock(hashtextextended('tasks-overdue-sweeper', 7033)) AS mine

-- name: overdue_due
-- Deadlines passing turn tasks overdue without anyone writing them: the tasks whose flag is behind.
-- Every write sets the flag (the trigger), so only time moves it: a deadline passing, or (a clock
-- stepped back) coming ahead again. Each half reads one partial index (V4), so a sweep costs the
-- open work, not the table; the outer condition is checked again on the locked row (a write may
-- have fixed it meanwhile).
SELECT t.id FROM event_tasks t
WHERE t.id IN (
    SELECT o.id FROM event_tasks o
    WHERE NOT o.is_overdue AND o.status NOT IN ('done', 'cancelled') AND o.deadline < now()
    UNION ALL
    SELECT o.id FROM event_tasks o WHERE o.is_overdue AND o.deadline >= now())
  AND t.is_overdue IS DISTINCT FROM (t.deadline < now() AND t.status NOT IN ('done', 'cancelled'))
FOR UPDATE OF t

-- name: sweep_overdue
WITH due AS (SELECT t.id, to_jsonb(t.*) - 'field_times' AS row FROM event_tasks t WHERE t.id = ANY($1))
UPDATE event_tasks t SET is_overdue = NOT t.is_overdue
FROM due WHERE t.id = due.id
RETURNING to_jsonb(t.*) - 'field_times' AS row, due.row AS old_row, t.event_id
