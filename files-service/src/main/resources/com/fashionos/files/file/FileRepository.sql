-- name: rights
-- What the caller may do with the event's files, and whether its media are public.
SELECT is_event_member($1) AS member, is_files_lead($1) AS lead, can_read_documents($1) AS reads_documents,
       coalesce((SELECT media_public FROM event_storage WHERE event_id = $1), false) AS media_public

-- name: insert_file
INSERT INTO files (id, event_id, bucket, object_key, file_name, content_type, size_bytes, sha256, public, uploaded_by)
VALUES ($1, $2, $3::file_bucket, $4, $5, $6, $7, $8, $9, current_user_id())
RETURNING to_jsonb(files.*) AS row

-- name: list_files
SELECT to_jsonb(f.*) AS row FROM files f
WHERE f.event_id = $1 AND ($2::file_bucket IS NULL OR f.bucket = $2::file_bucket)
ORDER BY f.created_at DESC, f.id

-- name: find_file
SELECT to_jsonb(f.*) AS row FROM files f WHERE f.id = $1 AND f.event_id = $2

-- name: find_public
-- A public file as anyone may fetch it (no caller: read as the owner, filtered by `public`).
SELECT to_jsonb(f.*) AS row FROM files f WHERE f.id = $1 AND f.public

-- name: find_any
-- A file a signed link names (no caller: the link's signature is the permission; read as the owner).
SELECT to_jsonb(f.*) AS row FROM files f WHERE f.id = $1

-- name: delete_file
DELETE FROM files WHERE id = $1 RETURNING to_jsonb(files.*) AS row

-- name: usage
SELECT coalesce(sum(size_bytes), 0) AS used FROM files WHERE event_id = $1

-- name: note_warning
-- Moves the warned level; answers a row only when it went up past the threshold (publish once).
INSERT INTO event_storage AS s (event_id, warned_at_percent) VALUES ($1, $2)
ON CONFLICT (event_id) DO UPDATE SET warned_at_percent = EXCLUDED.warned_at_percent
  WHERE s.warned_at_percent < EXCLUDED.warned_at_percent
RETURNING s.event_id

-- name: reset_warning
UPDATE event_storage SET warned_at_percent = 0 WHERE event_id = $1 AND warned_at_percent > 0

-- name: set_media_public
INSERT INTO event_storage AS s (event_id, media_public) VALUES ($1, $2)
ON CONFLICT (event_id) DO UPDATE SET media_public = EXCLUDED.media_public
RETURNING to_jsonb(s.*) AS row
