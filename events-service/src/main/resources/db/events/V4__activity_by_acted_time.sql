-- The feed is read latest-acted first (offline replays land where the user acted), ties by arrival.
CREATE INDEX activity_event_acted_idx ON activity_logs (event_id, acted_at DESC, created_at DESC, id DESC);
DROP INDEX activity_event_created_idx;
