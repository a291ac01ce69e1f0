-- Each consumer prunes its processed records older than its dedupe retention (ProcessedRecords),
-- a batch at a time, oldest first. Not CONCURRENTLY: that waits for every open transaction,
-- Flyway's own lock among them. Building it blocks the consumers' inserts meanwhile, a few
-- seconds on production's 4.8 M rows (docs/operations.md, "Deduplication window").
CREATE INDEX processed_records_by_time ON ${schema}.processed_records (consumer, processed_at);
