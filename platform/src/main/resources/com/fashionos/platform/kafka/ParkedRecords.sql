-- name: park
INSERT INTO parked_records (consumer, topic, partition, "offset", record_id, record_key, value, error, attempts)
VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)
ON CONFLICT (consumer, topic, partition, "offset") DO NOTHING
RETURNING id

-- name: list
-- Newest first; the value is left out (it may be up to a Kafka record's size), its size is given.
SELECT id, consumer, topic, partition, "offset", record_id, record_key, octet_length(value) AS value_bytes,
       error, attempts, parked_at, replayed_at
FROM parked_records
WHERE ($1::text IS NULL OR consumer = $1) AND ($2::boolean OR replayed_at IS NULL)
ORDER BY id DESC
LIMIT $3

-- name: find
SELECT id, consumer, topic, partition, "offset", record_id, record_key, value, error, attempts, parked_at, replayed_at
FROM parked_records WHERE id = $1

-- name: replayed
UPDATE parked_records SET replayed_at = now() WHERE id = $1

-- name: replay_failed
UPDATE parked_records SET error = $2, attempts = attempts + 1 WHERE id = $1
