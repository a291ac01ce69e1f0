-- After every migrate (Flyway afterMigrate callback, run as the schema owner): the runtime user
-- (DATABASE_RUNTIME_USER) the replicas log in as gets data access only, no DDL. Re-run on every
-- migrate, so tables a later version adds are covered; the versioned migrations stay unchanged.
-- ${schema}, ${app_role} and ${runtime_user} are Flyway placeholders.
DO $$
DECLARE
  runtime text := '${runtime_user}';
  own text := '${schema}';
  rel record;
BEGIN
  EXECUTE format('GRANT USAGE ON SCHEMA %I TO %I', own, runtime);
  -- Requests switch to the app role (set_config('role', ...)), which needs membership.
  EXECUTE format('GRANT %I TO %I', '${app_role}', runtime);
  EXECUTE format('GRANT USAGE ON ALL SEQUENCES IN SCHEMA %I TO %I', own, runtime);
  FOR rel IN SELECT c.oid, c.relname, c.relrowsecurity FROM pg_class c
      WHERE c.relnamespace = own::regnamespace AND c.relkind IN ('r', 'p', 'v') LOOP
    IF rel.relname LIKE '%schema_history' THEN
      -- Flyway's histories: read to check the schema's version at start, never written.
      EXECUTE format('GRANT SELECT ON %I.%I TO %I', own, rel.relname, runtime);
    ELSE
      EXECUTE format('GRANT SELECT, INSERT, UPDATE, DELETE ON %I.%I TO %I', own, rel.relname, runtime);
    END IF;
    -- Work the service does as itself (consumers, relays, sweepers) ran as the owner, whom row
    -- level security does not restrict; the runtime user is no owner, so a policy of its own
    -- gives it the same reach. Requests still run as the app role, under the real policies.
    IF rel.relrowsecurity AND NOT EXISTS (
        SELECT 1 FROM pg_policy WHERE polrelid = rel.oid AND polname = left('runtime_' || runtime, 63)) THEN
      EXECUTE format('CREATE POLICY %I ON %I.%I TO %I USING (true) WITH CHECK (true)',
          left('runtime_' || runtime, 63), own, rel.relname, runtime);
    END IF;
  END LOOP;
  -- Belt and braces for objects created outside a migrate run by this owner.
  EXECUTE format('ALTER DEFAULT PRIVILEGES IN SCHEMA %I GRANT SELECT, INSERT, UPDATE, DELETE ON TABLES TO %I', own, runtime);
  EXECUTE format('ALTER DEFAULT PRIVILEGES IN SCHEMA %I GRANT USAGE ON SEQUENCES TO %I', own, runtime);
END $$;
