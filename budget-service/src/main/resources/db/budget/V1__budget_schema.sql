-- budget-service: an event's budget categories and expenses (spec section 4, tables 6 and 7),
-- reallocations between categories, and the computed budget status every screen shows. Money is
-- numeric(14,2): exact to the cent, never floating point. The membership read model (events,
-- event_members, people, is_event_member) comes from platform's db/membership, migrated before.

CREATE TYPE budget_category AS ENUM ('venue', 'production', 'talent', 'catering', 'marketing', 'staffing',
  'miscellaneous', 'buffer');
-- 'overdue' is kept for the spec's enum; the service shows overdue as a flag over what people set.
CREATE TYPE paid_status AS ENUM ('pending', 'paid', 'overdue');

CREATE FUNCTION touch_row() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  NEW.updated_at := now();
  NEW.version := OLD.version + 1;
  RETURN NEW;
END $$;

-- One currency per event: every total and variance is in it.
CREATE TABLE event_budgets (
  event_id    uuid PRIMARY KEY,
  currency    text NOT NULL DEFAULT 'USD' CHECK (currency ~ '^[A-Z]{3}$'),
  created_at  timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE event_budget_categories (
  id                   uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  event_id             uuid NOT NULL REFERENCES event_budgets (event_id),
  category             budget_category NOT NULL,
  budgeted_amount      numeric(14,2) NOT NULL CHECK (budgeted_amount >= 0),
  -- The sum of the category's expenses in the event's currency, kept by expenses_sum_into_category.
  actual_amount        numeric(14,2) NOT NULL DEFAULT 0,
  currency             text NOT NULL CHECK (currency ~ '^[A-Z]{3}$'),
  variance_percentage  numeric GENERATED ALWAYS AS (
    CASE WHEN budgeted_amount = 0 THEN NULL
         ELSE round((actual_amount - budgeted_amount) * 100 / budgeted_amount, 1) END) STORED,
  field_times          jsonb NOT NULL DEFAULT '{}',
  created_at           timestamptz NOT NULL DEFAULT now(),
  updated_at           timestamptz NOT NULL DEFAULT now(),
  version              bigint NOT NULL DEFAULT 1,
  UNIQUE (event_id, category),
  UNIQUE (event_id, id)
);
CREATE INDEX budget_event_id_idx ON event_budget_categories (event_id);
CREATE TRIGGER event_budget_categories_touch BEFORE UPDATE ON event_budget_categories
  FOR EACH ROW EXECUTE FUNCTION touch_row();

CREATE TABLE expenses (
  id                        uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  event_id                  uuid NOT NULL,
  budget_category_id        uuid NOT NULL,
  name                      text NOT NULL CHECK (length(name) BETWEEN 1 AND 200),
  amount                    numeric(14,2) NOT NULL CHECK (amount > 0),
  currency                  text NOT NULL CHECK (currency ~ '^[A-Z]{3}$'),
  -- Event-currency units per unit of currency; only for an expense in another currency.
  exchange_rate             numeric(18,8) CHECK (exchange_rate > 0),
  amount_in_event_currency  numeric(14,2) NOT NULL,
  vendor_name               text CHECK (length(vendor_name) <= 200),
  invoice_url               text CHECK (length(invoice_url) <= 2000),
  invoice_file_id           uuid,
  paid_status               paid_status NOT NULL DEFAULT 'pending' CHECK (paid_status <> 'overdue'),
  due_date                  timestamptz,
  field_times               jsonb NOT NULL DEFAULT '{}',
  created_by                uuid,
  created_at                timestamptz NOT NULL DEFAULT now(),
  updated_at                timestamptz NOT NULL DEFAULT now(),
  version                   bigint NOT NULL DEFAULT 1,
  -- The category is one of this event's.
  FOREIGN KEY (event_id, budget_category_id) REFERENCES event_budget_categories (event_id, id)
);
CREATE INDEX expenses_event_id_idx ON expenses (event_id, created_at DESC);
CREATE INDEX expenses_category_idx ON expenses (budget_category_id);
CREATE TRIGGER expenses_touch BEFORE UPDATE ON expenses FOR EACH ROW EXECUTE FUNCTION touch_row();

-- The amount that counts against the budget, whoever writes the row: the amount itself in the
-- event's currency, converted at the stored rate otherwise (and no rate without another currency).
-- Runs as the owner so it reads the event's currency whoever writes; row level security still
-- decides whether the row may be written at all.
CREATE FUNCTION expense_in_event_currency() RETURNS trigger LANGUAGE plpgsql
  SECURITY DEFINER SET search_path = ${schema} AS $$
DECLARE
  event_currency text;
BEGIN
  SELECT currency INTO event_currency FROM event_budgets WHERE event_id = NEW.event_id;
  IF NEW.currency = event_currency THEN
    IF NEW.exchange_rate IS NOT NULL THEN
      RAISE EXCEPTION 'An expense in the event''s currency takes no exchange rate' USING ERRCODE = 'check_violation';
    END IF;
    NEW.amount_in_event_currency := NEW.amount;
  ELSIF NEW.exchange_rate IS NULL THEN
    RAISE EXCEPTION 'An expense in % needs an exchange rate to %', NEW.currency, event_currency
      USING ERRCODE = 'check_violation';
  ELSE
    NEW.amount_in_event_currency := round(NEW.amount * NEW.exchange_rate, 2);
  END IF;
  RETURN NEW;
END $$;
CREATE TRIGGER expenses_in_event_currency BEFORE INSERT OR UPDATE ON expenses
  FOR EACH ROW EXECUTE FUNCTION expense_in_event_currency();

-- Every expense change moves its category's actual amount in the same transaction; the row lock
-- on the category serializes concurrent expenses, so the sum never loses a cent. Runs as the
-- owner: an editor adds expenses but may not edit the category row itself.
CREATE FUNCTION expenses_sum_into_category() RETURNS trigger LANGUAGE plpgsql
  SECURITY DEFINER SET search_path = ${schema} AS $$
BEGIN
  IF TG_OP IN ('UPDATE', 'DELETE') THEN
    UPDATE event_budget_categories SET actual_amount = actual_amount - OLD.amount_in_event_currency
    WHERE id = OLD.budget_category_id;
  END IF;
  IF TG_OP IN ('INSERT', 'UPDATE') THEN
    UPDATE event_budget_categories SET actual_amount = actual_amount + NEW.amount_in_event_currency
    WHERE id = NEW.budget_category_id;
  END IF;
  RETURN NULL;
END $$;
CREATE TRIGGER expenses_sum AFTER INSERT OR UPDATE OR DELETE ON expenses
  FOR EACH ROW EXECUTE FUNCTION expenses_sum_into_category();

CREATE TABLE reallocations (
  id             uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  event_id       uuid NOT NULL REFERENCES event_budgets (event_id),
  from_category  budget_category NOT NULL,
  to_category    budget_category NOT NULL CHECK (to_category <> from_category),
  amount         numeric(14,2) NOT NULL CHECK (amount > 0),
  reason         text CHECK (length(reason) <= 500),
  created_by     uuid,
  created_at     timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX reallocations_event_idx ON reallocations (event_id, created_at DESC);

-- What GET /budget answers, saved after every change and published as a row change: the
-- realtime screen and events-service's event detail take alerts and totals from it.
CREATE TABLE budget_status (
  event_id    uuid PRIMARY KEY REFERENCES event_budgets (event_id),
  summary     jsonb NOT NULL,
  updated_at  timestamptz NOT NULL DEFAULT now(),
  version     bigint NOT NULL DEFAULT 1
);
CREATE TRIGGER budget_status_touch BEFORE UPDATE ON budget_status FOR EACH ROW EXECUTE FUNCTION touch_row();

---------------------------------------------------------------------------------------------
-- Row level security from the membership read model.
---------------------------------------------------------------------------------------------
-- Editors: the lead, admins and edit members add and change expenses.
CREATE FUNCTION can_edit_budget(e uuid) RETURNS boolean
  LANGUAGE sql STABLE SECURITY DEFINER SET search_path = ${schema}
  AS $$ SELECT EXISTS (SELECT 1 FROM event_members WHERE event_id = e AND user_id = current_user_id()
                         AND (role = 'event_lead' OR permissions IN ('admin', 'edit'))) $$;

-- The lead (role event_lead or permissions admin) alone sets budgets and moves money.
CREATE FUNCTION is_budget_lead(e uuid) RETURNS boolean
  LANGUAGE sql STABLE SECURITY DEFINER SET search_path = ${schema}
  AS $$ SELECT EXISTS (SELECT 1 FROM event_members WHERE event_id = e AND user_id = current_user_id()
                         AND (role = 'event_lead' OR permissions = 'admin')) $$;

ALTER TABLE event_budgets ENABLE ROW LEVEL SECURITY;
CREATE POLICY budgets_read ON event_budgets FOR SELECT USING (is_event_member(event_id));
CREATE POLICY budgets_create ON event_budgets FOR INSERT WITH CHECK (can_edit_budget(event_id));

ALTER TABLE event_budget_categories ENABLE ROW LEVEL SECURITY;
CREATE POLICY categories_read ON event_budget_categories FOR SELECT USING (is_event_member(event_id));
CREATE POLICY categories_create ON event_budget_categories FOR INSERT WITH CHECK (is_budget_lead(event_id));
CREATE POLICY categories_change ON event_budget_categories FOR UPDATE
  USING (is_budget_lead(event_id)) WITH CHECK (is_budget_lead(event_id));

ALTER TABLE expenses ENABLE ROW LEVEL SECURITY;
CREATE POLICY expenses_read ON expenses FOR SELECT USING (is_event_member(event_id));
CREATE POLICY expenses_create ON expenses FOR INSERT WITH CHECK (can_edit_budget(event_id));
CREATE POLICY expenses_change ON expenses FOR UPDATE
  USING (can_edit_budget(event_id)) WITH CHECK (can_edit_budget(event_id));
CREATE POLICY expenses_remove ON expenses FOR DELETE USING (can_edit_budget(event_id));

ALTER TABLE reallocations ENABLE ROW LEVEL SECURITY;
CREATE POLICY reallocations_read ON reallocations FOR SELECT USING (is_event_member(event_id));
CREATE POLICY reallocations_create ON reallocations FOR INSERT WITH CHECK (is_budget_lead(event_id));

ALTER TABLE budget_status ENABLE ROW LEVEL SECURITY;
CREATE POLICY status_read ON budget_status FOR SELECT USING (is_event_member(event_id));

GRANT SELECT, INSERT ON event_budgets TO ${app_role};
GRANT SELECT, INSERT, UPDATE ON event_budget_categories TO ${app_role};
GRANT SELECT, INSERT, UPDATE, DELETE ON expenses TO ${app_role};
GRANT SELECT, INSERT ON reallocations TO ${app_role};
GRANT SELECT ON budget_status TO ${app_role};

-- Rows as every answer and change record shows them: money as exact decimal strings.
CREATE VIEW category_views WITH (security_invoker = true) AS
SELECT c.id, c.event_id, c.category, c.budgeted_amount, c.actual_amount,
       jsonb_build_object('id', c.id, 'event_id', c.event_id, 'category', c.category,
         'budgeted', c.budgeted_amount::text, 'actual', c.actual_amount::text,
         'variance', (c.actual_amount - c.budgeted_amount)::text,
         'variance_percentage', c.variance_percentage::text,
         'used_percentage', CASE WHEN c.budgeted_amount = 0 THEN NULL
                                 ELSE round(c.actual_amount * 100 / c.budgeted_amount, 1)::text END,
         'currency', c.currency, 'updated_at', c.updated_at, 'version', c.version) AS category_json
FROM event_budget_categories c;

CREATE VIEW expense_views WITH (security_invoker = true) AS
SELECT e.id, e.event_id, e.budget_category_id, c.category, e.paid_status, e.created_at, e.due_date,
       e.amount_in_event_currency,
       (e.paid_status <> 'paid' AND e.due_date IS NOT NULL AND e.due_date < now()) AS overdue,
       jsonb_build_object('id', e.id, 'event_id', e.event_id, 'budget_category_id', e.budget_category_id,
         'category', c.category, 'name', e.name, 'amount', e.amount::text, 'currency', e.currency,
         'exchange_rate', e.exchange_rate::text, 'amount_in_event_currency', e.amount_in_event_currency::text,
         'vendor_name', e.vendor_name, 'invoice_url', e.invoice_url, 'invoice_file_id', e.invoice_file_id,
         'paid_status', e.paid_status,
         'overdue', (e.paid_status <> 'paid' AND e.due_date IS NOT NULL AND e.due_date < now()),
         'due_date', e.due_date, 'created_by', e.created_by, 'created_at', e.created_at,
         'updated_at', e.updated_at, 'version', e.version) AS expense_json
FROM expenses e JOIN event_budget_categories c ON c.id = e.budget_category_id;

GRANT SELECT ON category_views, expense_views TO ${app_role};
