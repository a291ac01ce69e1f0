-- name: list_contracts
SELECT to_jsonb(c.*) AS row, to_jsonb(f.*) AS file FROM contracts c LEFT JOIN files f ON f.id = c.file_id
WHERE c.event_id = $1 AND ($2::contract_status IS NULL OR c.status = $2::contract_status)
ORDER BY c.created_at DESC, c.id

-- name: find_contract
SELECT to_jsonb(c.*) AS row, to_jsonb(f.*) AS file FROM contracts c LEFT JOIN files f ON f.id = c.file_id
WHERE c.id = $1 AND c.event_id = $2

-- name: lock_contract
SELECT to_jsonb(c.*) AS row FROM contracts c WHERE c.id = $1 AND c.event_id = $2 FOR UPDATE

-- name: document_of_event
-- A contract's file: one of this event's documents, as the caller sees it.
SELECT id, content_type FROM files WHERE id = $1 AND event_id = $2 AND bucket = 'event-documents'

-- name: insert_contract
INSERT INTO contracts (event_id, contract_type, party_name, party_id, status, amount, currency, file_id, signed_date,
                       expiration_date, key_terms_status, created_by)
VALUES ($1, $2::contract_type, $3, $4, coalesce($5::contract_status, 'draft'), $6, coalesce($7, 'USD'), $8, $9, $10,
        $11::key_terms_status, current_user_id())
RETURNING id

-- name: update_contract
UPDATE contracts SET
  contract_type    = CASE WHEN $2  THEN $3::contract_type ELSE contract_type END,
  party_name       = CASE WHEN $4  THEN $5 ELSE party_name END,
  party_id         = CASE WHEN $6  THEN $7 ELSE party_id END,
  status           = CASE WHEN $8  THEN $9::contract_status ELSE status END,
  amount           = CASE WHEN $10 THEN $11 ELSE amount END,
  currency         = CASE WHEN $12 THEN $13 ELSE currency END,
  file_id          = CASE WHEN $14 THEN $15 ELSE file_id END,
  signed_date      = CASE WHEN $16 THEN $17 ELSE signed_date END,
  expiration_date  = CASE WHEN $18 THEN $19 ELSE expiration_date END,
  key_terms_status = coalesce($20::key_terms_status, key_terms_status),
  key_terms        = CASE WHEN $20 IS NULL THEN key_terms ELSE '{}'::jsonb END
WHERE id = $1

-- name: delete_contract
DELETE FROM contracts WHERE id = $1 RETURNING to_jsonb(contracts.*) AS row

-- name: claim_pending
-- One contract whose terms wait for extraction; its row stays locked while they are read.
SELECT to_jsonb(c.*) AS row, f.bucket, f.object_key, f.content_type FROM contracts c JOIN files f ON f.id = c.file_id
WHERE c.key_terms_status = 'pending' ORDER BY c.updated_at LIMIT 1 FOR UPDATE OF c SKIP LOCKED

-- name: save_terms
UPDATE contracts SET key_terms = $2, key_terms_status = $3::key_terms_status WHERE id = $1
RETURNING to_jsonb(contracts.*) AS row
