-- Hub schema 1: the catalog and the label history of every laptop.
-- Applied by `inspection-desk hub migrate` as the hub's owner; laptops connect as the
-- least-privilege role `inspection_desk_sync` (granted below), which may read, append
-- and mark an event undone, and nothing else: no UPDATE of a decision, no DELETE.
-- Photos themselves are objects in the S3-compatible store: originals/<sha256>.<ext>,
-- thumbs/<sha256>.webp. Rows are keyed by what is the same on every laptop.

CREATE TABLE devices (
  device_id     text PRIMARY KEY,
  first_seen    timestamptz NOT NULL DEFAULT now(),
  last_sync     timestamptz
);

-- An inspection: one SD-card import, named by the laptop that read the card.
CREATE TABLE inspections (
  origin        text PRIMARY KEY,            -- '<device id>/<import id>'
  source        text NOT NULL,
  started_at    text NOT NULL,
  finished_at   text
);

CREATE TABLE photos (
  sha256        char(64) PRIMARY KEY,
  ext           text NOT NULL,
  format        text NOT NULL,
  original_name text NOT NULL,
  source_path   text NOT NULL,
  size_bytes    bigint NOT NULL,
  width         integer NOT NULL,
  height        integer NOT NULL,
  captured_at   text NOT NULL,
  captured_from text NOT NULL,
  tube_row      integer,
  tube_col      integer,
  imported_at   text NOT NULL,
  has_thumb     boolean NOT NULL
);

CREATE TABLE inspection_photos (
  origin        text NOT NULL REFERENCES inspections(origin),
  sha256        char(64) NOT NULL REFERENCES photos(sha256),
  PRIMARY KEY (origin, sha256)
);
CREATE INDEX inspection_photos_sha ON inspection_photos(sha256);

CREATE TABLE models (
  id            text PRIMARY KEY,
  name          text NOT NULL,
  version       text NOT NULL,
  file_sha256   text NOT NULL,
  manifest_json text NOT NULL,
  labels_json   text NOT NULL,
  added_at      text NOT NULL
);

-- Append-only. hub_seq orders rows by commit: writers take the advisory lock
-- hub_append_lock() first, so a reader's cursor never skips a row committed later with a
-- smaller number.
CREATE TABLE predictions (
  hub_seq       bigserial UNIQUE,
  sha256        char(64) NOT NULL,
  model_id      text NOT NULL,
  label         text NOT NULL,
  confidence    double precision NOT NULL,
  scores_json   text NOT NULL,
  embedding     bytea,
  created_at    text NOT NULL,
  PRIMARY KEY (sha256, model_id)
);

CREATE TABLE label_events (
  hub_seq         bigserial UNIQUE,
  event_uid       text PRIMARY KEY,
  device_id       text NOT NULL,
  device_seq      bigint NOT NULL,
  device_decision bigint NOT NULL,
  lamport         bigint NOT NULL,
  sha256          char(64) NOT NULL,
  old_label       text,
  new_label       text,
  reviewer        text NOT NULL,
  at              text NOT NULL,
  model_id        text,
  kind            text NOT NULL,
  undone          boolean NOT NULL,
  parents         text[] NOT NULL,
  UNIQUE (device_id, device_seq)
);
CREATE INDEX label_events_sha ON label_events(sha256, lamport);

DO $$ BEGIN
  IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'inspection_desk_sync') THEN
    CREATE ROLE inspection_desk_sync NOLOGIN;
  END IF;
END $$;
GRANT SELECT ON devices, inspections, photos, inspection_photos, models, predictions,
  label_events, hub_schema TO inspection_desk_sync;
GRANT INSERT ON devices, inspections, photos, inspection_photos, models, predictions,
  label_events TO inspection_desk_sync;
GRANT UPDATE (last_sync) ON devices TO inspection_desk_sync;
GRANT UPDATE (undone) ON label_events TO inspection_desk_sync;
GRANT USAGE ON SEQUENCE predictions_hub_seq_seq, label_events_hub_seq_seq TO inspection_desk_sync;
