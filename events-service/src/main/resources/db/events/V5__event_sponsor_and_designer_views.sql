-- What GET shows of an event's sponsors and designers: one definition for the event detail and the
-- sponsor and designer endpoints. Money is a decimal string, as everywhere else in the API.
CREATE VIEW event_sponsor_views WITH (security_invoker = true) AS
SELECT es.event_id, es.sponsor_id, s.company_name,
       jsonb_build_object('id', s.id, 'company_name', s.company_name, 'tier', es.tier,
         'amount', es.sponsorship_amount::text, 'currency', es.currency, 'status', es.status,
         'contract_id', es.contract_id, 'created_at', es.created_at, 'updated_at', es.updated_at,
         'version', es.version) AS sponsor_json
FROM event_sponsors es JOIN sponsors s ON s.id = es.sponsor_id;

CREATE VIEW event_designer_views WITH (security_invoker = true) AS
SELECT ed.event_id, ed.designer_id, d.name, ed.show_order,
       jsonb_build_object('id', d.id, 'name', d.name, 'brand_name', d.brand_name,
         'invitation_status', ed.invitation_status, 'invited_at', ed.invited_at,
         'responded_at', ed.responded_at, 'number_of_looks', ed.number_of_looks,
         'show_order', ed.show_order, 'updated_at', ed.updated_at, 'version', ed.version) AS designer_json
FROM event_designers ed JOIN designers d ON d.id = ed.designer_id;

GRANT SELECT ON event_sponsor_views, event_designer_views TO ${app_role};
