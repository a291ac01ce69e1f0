-- name: try_lead
-- Only one relay per schema publishes at a time, across all replicas; the lock lives as long as
-- the relay's connection.
SELECT pg_try_advisory_lock(hashtextextended($1, 7032)) AS leader

-- name: listen
LISTEN fashionos_outbox

-- name: next_batch
-- Published rows are deleted, so the head of the table is always the oldest unpublished row:
-- no id cursor that a late-committing transaction's lower position could slip behind.
SELECT position, topic, record_key, payload::text AS payload FROM outbox ORDER BY position LIMIT $1

-- name: delete_published
DELETE FROM outbox WHERE position = ANY($1)
