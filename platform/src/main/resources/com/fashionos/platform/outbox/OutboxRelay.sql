-- name: try_lead
-- Only one relay per schema publishes at a time, across all replicas; the lock lives as long as
-- the relay's connection.
SELECT pg_try_advisory_lock(hashtextextended($1, 7032)) AS leader

-- name: listen
LISTEN fashionos_outbox

-- name: listen_handover
-- Standbys hear a stopping leader hand its schema over (see hand_over).
LISTEN fashionos_outbox_relay

-- name: hand_over
-- A leader that stops: unlocks now, and the NOTIFY (delivered at the end of this statement's
-- transaction, after the unlock) wakes the standbys to take the lock at once.
SELECT pg_advisory_unlock(hashtextextended($1, 7032)), pg_notify('fashionos_outbox_relay', $2)

-- name: next_batch
-- Published rows are deleted, so the head of the table is always the oldest unpublished row:
-- no id cursor that a late-committing transaction's lower position could slip behind. Served in
-- position order by the primary key, whatever the statistics say (LIMIT with its ORDER BY).
-- The event id goes in a record header, for readers that decide before parsing (the live feed).
SELECT position, record_id, record_type, topic, record_key, payload->>'fashionoseventid' AS event_id,
       payload::text AS payload
FROM outbox ORDER BY position LIMIT $1

-- name: delete_published
DELETE FROM outbox WHERE position = ANY($1)

-- name: has_leader
-- Whether some relay, of any replica, holds the schema's lock. pg_locks shows an advisory lock
-- on a bigint key as its high (classid) and low (objid) 32 bits, with objsubid 1.
SELECT EXISTS (
  SELECT 1 FROM pg_locks
  WHERE locktype = 'advisory' AND granted AND objsubid = 1
    AND database = (SELECT oid FROM pg_database WHERE datname = current_database())
    AND ((classid::bigint << 32) | objid::bigint) = hashtextextended($1, 7032)
) AS has_leader

-- name: backlog
-- For the metrics: the unpublished rows and how long the oldest has waited (created_at is its
-- transaction's start). Read from both ends of the primary key, never by counting the table: a
-- count reads every page, dead rows' included, and every replica samples every 5 s. The relay
-- deletes from the head, so the rows left are the positions between the two ends, less those a
-- rolled-back write numbered (the figure can read a little high, never low).
SELECT coalesce(max(position) - min(position) + 1, 0) AS backlog,
       coalesce((SELECT (extract(epoch FROM now() - created_at) * 1000)::bigint
                 FROM outbox ORDER BY position LIMIT 1), 0) AS oldest_age_ms
FROM outbox
