-- Slack depends on the clock: stored per task, it was rewritten (and published) for every task of
-- the event on every change. What the schedule knows without the clock is kept instead, and the
-- slack is worked out when a task is read (task_views). The critical-path flag that stays on the
-- task is the clock-free part (least slack of all); running out of slack is added when read.
CREATE TABLE task_schedules (
  task_id       uuid PRIMARY KEY REFERENCES event_tasks (id),
  event_id      uuid NOT NULL,
  -- Working hours needed before the event starts: the work before the task and the longest chain
  -- from its start on. Slack = working hours left until the start - needed_hours.
  needed_hours  double precision NOT NULL
);
CREATE INDEX task_schedules_event_id_idx ON task_schedules (event_id);
ALTER TABLE task_schedules ENABLE ROW LEVEL SECURITY;
CREATE POLICY schedules_read ON task_schedules FOR SELECT USING (is_event_member(event_id));
GRANT SELECT ON task_schedules TO ${app_role};

DROP VIEW task_views;
ALTER TABLE event_tasks DROP COLUMN slack_hours;

-- A task as every answer (and its change records) shows it: with its assignee's name and avatar,
-- and its slack as of now. A calendar day holds 8 working hours (CriticalPath).
CREATE VIEW task_views WITH (security_invoker = true) AS
SELECT t.id, t.event_id, t.assignee_id, t.deadline, t.phase, t.status, t.is_overdue, t.name,
       jsonb_build_object(
         'id', t.id, 'event_id', t.event_id, 'name', t.name, 'description', t.description, 'phase', t.phase,
         'workflow_category', t.workflow_category, 'priority', t.priority, 'status', t.status,
         'overdue', t.is_overdue, 'assignee_id', t.assignee_id,
         'assignee', CASE WHEN t.assignee_id IS NULL THEN NULL
                          ELSE jsonb_build_object('id', t.assignee_id, 'name', p.name, 'avatar_url', p.avatar_url) END,
         'deadline', t.deadline, 'dependencies', to_jsonb(t.dependencies), 'estimated_hours', t.estimated_hours,
         'actual_hours', t.actual_hours,
         'is_critical_path', t.is_critical_path OR coalesce(slack.hours <= 0.5, false),
         'slack_hours', floor(slack.hours + 0.5)::integer,
         'completed_at', t.completed_at, 'source', t.source, 'created_at', t.created_at,
         'updated_at', t.updated_at, 'version', t.version) AS task
FROM event_tasks t
LEFT JOIN people p ON p.id = t.assignee_id
LEFT JOIN task_schedules s ON s.task_id = t.id
LEFT JOIN events e ON e.id = t.event_id
LEFT JOIN LATERAL (SELECT trunc(extract(epoch FROM e.start_date - now()) / 60) / 60.0 * 8 / 24 - s.needed_hours
                   AS hours) slack ON true;
GRANT SELECT ON task_views TO ${app_role};
