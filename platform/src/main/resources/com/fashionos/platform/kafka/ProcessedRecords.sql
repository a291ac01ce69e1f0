-- name: prune
-- One batch of a consumer's oldest processed records past its retention, in a short transaction
-- served by processed_records_by_time; SKIP LOCKED lets the consumer's replicas prune side by
-- side. A record still parked and not replayed keeps its row whatever its age: if it was applied
-- since (redelivered), its replay must still find it applied.
DELETE FROM processed_records
WHERE (consumer, record_id) IN (
  SELECT p.consumer, p.record_id FROM processed_records p
  WHERE p.consumer = $1 AND p.processed_at < now() - $2::bigint * interval '1 second'
    AND NOT EXISTS (SELECT 1 FROM parked_records k
                    WHERE k.consumer = p.consumer AND k.record_id = p.record_id AND k.replayed_at IS NULL)
  ORDER BY p.processed_at
  LIMIT $3
  FOR UPDATE SKIP LOCKED)
