-- An expense edit that moves no money (a new name, vendor, due date or paid status) leaves its
-- category's row alone: touching it would bump the category's version and updated_at with nothing
-- to publish, so its last change record would no longer equal what GET answers.
CREATE OR REPLACE FUNCTION expenses_sum_into_category() RETURNS trigger LANGUAGE plpgsql
  SECURITY DEFINER SET search_path = ${schema} AS $$
BEGIN
  IF TG_OP = 'UPDATE' AND OLD.budget_category_id = NEW.budget_category_id
     AND OLD.amount_in_event_currency = NEW.amount_in_event_currency THEN
    RETURN NULL;
  END IF;
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
