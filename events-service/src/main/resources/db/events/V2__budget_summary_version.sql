-- The budget_status version a budget summary came from, so an older status replayed late never
-- replaces a newer one.
ALTER TABLE ${schema}.budget_summaries ADD COLUMN version bigint NOT NULL DEFAULT 0;
