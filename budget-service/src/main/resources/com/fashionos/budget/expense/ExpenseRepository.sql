-- name: list_expenses
SELECT coalesce(jsonb_agg(v.expense_json ORDER BY v.created_at DESC, v.id), '[]'::jsonb) AS expenses, count(*) AS total
FROM expense_views v
WHERE v.event_id = $1
  AND ($2::budget_category IS NULL OR v.category = $2::budget_category)
  AND ($3::text IS NULL OR ($3 = 'overdue' AND v.overdue) OR v.paid_status::text = $3)

-- name: expense_view
SELECT expense_json FROM expense_views WHERE id = $1 AND event_id = $2

-- name: lock_expense
SELECT e.field_times, e.currency, e.exchange_rate, e.amount, v.expense_json
FROM expenses e JOIN expense_views v ON v.id = e.id
WHERE e.id = $1 AND e.event_id = $2 FOR UPDATE OF e

-- name: category_by_name
SELECT id FROM event_budget_categories WHERE event_id = $1 AND category = $2::budget_category

-- name: category_by_id
SELECT id FROM event_budget_categories WHERE event_id = $1 AND id = $2

-- name: insert_expense
INSERT INTO expenses (event_id, budget_category_id, name, amount, currency, exchange_rate, vendor_name, invoice_url,
                      invoice_file_id, paid_status, due_date, created_by, field_times, amount_in_event_currency)
VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, coalesce($10::paid_status, 'pending'), $11, $12, $13, 0)
RETURNING id

-- name: update_expense
-- amount_in_event_currency follows from the trigger.
UPDATE expenses SET
  budget_category_id = CASE WHEN $2  THEN $3 ELSE budget_category_id END,
  name               = CASE WHEN $4  THEN $5 ELSE name END,
  amount             = CASE WHEN $6  THEN $7 ELSE amount END,
  currency           = CASE WHEN $8  THEN $9 ELSE currency END,
  exchange_rate      = CASE WHEN $10 THEN $11 ELSE exchange_rate END,
  vendor_name        = CASE WHEN $12 THEN $13 ELSE vendor_name END,
  invoice_url        = CASE WHEN $14 THEN $15 ELSE invoice_url END,
  invoice_file_id    = CASE WHEN $16 THEN $17 ELSE invoice_file_id END,
  paid_status        = CASE WHEN $18 THEN $19::paid_status ELSE paid_status END,
  due_date           = CASE WHEN $20 THEN $21 ELSE due_date END,
  field_times        = field_times || $22
WHERE id = $1

-- name: delete_expense
DELETE FROM expenses WHERE id = $1
