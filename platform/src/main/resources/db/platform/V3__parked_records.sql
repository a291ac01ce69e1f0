-- Records a consumer could not apply after its retries (or could not even read), kept so the
-- consumer can go on with the next one and an operator can look at them and replay them
-- (GET /admin/parked-records, POST /admin/parked-records/{id}/replay; docs/operations.md).
-- key and value are the record's bytes as consumed: a poison record may hold what text cannot.
CREATE TABLE ${schema}.parked_records (
  id          bigserial   PRIMARY KEY,
  consumer    text        NOT NULL,
  topic       text        NOT NULL,
  partition   integer     NOT NULL,
  "offset"    bigint      NOT NULL,
  record_id   uuid,
  record_key  bytea,
  value       bytea,
  error       text        NOT NULL,
  attempts    integer     NOT NULL,
  parked_at   timestamptz NOT NULL DEFAULT now(),
  replayed_at timestamptz,
  -- A record redelivered after a crash between parking and committing is parked once.
  UNIQUE (consumer, topic, partition, "offset")
);
