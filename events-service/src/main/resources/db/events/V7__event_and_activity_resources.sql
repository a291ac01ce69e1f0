-- The event's own version: progress is tasks-service's figure, kept on the row for the event list;
-- setting it is no change of the event, so it moves neither updated_at nor version (else the event
-- resource would change, and be published, with every task completion).
CREATE FUNCTION touch_event() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF to_jsonb(NEW) - 'progress_percentage' = to_jsonb(OLD) - 'progress_percentage' THEN
    RETURN NEW;
  END IF;
  NEW.updated_at := now();
  NEW.version := OLD.version + 1;
  RETURN NEW;
END $$;
DROP TRIGGER events_touch ON events;
CREATE TRIGGER events_touch BEFORE UPDATE ON events FOR EACH ROW EXECUTE FUNCTION touch_event();

-- A feed entry as GET shows it: one definition for the feed's pages and the entry's change record.
CREATE VIEW activity_entries WITH (security_invoker = true) AS
SELECT a.event_id, a.id, a.acted_at, a.created_at,
       jsonb_build_object('id', a.id, 'user_id', a.user_id,
                          'user_name', (SELECT coalesce(p.full_name, p.email) FROM profiles p WHERE p.id = a.user_id),
                          'action_type', a.action_type, 'description', a.description, 'metadata', a.metadata,
                          'acted_at', a.acted_at, 'created_at', a.created_at) AS entry
FROM activity_logs a;

GRANT SELECT ON activity_entries TO ${app_role};
