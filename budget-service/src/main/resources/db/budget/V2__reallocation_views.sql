-- Reallocations as every answer and change record shows them (money as exact decimal strings),
-- like category_views and expense_views.
CREATE VIEW reallocation_views WITH (security_invoker = true) AS
SELECT r.id, r.event_id, r.created_at,
       jsonb_build_object('id', r.id, 'event_id', r.event_id, 'from_category', r.from_category,
         'to_category', r.to_category, 'amount', r.amount::text, 'reason', r.reason,
         'created_by', r.created_by, 'created_at', r.created_at) AS reallocation_json
FROM reallocations r;

GRANT SELECT ON reallocation_views TO ${app_role};

-- Locks the categories an expense change is about to move (in category order, as lock_categories
-- does), so the change records' "before" of each category is what the change really replaced. As
-- the owner: editors move actual amounts through the trigger, but row level security lets only the
-- lead lock category rows for update.
CREATE FUNCTION lock_spent_categories(e uuid, ids uuid[]) RETURNS SETOF uuid
  LANGUAGE sql SECURITY DEFINER SET search_path = ${schema}
  AS $$ SELECT id FROM event_budget_categories WHERE event_id = e AND id = ANY(ids) AND can_edit_budget(e)
        ORDER BY category FOR UPDATE $$;
