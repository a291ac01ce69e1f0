-- Invitations are accepted, not claimed. Until now a lead adding an unknown e-mail made a pending
-- profile that became the membership of whoever first signed in with that address, and nothing
-- proves control of an address (the standalone identity sends no mail). Now adding by e-mail
-- makes an invitation with a single-use secret token the lead passes on; the membership exists
-- only once someone signed in presents the token.
CREATE TABLE team_invitations (
  id           uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  event_id     uuid NOT NULL REFERENCES events (id) ON DELETE CASCADE,
  -- Whom the lead meant; the token, not the address, decides who may accept.
  email        text NOT NULL CHECK (length(email) <= 320),
  role         team_role NOT NULL,
  permissions  team_permission NOT NULL,
  -- SHA-256 of the token (256 random bits): the table alone lets nobody in.
  token_hash   bytea NOT NULL UNIQUE,
  invited_by   uuid REFERENCES profiles (id) ON UPDATE CASCADE ON DELETE SET NULL,
  created_at   timestamptz NOT NULL DEFAULT now(),
  expires_at   timestamptz NOT NULL,
  accepted_at  timestamptz,
  accepted_by  uuid REFERENCES profiles (id) ON UPDATE CASCADE ON DELETE SET NULL,
  revoked_at   timestamptz,
  CHECK (accepted_at IS NULL OR revoked_at IS NULL)
);
-- One open invitation per address and event (an expired one is retired before a new one).
CREATE UNIQUE INDEX team_invitations_open_idx ON team_invitations (event_id, lower(email))
  WHERE accepted_at IS NULL AND revoked_at IS NULL;

-- Leads see, make and revoke their events' invitations; accepting goes through the function below.
ALTER TABLE team_invitations ENABLE ROW LEVEL SECURITY;
CREATE POLICY team_invitations_lead ON team_invitations FOR ALL USING (is_event_lead(event_id))
  WITH CHECK (is_event_lead(event_id));
GRANT SELECT, INSERT, UPDATE ON team_invitations TO ${app_role};

-- The caller, holding a token, joins the team with the invitation's role; the invitation is spent
-- in the same step. The caller is no lead of the event, hence SECURITY DEFINER; what it may do is
-- exactly this. Answers an outcome rather than raising, so the service picks the HTTP status.
CREATE FUNCTION accept_team_invitation(token text) RETURNS jsonb
  LANGUAGE plpgsql SECURITY DEFINER SET search_path = ${schema}
  AS $$
DECLARE
  invitation team_invitations%ROWTYPE;
  membership event_team%ROWTYPE;
BEGIN
  SELECT * INTO invitation FROM team_invitations
  WHERE token_hash = sha256(convert_to(token, 'UTF8')) FOR UPDATE;
  IF NOT FOUND THEN RETURN jsonb_build_object('outcome', 'not_found'); END IF;
  IF invitation.accepted_at IS NOT NULL THEN RETURN jsonb_build_object('outcome', 'accepted_already'); END IF;
  IF invitation.revoked_at IS NOT NULL THEN RETURN jsonb_build_object('outcome', 'revoked'); END IF;
  IF invitation.expires_at <= now() THEN RETURN jsonb_build_object('outcome', 'expired'); END IF;
  INSERT INTO event_team (event_id, user_id, role, permissions)
  VALUES (invitation.event_id, current_user_id(), invitation.role, invitation.permissions)
  ON CONFLICT (event_id, user_id) DO NOTHING
  RETURNING * INTO membership;
  IF NOT FOUND THEN
    RETURN jsonb_build_object('outcome', 'member_already', 'event_id', invitation.event_id);
  END IF;
  UPDATE team_invitations SET accepted_at = now(), accepted_by = current_user_id() WHERE id = invitation.id;
  RETURN jsonb_build_object('outcome', 'accepted', 'event_id', invitation.event_id, 'row', to_jsonb(membership));
END $$;
REVOKE EXECUTE ON FUNCTION accept_team_invitation(text) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION accept_team_invitation(text) TO ${app_role};

-- Pending memberships of the old scheme become expired invitations (their token is random and
-- never shown, so nobody can accept them): the lead sees them and invites again. Their pending
-- rows leave the team; other services' read models may keep a member row for the pending id,
-- which no token can carry, so it grants nothing.
ALTER TABLE event_team DISABLE TRIGGER event_team_keep_lead;
INSERT INTO team_invitations (event_id, email, role, permissions, token_hash, invited_by, created_at, expires_at)
SELECT t.event_id, p.email, t.role, t.permissions, sha256(convert_to(gen_random_uuid()::text, 'UTF8')),
       e.created_by, t.assigned_at, now()
FROM event_team t JOIN profiles p ON p.id = t.user_id JOIN events e ON e.id = t.event_id
WHERE p.pending AND p.email IS NOT NULL
  AND NOT EXISTS (SELECT 1 FROM team_invitations i WHERE i.event_id = t.event_id AND lower(i.email) = lower(p.email));
DELETE FROM event_team t USING profiles p WHERE p.id = t.user_id AND p.pending;
ALTER TABLE event_team ENABLE TRIGGER event_team_keep_lead;
DELETE FROM profiles p WHERE p.pending AND NOT EXISTS (SELECT 1 FROM events e WHERE e.created_by = p.id);

-- No profile is pending any more: requests no longer insert profiles (the service syncs each
-- person's own from their token, as the schema owner).
CREATE OR REPLACE VIEW team_members WITH (security_invoker = true) AS
SELECT t.event_id, t.id, t.assigned_at,
       jsonb_build_object('user_id', t.user_id, 'name', coalesce(p.full_name, p.email), 'email', p.email,
                          'avatar_url', p.avatar_url, 'role', t.role, 'permissions', t.permissions,
                          'assigned_at', t.assigned_at) AS member
FROM event_team t JOIN profiles p ON p.id = t.user_id;
DROP POLICY profiles_invite ON profiles;
REVOKE INSERT ON profiles FROM ${app_role};
ALTER TABLE profiles DROP COLUMN pending;
