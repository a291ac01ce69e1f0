-- The outbox is a queue: every row is inserted once and deleted within moments by the relay, so
-- its dead rows pile up at the head of the primary-key index the relay reads in order. With the
-- default thresholds (a fifth of a table that is almost empty, then throttled like any big table)
-- they reached 49,805 against 1,489 live rows in production; vacuum it after a fixed number of
-- deleted rows instead, unthrottled, since the table stays small (docs/benchmarks.md, "Outbox").
ALTER TABLE ${schema}.outbox SET (
  autovacuum_vacuum_scale_factor = 0,
  autovacuum_vacuum_threshold = 1000,
  autovacuum_vacuum_cost_delay = 0,
  autovacuum_analyze_scale_factor = 0,
  autovacuum_analyze_threshold = 1000
);
