-- name: lock_key
-- Serialises writers of one event so outbox positions of one key follow commit order.
SELECT pg_advisory_xact_lock(hashtextextended($1, 7031))

-- name: append
INSERT INTO outbox (record_id, topic, record_key, record_type, payload) VALUES ($1, $2, $3, $4, $5)
