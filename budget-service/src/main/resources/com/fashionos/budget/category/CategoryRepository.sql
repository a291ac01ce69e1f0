-- name: event_currency
SELECT currency FROM event_budgets WHERE event_id = $1

-- name: ensure_budget
-- The event's budget row, made on first use (the wizard's record normally made it already).
INSERT INTO event_budgets (event_id, currency) VALUES ($1, $2) ON CONFLICT (event_id) DO NOTHING

-- name: is_lead
SELECT is_budget_lead($1) AS lead, can_edit_budget($1) AS editor

-- name: categories
SELECT category_json, category, budgeted_amount, actual_amount
FROM category_views WHERE event_id = $1 ORDER BY category

-- name: category_view
SELECT category_json FROM category_views WHERE id = $1

-- name: category_views_of
SELECT id, category_json FROM category_views WHERE id = ANY($1)

-- name: lock_spent_categories
-- Before an expense change moves their actual amounts (see the function).
SELECT id FROM lock_spent_categories($1, $2) AS id

-- name: lock_categories
-- Locked in category order, so two reallocations over the same pair cannot deadlock.
SELECT c.id, c.category, c.budgeted_amount, c.actual_amount, c.field_times, v.category_json
FROM event_budget_categories c JOIN category_views v ON v.id = c.id
WHERE c.event_id = $1 AND c.category = ANY($2::budget_category[])
ORDER BY c.category FOR UPDATE OF c

-- name: insert_category
INSERT INTO event_budget_categories (event_id, category, budgeted_amount, currency, field_times)
SELECT $1, $2::budget_category, $3, b.currency, $4 FROM event_budgets b WHERE b.event_id = $1
RETURNING id

-- name: set_budgeted
UPDATE event_budget_categories SET budgeted_amount = $2, field_times = field_times || $3 WHERE id = $1

-- name: insert_reallocation
INSERT INTO reallocations (event_id, from_category, to_category, amount, reason, created_by)
VALUES ($1, $2::budget_category, $3::budget_category, $4, $5, $6)
RETURNING id

-- name: reallocation_view
SELECT reallocation_json FROM reallocation_views WHERE id = $1

-- name: reallocations
SELECT coalesce(jsonb_agg(reallocation_json ORDER BY created_at DESC, id), '[]'::jsonb) AS reallocations, count(*) AS total
FROM reallocation_views WHERE event_id = $1

-- name: unpaid_past_due
SELECT id, expense_json ->> 'name' AS name, amount_in_event_currency, due_date
FROM expense_views WHERE event_id = $1 AND overdue

-- name: save_status
-- Written only when the status changed; the old summary comes back for the change record.
INSERT INTO budget_status AS s (event_id, summary) VALUES ($1, $2)
ON CONFLICT (event_id) DO UPDATE SET summary = EXCLUDED.summary
  WHERE s.summary IS DISTINCT FROM EXCLUDED.summary
RETURNING to_jsonb(s.*) AS row,
  (SELECT to_jsonb(o.*) FROM budget_status o WHERE o.event_id = $1) AS old_row

-- name: wizard_budget
-- The wizard's allocations, once: a redelivered event-created record finds them there.
INSERT INTO event_budgets (event_id, currency) VALUES ($1, $2) ON CONFLICT (event_id) DO NOTHING

-- name: wizard_category
INSERT INTO event_budget_categories (event_id, category, budgeted_amount, currency)
VALUES ($1, $2::budget_category, $3, $4)
ON CONFLICT (event_id, category) DO NOTHING
RETURNING id
