/**
 * Numbered schema migrations, applied in order inside one transaction each and
 * recorded in `PRAGMA user_version`. Never edit a shipped migration: add one.
 */
export const migrations: readonly string[] = [
  // 1: the initial schema.
  `
  CREATE TABLE imports (
    id            INTEGER PRIMARY KEY,
    source        TEXT NOT NULL,           -- absolute path of the imported folder
    status        TEXT NOT NULL CHECK (status IN ('running','done','cancelled','failed')),
    started_at    TEXT NOT NULL,
    finished_at   TEXT,
    files_seen    INTEGER NOT NULL DEFAULT 0,
    imported      INTEGER NOT NULL DEFAULT 0,
    duplicates    INTEGER NOT NULL DEFAULT 0,
    already_done  INTEGER NOT NULL DEFAULT 0,
    errors        INTEGER NOT NULL DEFAULT 0,
    bytes         INTEGER NOT NULL DEFAULT 0,
    classified    INTEGER NOT NULL DEFAULT 0,
    duration_ms   INTEGER
  );
  CREATE INDEX imports_source ON imports(source);

  -- What happened to each file of an import; lets a re-run skip finished files.
  CREATE TABLE import_files (
    import_id     INTEGER NOT NULL REFERENCES imports(id),
    rel_path      TEXT NOT NULL,           -- path inside the source folder, '/' separated
    size          INTEGER NOT NULL,
    mtime_ms      INTEGER NOT NULL,
    status        TEXT NOT NULL CHECK (status IN ('imported','duplicate','error')),
    image_id      INTEGER REFERENCES images(id),
    error_code    TEXT,
    error_message TEXT,
    PRIMARY KEY (import_id, rel_path)
  );
  CREATE INDEX import_files_status ON import_files(import_id, status);

  CREATE TABLE images (
    id            INTEGER PRIMARY KEY,
    sha256        TEXT NOT NULL UNIQUE,
    ext           TEXT NOT NULL,           -- of the stored original: jpg, png, webp, tif
    format        TEXT NOT NULL,           -- as recognized from the bytes
    original_name TEXT NOT NULL,
    source_path   TEXT NOT NULL,           -- path on the card, relative to the imported folder
    import_id     INTEGER NOT NULL REFERENCES imports(id),
    size_bytes    INTEGER NOT NULL,
    width         INTEGER NOT NULL,        -- after EXIF orientation
    height        INTEGER NOT NULL,
    captured_at   TEXT NOT NULL,           -- ISO 8601
    captured_from TEXT NOT NULL CHECK (captured_from IN ('exif','file')),
    tube_row      INTEGER,
    tube_col      INTEGER,
    imported_at   TEXT NOT NULL
  );
  CREATE INDEX images_import ON images(import_id, id);
  CREATE INDEX images_captured ON images(captured_at, id);
  CREATE INDEX images_tube ON images(tube_row, tube_col, id);
  CREATE INDEX images_name ON images(original_name);

  CREATE TABLE models (
    id            TEXT PRIMARY KEY,        -- '<manifest id>@<version>'
    name          TEXT NOT NULL,
    version       TEXT NOT NULL,
    file_sha256   TEXT NOT NULL,
    dir           TEXT NOT NULL,           -- folder holding model.onnx + model.json
    manifest_json TEXT NOT NULL,
    labels_json   TEXT NOT NULL,
    added_at      TEXT NOT NULL
  );

  CREATE TABLE predictions (
    image_id      INTEGER NOT NULL REFERENCES images(id),
    model_id      TEXT NOT NULL REFERENCES models(id),
    label         TEXT NOT NULL,
    confidence    REAL NOT NULL,
    scores_json   TEXT NOT NULL,
    embedding     BLOB,                    -- float32 little-endian, when the model has one
    created_at    TEXT NOT NULL,
    PRIMARY KEY (image_id, model_id)
  ) WITHOUT ROWID;
  CREATE INDEX predictions_confidence ON predictions(model_id, confidence, image_id);
  CREATE INDEX predictions_label ON predictions(model_id, label, confidence, image_id);

  -- The current human label of a photo.
  CREATE TABLE labels (
    image_id      INTEGER PRIMARY KEY REFERENCES images(id),
    label         TEXT NOT NULL,
    reviewer      TEXT NOT NULL,
    reviewed_at   TEXT NOT NULL
  );
  CREATE INDEX labels_label ON labels(label, image_id);

  -- Append-only history of every label decision.
  CREATE TABLE label_events (
    id            INTEGER PRIMARY KEY,
    decision_id   INTEGER NOT NULL,        -- one decision may cover a multi-selection
    image_id      INTEGER NOT NULL REFERENCES images(id),
    old_label     TEXT,
    new_label     TEXT,
    reviewer      TEXT NOT NULL,
    at            TEXT NOT NULL,
    model_id      TEXT,                    -- active model at the time
    kind          TEXT NOT NULL CHECK (kind IN ('set','accept','undo')),
    undone        INTEGER NOT NULL DEFAULT 0
  );
  CREATE INDEX label_events_image ON label_events(image_id, id);
  CREATE INDEX label_events_decision ON label_events(reviewer, decision_id);

  CREATE TABLE settings (
    key           TEXT PRIMARY KEY,
    value         TEXT NOT NULL
  );
  `,
];
