-- tasks-service: event_tasks (spec section 4) with dependencies, critical path and progress. The
-- membership read model (events, event_members, people, is_event_member) comes from platform's
-- db/membership, migrated before this.

CREATE TYPE task_phase AS ENUM ('pre_production', 'venue_logistics', 'creative_design', 'on_site_operations',
  'post_event');
CREATE TYPE workflow_category AS ENUM ('event_planning', 'sponsorship', 'marketing', 'operations', 'media');
CREATE TYPE task_priority AS ENUM ('critical', 'high', 'medium', 'low');
-- 'overdue' is kept for the spec's enum; the service shows overdue as a flag over the real status.
CREATE TYPE task_status AS ENUM ('to_do', 'in_progress', 'blocked', 'done', 'cancelled', 'overdue');

CREATE FUNCTION touch_row() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  NEW.updated_at := now();
  NEW.version := OLD.version + 1;
  RETURN NEW;
END $$;

CREATE TABLE event_tasks (
  id                        uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  event_id                  uuid NOT NULL,
  name                      text NOT NULL CHECK (length(name) BETWEEN 1 AND 200),
  description               text CHECK (length(description) <= 1000),
  phase                     task_phase NOT NULL,
  workflow_category         workflow_category,
  priority                  task_priority NOT NULL DEFAULT 'medium',
  status                    task_status NOT NULL DEFAULT 'to_do' CHECK (status <> 'overdue'),
  -- Set by the dependency rule (not by a person), so the rule may lift it again.
  blocked_by_dependencies   boolean NOT NULL DEFAULT false,
  assignee_id               uuid,
  deadline                  timestamptz NOT NULL,
  dependencies              uuid[] NOT NULL DEFAULT '{}',
  estimated_hours           integer CHECK (estimated_hours BETWEEN 0 AND 10000),
  actual_hours              integer CHECK (actual_hours BETWEEN 0 AND 10000),
  is_critical_path          boolean NOT NULL DEFAULT false,
  slack_hours               integer,
  is_overdue                boolean NOT NULL DEFAULT false,
  -- Which plan made it (null for tasks people added).
  source                    text NOT NULL DEFAULT 'manual',
  field_times               jsonb NOT NULL DEFAULT '{}',
  created_by                uuid,
  created_at                timestamptz NOT NULL DEFAULT now(),
  updated_at                timestamptz NOT NULL DEFAULT now(),
  completed_at              timestamptz,
  version                   bigint NOT NULL DEFAULT 1
);
CREATE INDEX tasks_event_id_idx ON event_tasks (event_id);
CREATE INDEX tasks_assignee_id_idx ON event_tasks (assignee_id);
CREATE INDEX tasks_status_idx ON event_tasks (status);
CREATE INDEX tasks_deadline_idx ON event_tasks (deadline);
CREATE TRIGGER event_tasks_touch BEFORE UPDATE ON event_tasks FOR EACH ROW EXECUTE FUNCTION touch_row();

-- completed_at follows done; overdue follows the deadline; whoever writes the row.
CREATE FUNCTION task_derived_fields() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF NEW.status = 'done' AND (TG_OP = 'INSERT' OR OLD.status <> 'done') THEN
    NEW.completed_at := now();
  ELSIF NEW.status <> 'done' THEN
    NEW.completed_at := NULL;
  END IF;
  NEW.is_overdue := NEW.deadline < now() AND NEW.status NOT IN ('done', 'cancelled');
  RETURN NEW;
END $$;
CREATE TRIGGER event_tasks_derived BEFORE INSERT OR UPDATE ON event_tasks
  FOR EACH ROW EXECUTE FUNCTION task_derived_fields();

-- The summary events-service shows (published as row changes of this table).
CREATE TABLE event_progress (
  event_id             uuid PRIMARY KEY,
  total                integer NOT NULL DEFAULT 0,
  done                 integer NOT NULL DEFAULT 0,
  in_progress          integer NOT NULL DEFAULT 0,
  blocked              integer NOT NULL DEFAULT 0,
  overdue              integer NOT NULL DEFAULT 0,
  cancelled            integer NOT NULL DEFAULT 0,
  progress_percentage  integer NOT NULL DEFAULT 0,
  by_phase             jsonb NOT NULL DEFAULT '{}',
  generation_status    text NOT NULL DEFAULT 'pending',
  generated_tasks      integer NOT NULL DEFAULT 0,
  planned_tasks        integer,
  updated_at           timestamptz NOT NULL DEFAULT now(),
  version              bigint NOT NULL DEFAULT 1
);
CREATE TRIGGER event_progress_touch BEFORE UPDATE ON event_progress FOR EACH ROW EXECUTE FUNCTION touch_row();

---------------------------------------------------------------------------------------------
-- Row level security from the membership read model.
---------------------------------------------------------------------------------------------
CREATE FUNCTION can_edit_tasks(e uuid) RETURNS boolean
  LANGUAGE sql STABLE SECURITY DEFINER SET search_path = ${schema}
  AS $$ SELECT EXISTS (SELECT 1 FROM event_members WHERE event_id = e AND user_id = current_user_id()
                         AND (role = 'event_lead' OR permissions IN ('admin', 'edit'))) $$;

-- An assignee who is not an editor may change only the status and actual hours of their task.
CREATE FUNCTION assignee_limits() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF current_user = '${app_role}' AND NOT can_edit_tasks(NEW.event_id)
     AND (NEW.name, NEW.description, NEW.phase, NEW.workflow_category, NEW.priority, NEW.assignee_id,
          NEW.deadline, NEW.dependencies, NEW.estimated_hours, NEW.event_id)
         IS DISTINCT FROM
         (OLD.name, OLD.description, OLD.phase, OLD.workflow_category, OLD.priority, OLD.assignee_id,
          OLD.deadline, OLD.dependencies, OLD.estimated_hours, OLD.event_id) THEN
    RAISE EXCEPTION 'An assignee may change only the status and actual hours of their task'
      USING ERRCODE = 'insufficient_privilege';
  END IF;
  RETURN NEW;
END $$;
CREATE TRIGGER event_tasks_assignee_limits BEFORE UPDATE ON event_tasks
  FOR EACH ROW EXECUTE FUNCTION assignee_limits();

ALTER TABLE event_tasks ENABLE ROW LEVEL SECURITY;
CREATE POLICY tasks_read ON event_tasks FOR SELECT USING (is_event_member(event_id));
CREATE POLICY tasks_create ON event_tasks FOR INSERT WITH CHECK (can_edit_tasks(event_id));
CREATE POLICY tasks_change ON event_tasks FOR UPDATE
  USING (can_edit_tasks(event_id) OR assignee_id = current_user_id())
  WITH CHECK (can_edit_tasks(event_id) OR assignee_id = current_user_id());

ALTER TABLE event_progress ENABLE ROW LEVEL SECURITY;
CREATE POLICY progress_read ON event_progress FOR SELECT USING (is_event_member(event_id));

GRANT SELECT, INSERT, UPDATE ON event_tasks TO ${app_role};
GRANT SELECT ON event_progress TO ${app_role};

-- A task as every answer shows it: with its assignee's name and avatar.
CREATE VIEW task_views WITH (security_invoker = true) AS
SELECT t.id, t.event_id, t.assignee_id, t.deadline, t.phase, t.status, t.is_overdue, t.name,
       jsonb_build_object(
         'id', t.id, 'event_id', t.event_id, 'name', t.name, 'description', t.description, 'phase', t.phase,
         'workflow_category', t.workflow_category, 'priority', t.priority, 'status', t.status,
         'overdue', t.is_overdue, 'assignee_id', t.assignee_id,
         'assignee', CASE WHEN t.assignee_id IS NULL THEN NULL
                          ELSE jsonb_build_object('id', t.assignee_id, 'name', p.name, 'avatar_url', p.avatar_url) END,
         'deadline', t.deadline, 'dependencies', to_jsonb(t.dependencies), 'estimated_hours', t.estimated_hours,
         'actual_hours', t.actual_hours, 'is_critical_path', t.is_critical_path, 'slack_hours', t.slack_hours,
         'completed_at', t.completed_at, 'source', t.source, 'created_at', t.created_at,
         'updated_at', t.updated_at, 'version', t.version) AS task
FROM event_tasks t LEFT JOIN people p ON p.id = t.assignee_id;
GRANT SELECT ON task_views TO ${app_role};
