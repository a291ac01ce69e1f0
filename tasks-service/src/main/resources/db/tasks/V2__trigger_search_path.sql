-- The assignee trigger calls can_edit_tasks(): pin its search path so it works for any writer,
-- whatever the session's search path (an operator's psql, a migration, a bulk load).
ALTER FUNCTION ${schema}.assignee_limits() SET search_path = ${schema};
