-- Two consumers of one service may read the same topic (the activity feed and the task
-- summaries both read fashionos.tasks.v1): each must apply every record once, so the dedupe
-- log is kept per consumer.
ALTER TABLE ${schema}.processed_records ADD COLUMN consumer text NOT NULL DEFAULT '';
ALTER TABLE ${schema}.processed_records DROP CONSTRAINT processed_records_pkey;
ALTER TABLE ${schema}.processed_records ADD PRIMARY KEY (consumer, record_id);
ALTER TABLE ${schema}.processed_records ALTER COLUMN consumer DROP DEFAULT;
