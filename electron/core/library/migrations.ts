/**
 * Numbered schema migrations, applied in order inside one transaction each and
 * recorded in `PRAGMA user_version`. Never edit a shipped migration: add one.
 */

/**
 * SQL of the confidence step of migration 3 (`grid_counts.conf_step`). FROZEN: it is
 * part of a shipped migration's text, and `confidenceStep` in grid-counts.ts computes
 * the very same function in JavaScript.
 *
 * With b = the largest integer such that b / 100.0 <= c, the step is 2b when c is
 * exactly b / 100.0 and 2b + 1 when c lies strictly between b / 100.0 and (b + 1) / 100.0.
 * `CAST(c * 100 AS INTEGER)` may be one off b (rounding of c * 100): the two comparisons
 * correct it against the same divisions the queries compare with. NULL stays NULL.
 */
function confStepSql(c: string): string {
  const b0 = `CAST(${c} * 100 AS INTEGER)`;
  const b = `(${b0} - (${c} < ${b0} / 100.0) + (${c} >= (${b0} + 1) / 100.0))`;
  return `(2 * ${b} + (${c} > ${b} / 100.0))`;
}

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

  // 2: the review grid's query table. `library.list` must page through 100,000 photos
  // by any filter and sort in a few milliseconds, but its filters span three tables
  // (the effective label is the reviewer's label, else the ACTIVE model's prediction)
  // and no index can cover a join. So `review_grid` holds one row per photo with the
  // columns the grid filters and sorts on, kept exact by triggers on images,
  // predictions, labels and the `activeModel` setting whoever writes them (ingest,
  // inference, review, a test fixture), inside the writer's own transaction.
  // Each filter dimension gets an index per sort key, `(dimension, sort key, image_id)`,
  // so a page is an ordered index range walk that stops after `limit` rows; rare
  // dimensions (disagreement, unclassified) get small partial indexes instead.
  // The derived columns are plain columns written by the triggers, not generated ones:
  // SQLite never treats an index as covering a generated column, and the summary's
  // counts must not read 100,000 table rows. CHECKs keep them honest.
  // Switching the active model rewrites `predicted`/`confidence` of every row once.
  `
  CREATE TABLE review_grid (
    image_id      INTEGER PRIMARY KEY,
    import_id     INTEGER NOT NULL,
    captured_at   TEXT NOT NULL,
    tube_row      INTEGER,
    tube_col      INTEGER,
    -- One sortable key for (row, col); robot names carry at most 4 digits per part.
    tube_key      INTEGER,
    predicted     TEXT,                    -- the active model's label, NULL when unclassified
    confidence    REAL,
    label         TEXT,                    -- the reviewer's label, NULL when not reviewed
    eff_label     TEXT,                    -- label, else predicted
    reviewed      INTEGER NOT NULL,
    disagree      INTEGER NOT NULL,        -- reviewed and label <> predicted
    CHECK (tube_key IS (CASE WHEN tube_row IS NOT NULL AND tube_col IS NOT NULL
                             THEN tube_row * 1000000 + tube_col END)),
    CHECK (eff_label IS coalesce(label, predicted)),
    CHECK (reviewed = (label IS NOT NULL)),
    CHECK (disagree = (label IS NOT NULL AND predicted IS NOT NULL AND label <> predicted))
  );

  CREATE INDEX grid_conf ON review_grid(confidence, image_id);
  CREATE INDEX grid_label_conf ON review_grid(eff_label, confidence, image_id);
  CREATE INDEX grid_pred_conf ON review_grid(predicted, confidence, image_id);
  CREATE INDEX grid_rev_conf ON review_grid(reviewed, confidence, image_id);
  CREATE INDEX grid_rev_label_conf ON review_grid(reviewed, eff_label, confidence, image_id);
  CREATE INDEX grid_import_conf ON review_grid(import_id, confidence, image_id);
  CREATE INDEX grid_disagree_conf ON review_grid(confidence, image_id) WHERE disagree = 1;

  CREATE INDEX grid_captured ON review_grid(captured_at, image_id);
  CREATE INDEX grid_label_captured ON review_grid(eff_label, captured_at, image_id);
  CREATE INDEX grid_rev_captured ON review_grid(reviewed, captured_at, image_id);
  CREATE INDEX grid_import_captured ON review_grid(import_id, captured_at, image_id);
  CREATE INDEX grid_disagree_captured ON review_grid(captured_at, image_id) WHERE disagree = 1;
  CREATE INDEX grid_unclassified_captured ON review_grid(captured_at, image_id)
    WHERE confidence IS NULL;

  CREATE INDEX grid_tube ON review_grid(tube_key, image_id);
  CREATE INDEX grid_label_tube ON review_grid(eff_label, tube_key, image_id);
  CREATE INDEX grid_rev_tube ON review_grid(reviewed, tube_key, image_id);
  CREATE INDEX grid_import_tube ON review_grid(import_id, tube_key, image_id);
  CREATE INDEX grid_disagree_tube ON review_grid(tube_key, image_id) WHERE disagree = 1;
  CREATE INDEX grid_unclassified_tube ON review_grid(tube_key, image_id) WHERE confidence IS NULL;

  CREATE INDEX grid_label_id ON review_grid(eff_label, image_id);
  CREATE INDEX grid_rev_id ON review_grid(reviewed, image_id);
  CREATE INDEX grid_import_id ON review_grid(import_id, image_id);
  CREATE INDEX grid_disagree_id ON review_grid(image_id) WHERE disagree = 1;
  CREATE INDEX grid_unclassified_id ON review_grid(image_id) WHERE confidence IS NULL;

  -- The summary: (truth, prediction) pairs of reviewed photos, and one cell per tube.
  CREATE INDEX grid_review_pairs ON review_grid(label, predicted) WHERE label IS NOT NULL;
  CREATE INDEX grid_tube_cells ON review_grid(tube_key, captured_at, eff_label, reviewed)
    WHERE tube_key IS NOT NULL;

  -- The grid row of photos, from the base tables (the backfill and the insert trigger).
  CREATE VIEW review_grid_source AS
  SELECT i.id AS image_id, i.import_id, i.captured_at, i.tube_row, i.tube_col,
         CASE WHEN i.tube_row IS NOT NULL AND i.tube_col IS NOT NULL
              THEN i.tube_row * 1000000 + i.tube_col END AS tube_key,
         p.label AS predicted, p.confidence, l.label,
         coalesce(l.label, p.label) AS eff_label,
         l.label IS NOT NULL AS reviewed,
         (l.label IS NOT NULL AND p.label IS NOT NULL AND l.label <> p.label) AS disagree
  FROM images i
  LEFT JOIN predictions p
    ON p.image_id = i.id AND p.model_id = (SELECT value FROM settings WHERE key = 'activeModel')
  LEFT JOIN labels l ON l.image_id = i.id;

  INSERT INTO review_grid SELECT * FROM review_grid_source;

  CREATE TRIGGER review_grid_image_insert AFTER INSERT ON images BEGIN
    INSERT OR REPLACE INTO review_grid SELECT * FROM review_grid_source WHERE image_id = NEW.id;
  END;
  CREATE TRIGGER review_grid_image_update
  AFTER UPDATE OF import_id, captured_at, tube_row, tube_col ON images BEGIN
    UPDATE review_grid SET
      import_id = NEW.import_id, captured_at = NEW.captured_at,
      tube_row = NEW.tube_row, tube_col = NEW.tube_col,
      tube_key = CASE WHEN NEW.tube_row IS NOT NULL AND NEW.tube_col IS NOT NULL
                      THEN NEW.tube_row * 1000000 + NEW.tube_col END
    WHERE image_id = NEW.id;
  END;
  CREATE TRIGGER review_grid_image_delete AFTER DELETE ON images BEGIN
    DELETE FROM review_grid WHERE image_id = OLD.id;
  END;

  -- In an UPDATE, every SET expression reads the row as it was: label/predicted below
  -- are the values the statement does not change.
  CREATE TRIGGER review_grid_prediction_insert AFTER INSERT ON predictions
  WHEN NEW.model_id = (SELECT value FROM settings WHERE key = 'activeModel') BEGIN
    UPDATE review_grid SET
      predicted = NEW.label, confidence = NEW.confidence,
      eff_label = coalesce(label, NEW.label),
      disagree = (label IS NOT NULL AND label <> NEW.label)
    WHERE image_id = NEW.image_id;
  END;
  CREATE TRIGGER review_grid_prediction_update AFTER UPDATE ON predictions
  WHEN NEW.model_id = (SELECT value FROM settings WHERE key = 'activeModel')
    OR OLD.model_id = (SELECT value FROM settings WHERE key = 'activeModel') BEGIN
    DELETE FROM review_grid WHERE image_id IN (OLD.image_id, NEW.image_id);
    INSERT INTO review_grid SELECT * FROM review_grid_source
    WHERE image_id IN (OLD.image_id, NEW.image_id);
  END;
  CREATE TRIGGER review_grid_prediction_delete AFTER DELETE ON predictions
  WHEN OLD.model_id = (SELECT value FROM settings WHERE key = 'activeModel') BEGIN
    UPDATE review_grid SET predicted = NULL, confidence = NULL, eff_label = label, disagree = 0
    WHERE image_id = OLD.image_id;
  END;

  CREATE TRIGGER review_grid_label_insert AFTER INSERT ON labels BEGIN
    UPDATE review_grid SET
      label = NEW.label, eff_label = NEW.label, reviewed = 1,
      disagree = (predicted IS NOT NULL AND predicted <> NEW.label)
    WHERE image_id = NEW.image_id;
  END;
  CREATE TRIGGER review_grid_label_update AFTER UPDATE ON labels BEGIN
    UPDATE review_grid SET label = NULL, eff_label = predicted, reviewed = 0, disagree = 0
    WHERE image_id = OLD.image_id AND OLD.image_id <> NEW.image_id;
    UPDATE review_grid SET
      label = NEW.label, eff_label = NEW.label, reviewed = 1,
      disagree = (predicted IS NOT NULL AND predicted <> NEW.label)
    WHERE image_id = NEW.image_id;
  END;
  CREATE TRIGGER review_grid_label_delete AFTER DELETE ON labels BEGIN
    UPDATE review_grid SET label = NULL, eff_label = predicted, reviewed = 0, disagree = 0
    WHERE image_id = OLD.image_id;
  END;

  -- A new active model: every row's prediction is rewritten from the base tables in one
  -- pass (rows whose prediction does not change are skipped). About 20 indexes hold the
  -- prediction, so on 100,000 photos this takes seconds: activating a model is rare.
  CREATE TRIGGER review_grid_active_model_insert AFTER INSERT ON settings
  WHEN NEW.key = 'activeModel' BEGIN
    UPDATE review_grid SET predicted = s.predicted, confidence = s.confidence,
                           eff_label = s.eff_label, disagree = s.disagree
    FROM review_grid_source AS s
    WHERE s.image_id = review_grid.image_id
      AND (s.predicted IS NOT review_grid.predicted OR s.confidence IS NOT review_grid.confidence);
  END;
  CREATE TRIGGER review_grid_active_model_update AFTER UPDATE ON settings
  WHEN (NEW.key = 'activeModel' OR OLD.key = 'activeModel')
    AND (OLD.key IS NOT NEW.key OR OLD.value IS NOT NEW.value) BEGIN
    UPDATE review_grid SET predicted = s.predicted, confidence = s.confidence,
                           eff_label = s.eff_label, disagree = s.disagree
    FROM review_grid_source AS s
    WHERE s.image_id = review_grid.image_id
      AND (s.predicted IS NOT review_grid.predicted OR s.confidence IS NOT review_grid.confidence);
  END;
  CREATE TRIGGER review_grid_active_model_delete AFTER DELETE ON settings
  WHEN OLD.key = 'activeModel' BEGIN
    UPDATE review_grid SET predicted = NULL, confidence = NULL, eff_label = label, disagree = 0
    WHERE predicted IS NOT NULL OR confidence IS NOT NULL;
  END;

  -- review.setLabel numbers each decision max(decision_id) + 1, on every key press.
  CREATE INDEX label_events_decision_id ON label_events(decision_id);
  `,

  // 3: aggregates of the review grid, so counts and the summary cost the same at 100,000
  // photos as at 100. SQLite counts a range by walking it (a count of 40,000 unreviewed
  // photos walks 40,000 index entries; the tube map grouped 90,000), so two small tables
  // are kept by triggers on `review_grid` itself: whatever keeps the grid exact (base
  // table triggers, model activation) keeps these exact too, in the same transaction.
  //
  // `grid_counts`: photos per (reviewer label, active model's prediction, confidence
  // step). Every grid filter except the import is a condition on these three (effective
  // label, reviewed and disagreement derive from label and prediction), so a count is a
  // sum over a few hundred rows. The step (see confStepSql) is exact at every 0.01: a
  // bound on a whole percent, like every bound the filter bar sends, is a step range; any
  // other bound adds one range count within a single step over the grid's indexes. It
  // also yields the summary's 10-bin histogram exactly. NULL columns are values here
  // (unreviewed, unclassified), so the key is kept unique by the triggers rather than by
  // the index, which treats NULLs as distinct; rows that drop to 0 stay (a few hundred).
  //
  // `tube_cells`: the latest photo of each tube (latest capture, then highest id: the
  // later import of the same moment), with its effective label and reviewed flag: the
  // summary's tube map, one row per tube.
  //
  // The two summary-only grid indexes go: their work moved here, and every label key
  // press had to update them.
  //
  // Some grid indexes gain trailing columns that filters often add to the walked
  // dimension (confidence bounds, review state, the reviewer's label): SQLite checks
  // those on the index entry and reads the table row only for matches. "Not reviewed,
  // confidence <= 0.8" sorted by tube walked 4 index entries per match and read the table
  // row of each: 2,000 row reads for a 500-photo page, now 500. The sort order is
  // unchanged (image_id stays the tie-breaker before the new columns).
  `
  CREATE TABLE grid_counts (
    label         TEXT,                    -- the reviewer's label, NULL when not reviewed
    predicted     TEXT,                    -- the active model's label, NULL when unclassified
    conf_step     INTEGER,                 -- confidence step, NULL when unclassified
    photos        INTEGER NOT NULL
  );
  CREATE UNIQUE INDEX grid_counts_key ON grid_counts(label, predicted, conf_step);
  INSERT INTO grid_counts (label, predicted, conf_step, photos)
  SELECT label, predicted, ${confStepSql('confidence')}, count(*)
  FROM review_grid GROUP BY 1, 2, 3;

  CREATE TABLE tube_cells (
    tube_key      INTEGER PRIMARY KEY,
    tube_row      INTEGER NOT NULL,
    tube_col      INTEGER NOT NULL,
    image_id      INTEGER NOT NULL,
    captured_at   TEXT NOT NULL,
    eff_label     TEXT,
    reviewed      INTEGER NOT NULL
  );
  INSERT INTO tube_cells (tube_key, tube_row, tube_col, image_id, captured_at, eff_label, reviewed)
  SELECT tube_key, tube_row, tube_col, image_id, captured_at, eff_label, reviewed FROM (
    SELECT *, row_number() OVER (PARTITION BY tube_key
                                 ORDER BY captured_at DESC, image_id DESC) AS nth
    FROM review_grid WHERE tube_key IS NOT NULL)
  WHERE nth = 1;

  DROP INDEX grid_review_pairs;
  DROP INDEX grid_tube_cells;

  DROP INDEX grid_captured;
  CREATE INDEX grid_captured ON review_grid(captured_at, image_id, confidence);
  DROP INDEX grid_tube;
  CREATE INDEX grid_tube ON review_grid(tube_key, image_id, confidence);
  DROP INDEX grid_rev_captured;
  CREATE INDEX grid_rev_captured ON review_grid(reviewed, captured_at, image_id, confidence);
  DROP INDEX grid_rev_tube;
  CREATE INDEX grid_rev_tube ON review_grid(reviewed, tube_key, image_id, confidence);
  DROP INDEX grid_rev_id;
  CREATE INDEX grid_rev_id ON review_grid(reviewed, image_id, confidence);
  DROP INDEX grid_label_captured;
  CREATE INDEX grid_label_captured
    ON review_grid(eff_label, captured_at, image_id, reviewed, confidence);
  DROP INDEX grid_label_tube;
  CREATE INDEX grid_label_tube ON review_grid(eff_label, tube_key, image_id, reviewed, confidence);
  DROP INDEX grid_label_id;
  CREATE INDEX grid_label_id ON review_grid(eff_label, image_id, reviewed, confidence);
  DROP INDEX grid_disagree_conf;
  CREATE INDEX grid_disagree_conf ON review_grid(confidence, image_id, eff_label)
    WHERE disagree = 1;
  DROP INDEX grid_disagree_captured;
  CREATE INDEX grid_disagree_captured ON review_grid(captured_at, image_id, eff_label)
    WHERE disagree = 1;
  DROP INDEX grid_disagree_tube;
  CREATE INDEX grid_disagree_tube ON review_grid(tube_key, image_id, eff_label)
    WHERE disagree = 1;
  DROP INDEX grid_disagree_id;
  CREATE INDEX grid_disagree_id ON review_grid(image_id, eff_label) WHERE disagree = 1;

  -- review_grid_image_insert writes with INSERT OR REPLACE, which would drop a stale row
  -- of the same photo without firing delete triggers: take it out of the aggregates first.
  CREATE TRIGGER grid_aggregates_replace BEFORE INSERT ON review_grid
  WHEN EXISTS (SELECT 1 FROM review_grid WHERE image_id = NEW.image_id) BEGIN
    UPDATE grid_counts SET photos = photos - 1
    FROM (SELECT label, predicted, confidence FROM review_grid WHERE image_id = NEW.image_id) AS o
    WHERE grid_counts.label IS o.label AND grid_counts.predicted IS o.predicted
      AND grid_counts.conf_step IS ${confStepSql('o.confidence')};
    DELETE FROM tube_cells WHERE image_id = NEW.image_id
      AND tube_key = (SELECT tube_key FROM review_grid WHERE image_id = NEW.image_id);
    INSERT INTO tube_cells (tube_key, tube_row, tube_col, image_id, captured_at, eff_label, reviewed)
    SELECT g.tube_key, g.tube_row, g.tube_col, g.image_id, g.captured_at, g.eff_label, g.reviewed
    FROM review_grid AS g
    WHERE g.tube_key = (SELECT tube_key FROM review_grid WHERE image_id = NEW.image_id)
      AND g.image_id <> NEW.image_id
      AND NOT EXISTS (SELECT 1 FROM tube_cells AS t WHERE t.tube_key = g.tube_key)
    ORDER BY g.captured_at DESC, g.image_id DESC LIMIT 1;
  END;

  CREATE TRIGGER grid_counts_insert AFTER INSERT ON review_grid BEGIN
    INSERT INTO grid_counts (label, predicted, conf_step, photos)
    SELECT NEW.label, NEW.predicted, ${confStepSql('NEW.confidence')}, 0
    WHERE NOT EXISTS (SELECT 1 FROM grid_counts WHERE label IS NEW.label
      AND predicted IS NEW.predicted AND conf_step IS ${confStepSql('NEW.confidence')});
    UPDATE grid_counts SET photos = photos + 1
    WHERE label IS NEW.label AND predicted IS NEW.predicted
      AND conf_step IS ${confStepSql('NEW.confidence')};
  END;
  CREATE TRIGGER grid_counts_update AFTER UPDATE OF label, predicted, confidence ON review_grid
  WHEN OLD.label IS NOT NEW.label OR OLD.predicted IS NOT NEW.predicted
    OR OLD.confidence IS NOT NEW.confidence BEGIN
    UPDATE grid_counts SET photos = photos - 1
    WHERE label IS OLD.label AND predicted IS OLD.predicted
      AND conf_step IS ${confStepSql('OLD.confidence')};
    INSERT INTO grid_counts (label, predicted, conf_step, photos)
    SELECT NEW.label, NEW.predicted, ${confStepSql('NEW.confidence')}, 0
    WHERE NOT EXISTS (SELECT 1 FROM grid_counts WHERE label IS NEW.label
      AND predicted IS NEW.predicted AND conf_step IS ${confStepSql('NEW.confidence')});
    UPDATE grid_counts SET photos = photos + 1
    WHERE label IS NEW.label AND predicted IS NEW.predicted
      AND conf_step IS ${confStepSql('NEW.confidence')};
  END;
  CREATE TRIGGER grid_counts_delete AFTER DELETE ON review_grid BEGIN
    UPDATE grid_counts SET photos = photos - 1
    WHERE label IS OLD.label AND predicted IS OLD.predicted
      AND conf_step IS ${confStepSql('OLD.confidence')};
  END;

  -- A new photo of a tube takes the cell when it is the latest.
  CREATE TRIGGER tube_cells_insert AFTER INSERT ON review_grid
  WHEN NEW.tube_key IS NOT NULL BEGIN
    DELETE FROM tube_cells WHERE tube_key = NEW.tube_key
      AND (image_id = NEW.image_id OR (captured_at, image_id) < (NEW.captured_at, NEW.image_id));
    INSERT INTO tube_cells (tube_key, tube_row, tube_col, image_id, captured_at, eff_label, reviewed)
    SELECT NEW.tube_key, NEW.tube_row, NEW.tube_col, NEW.image_id, NEW.captured_at, NEW.eff_label,
           NEW.reviewed
    WHERE NOT EXISTS (SELECT 1 FROM tube_cells WHERE tube_key = NEW.tube_key);
  END;
  -- The cell's photo left (deleted, moved, re-dated): the tube's latest remaining photo
  -- takes the cell (a few rows over grid_tube); then the row joins its (new) tube.
  CREATE TRIGGER tube_cells_delete AFTER DELETE ON review_grid
  WHEN OLD.tube_key IS NOT NULL BEGIN
    DELETE FROM tube_cells WHERE tube_key = OLD.tube_key AND image_id = OLD.image_id;
    INSERT INTO tube_cells (tube_key, tube_row, tube_col, image_id, captured_at, eff_label, reviewed)
    SELECT tube_key, tube_row, tube_col, image_id, captured_at, eff_label, reviewed FROM review_grid
    WHERE tube_key = OLD.tube_key
      AND NOT EXISTS (SELECT 1 FROM tube_cells WHERE tube_key = OLD.tube_key)
    ORDER BY captured_at DESC, image_id DESC LIMIT 1;
  END;
  CREATE TRIGGER tube_cells_move AFTER UPDATE OF tube_key, captured_at ON review_grid
  WHEN OLD.tube_key IS NOT NEW.tube_key OR OLD.captured_at IS NOT NEW.captured_at BEGIN
    DELETE FROM tube_cells WHERE tube_key = OLD.tube_key AND image_id = OLD.image_id;
    INSERT INTO tube_cells (tube_key, tube_row, tube_col, image_id, captured_at, eff_label, reviewed)
    SELECT tube_key, tube_row, tube_col, image_id, captured_at, eff_label, reviewed FROM review_grid
    WHERE tube_key = OLD.tube_key
      AND NOT EXISTS (SELECT 1 FROM tube_cells WHERE tube_key = OLD.tube_key)
    ORDER BY captured_at DESC, image_id DESC LIMIT 1;
    DELETE FROM tube_cells WHERE tube_key = NEW.tube_key
      AND (captured_at, image_id) < (NEW.captured_at, NEW.image_id);
    INSERT INTO tube_cells (tube_key, tube_row, tube_col, image_id, captured_at, eff_label, reviewed)
    SELECT NEW.tube_key, NEW.tube_row, NEW.tube_col, NEW.image_id, NEW.captured_at, NEW.eff_label,
           NEW.reviewed
    WHERE NEW.tube_key IS NOT NULL
      AND NOT EXISTS (SELECT 1 FROM tube_cells WHERE tube_key = NEW.tube_key);
  END;
  CREATE TRIGGER tube_cells_label AFTER UPDATE OF eff_label, reviewed ON review_grid
  WHEN NEW.tube_key IS NOT NULL
    AND (OLD.eff_label IS NOT NEW.eff_label OR OLD.reviewed IS NOT NEW.reviewed) BEGIN
    UPDATE tube_cells SET eff_label = NEW.eff_label, reviewed = NEW.reviewed
    WHERE tube_key = NEW.tube_key AND image_id = NEW.image_id;
  END;
  `,
  // 4: embeddings, compact and per model version (issue 13). One row per (model, photo):
  // int8 values with one scale each (value ~= byte * scale), 4x smaller than the float32
  // `predictions.embedding` column of schema 1, which is no longer written (the backfill
  // job moves old values here). Keyed model first: similarity search and the improve
  // job read every photo of one model in one range scan.
  `
  CREATE TABLE embeddings (
    model_id      TEXT NOT NULL REFERENCES models(id),
    image_id      INTEGER NOT NULL REFERENCES images(id),
    dim           INTEGER NOT NULL CHECK (dim > 0),
    scale         REAL NOT NULL CHECK (scale >= 0),
    data          BLOB NOT NULL CHECK (length(data) = dim),
    PRIMARY KEY (model_id, image_id)
  ) WITHOUT ROWID;
  `,
  // 5 (reliability): who runs an import, and file errors a user can read in any language.
  // `runner_pid` lets a second process tell a live import of the same card (start its own
  // record) from one a crash left 'running' (resume it), and lets start-up clean-up leave
  // a live import's files alone. `error_key`/`error_values` hold the catalog message of
  // an unreadable file (electron/shared/core-messages), so the UI shows it in the user's
  // language; rows from before keep their English `error_message`.
  `
  ALTER TABLE imports ADD COLUMN runner_pid INTEGER;
  ALTER TABLE import_files ADD COLUMN error_key TEXT;
  ALTER TABLE import_files ADD COLUMN error_values TEXT;
  `,
  // 6: label events that merge across laptops (bundles, hub sync). Every library gets a
  // random device id; every label event a globally unique id (`<device>-<seq>`), its
  // device's sequence number and a Lamport clock: one more than the largest clock this
  // library holds, so a decision made after seeing another laptop's decision sorts after
  // it, whatever the laptops' wall clocks say. `label_event_parents` records which events
  // a decision saw as the photo's current ones (its "heads"): two heads with different
  // labels are two people deciding differently without seeing each other, kept in
  // `label_conflicts` until someone decides again on a library holding both. Local
  // writers need not know: the stamp trigger fills the columns of any event inserted
  // without an id. Existing rows are backfilled as this device's, in id order.
  `
  INSERT OR IGNORE INTO settings (key, value) VALUES ('deviceId', lower(hex(randomblob(16))));

  ALTER TABLE label_events ADD COLUMN event_uid TEXT;
  ALTER TABLE label_events ADD COLUMN device_id TEXT;
  ALTER TABLE label_events ADD COLUMN device_seq INTEGER;
  ALTER TABLE label_events ADD COLUMN device_decision INTEGER;
  ALTER TABLE label_events ADD COLUMN lamport INTEGER;
  UPDATE label_events SET
    device_id = (SELECT value FROM settings WHERE key = 'deviceId'),
    device_seq = id, device_decision = decision_id, lamport = id,
    event_uid = (SELECT value FROM settings WHERE key = 'deviceId') || '-' || id;
  CREATE UNIQUE INDEX label_events_uid ON label_events(event_uid);
  CREATE UNIQUE INDEX label_events_device_seq ON label_events(device_id, device_seq);
  CREATE INDEX label_events_lamport ON label_events(lamport);
  CREATE INDEX label_events_image_lamport ON label_events(image_id, lamport);

  CREATE TABLE label_event_parents (
    event_uid     TEXT NOT NULL,
    parent_uid    TEXT NOT NULL,
    PRIMARY KEY (event_uid, parent_uid)
  ) WITHOUT ROWID;
  CREATE INDEX label_event_parents_parent ON label_event_parents(parent_uid);
  INSERT INTO label_event_parents (event_uid, parent_uid)
  SELECT e.event_uid, (SELECT p.event_uid FROM label_events p
                       WHERE p.image_id = e.image_id AND p.id < e.id ORDER BY p.id DESC LIMIT 1)
  FROM label_events e
  WHERE EXISTS (SELECT 1 FROM label_events p WHERE p.image_id = e.image_id AND p.id < e.id);

  CREATE TABLE label_conflicts (
    image_id      INTEGER PRIMARY KEY REFERENCES images(id)
  );

  -- A decision taken here saw every head of the photo: it supersedes them all, so the
  -- photo's conflict (if any) is resolved by it.
  CREATE TRIGGER label_events_stamp AFTER INSERT ON label_events
  WHEN NEW.event_uid IS NULL BEGIN
    UPDATE label_events SET
      device_id = (SELECT value FROM settings WHERE key = 'deviceId'),
      device_seq = (SELECT coalesce(max(device_seq), 0) + 1 FROM label_events
                    WHERE device_id = (SELECT value FROM settings WHERE key = 'deviceId')),
      device_decision = NEW.decision_id,
      lamport = (SELECT coalesce(max(lamport), 0) + 1 FROM label_events),
      event_uid = (SELECT value FROM settings WHERE key = 'deviceId') || '-' ||
                  (SELECT coalesce(max(device_seq), 0) + 1 FROM label_events
                   WHERE device_id = (SELECT value FROM settings WHERE key = 'deviceId'))
    WHERE id = NEW.id;
    INSERT INTO label_event_parents (event_uid, parent_uid)
    SELECT (SELECT event_uid FROM label_events WHERE id = NEW.id), h.event_uid
    FROM label_events h
    WHERE h.image_id = NEW.image_id AND h.id <> NEW.id
      AND NOT EXISTS (SELECT 1 FROM label_event_parents c WHERE c.parent_uid = h.event_uid);
    DELETE FROM label_conflicts WHERE image_id = NEW.image_id;
  END;

  -- Where an import came from: '<device id>/<import id>' of the library that read the
  -- card. NULL for this library's own imports (their origin is this device's id and theirs).
  ALTER TABLE imports ADD COLUMN origin TEXT;
  CREATE INDEX imports_origin ON imports(origin);

  -- Hub sync progress, per hub (its address without credentials), so a sync cut by the
  -- network resumes where it stopped: cursors (last event pushed, last hub row pulled)
  -- and the photos whose file and row are on the hub.
  CREATE TABLE sync_state (
    hub           TEXT NOT NULL,
    key           TEXT NOT NULL,
    value         TEXT NOT NULL,
    PRIMARY KEY (hub, key)
  ) WITHOUT ROWID;
  CREATE TABLE sync_pushed_photos (
    hub           TEXT NOT NULL,
    sha256        TEXT NOT NULL,
    PRIMARY KEY (hub, sha256)
  ) WITHOUT ROWID;
  `,

  // 7: inspections. An inspection is what the plant files: one robot run over a reboiler,
  // on one card or on several (grouped and named by a person). Every import starts as its
  // own inspection, with the import's id (so ids stay stable and readable: inspection 3
  // is import 3 until grouped); grouping moves imports into the lowest id of the group.
  // The trigger keeps ingest unaware of inspections. `name` stays NULL until a person
  // names it (the shells show the card folder then). A photo copied byte-for-byte onto a
  // later card is stored once, under the first import; the partial index lets an
  // inspection (and a tube's history) also find it through the later card's
  // `import_files` row.
  `
  CREATE TABLE inspections (
    id            INTEGER PRIMARY KEY,
    name          TEXT,
    created_at    TEXT NOT NULL
  );
  CREATE TABLE inspection_imports (
    import_id     INTEGER PRIMARY KEY REFERENCES imports(id),
    inspection_id INTEGER NOT NULL REFERENCES inspections(id)
  );
  CREATE INDEX inspection_imports_inspection ON inspection_imports(inspection_id, import_id);
  CREATE INDEX import_files_duplicate_image ON import_files(image_id, import_id)
    WHERE status = 'duplicate';

  INSERT INTO inspections (id, name, created_at) SELECT id, NULL, started_at FROM imports;
  INSERT INTO inspection_imports (import_id, inspection_id) SELECT id, id FROM imports;

  CREATE TRIGGER imports_inspection AFTER INSERT ON imports BEGIN
    INSERT INTO inspections (id, name, created_at) VALUES (NEW.id, NULL, NEW.started_at);
    INSERT INTO inspection_imports (import_id, inspection_id) VALUES (NEW.id, NEW.id);
  END;
  `,
  // 8: "unsure / skip" answers and per-photo notes (issue 11).
  //
  // Unsure is an ANSWER, not a label. A reviewer who cannot tell what a photo shows says
  // so; the photo then carries NO reviewer label (its `labels` row goes), so every reader
  // of `labels` (export, summary, confusion matrix, improve, similar photos) treats it as
  // unlabeled and no training set ever learns a class from a doubt. Keeping the earlier
  // label with a flag would leave a label the reviewer no longer vouches for one forgotten
  // WHERE away from a training set. `unsure_answers` holds the current unsure answers
  // (who, when); the history is `label_events` like every decision, the answer written
  // as the reserved value '(unsure)' in old_label/new_label (LabelName refuses
  // parentheses, so no label can be spelled so): undo, redo, bulk decisions, bundles and
  // the hub carry it as they carry labels, and the merge's latest decision wins as usual.
  // A label set by any writer replaces the unsure answer (triggers below), so a photo is
  // never both labeled and unsure.
  //
  // The grid gets an `unsure` column kept by triggers (appended, with the view that feeds
  // `SELECT *` re-created to match) and small partial indexes per sort key: the Unsure
  // filter walks only unsure photos, and counts the same way (grid_counts is untouched:
  // unsure photos count as not reviewed there, which they are).
  //
  // Notes: one free-text note per photo (`photo_notes`, current) and its every change in
  // `note_events` (old, new, author, when), stamped with a globally unique id, device,
  // sequence and Lamport clock like label events so notes merge across laptops: the
  // latest change wins, every change is kept.
  `
  CREATE TABLE unsure_answers (
    image_id      INTEGER PRIMARY KEY REFERENCES images(id),
    reviewer      TEXT NOT NULL,
    answered_at   TEXT NOT NULL
  );

  ALTER TABLE review_grid ADD COLUMN unsure INTEGER NOT NULL DEFAULT 0 CHECK (unsure IN (0, 1));

  DROP VIEW review_grid_source;
  CREATE VIEW review_grid_source AS
  SELECT i.id AS image_id, i.import_id, i.captured_at, i.tube_row, i.tube_col,
         CASE WHEN i.tube_row IS NOT NULL AND i.tube_col IS NOT NULL
              THEN i.tube_row * 1000000 + i.tube_col END AS tube_key,
         p.label AS predicted, p.confidence, l.label,
         coalesce(l.label, p.label) AS eff_label,
         l.label IS NOT NULL AS reviewed,
         (l.label IS NOT NULL AND p.label IS NOT NULL AND l.label <> p.label) AS disagree,
         EXISTS (SELECT 1 FROM unsure_answers u WHERE u.image_id = i.id) AS unsure
  FROM images i
  LEFT JOIN predictions p
    ON p.image_id = i.id AND p.model_id = (SELECT value FROM settings WHERE key = 'activeModel')
  LEFT JOIN labels l ON l.image_id = i.id;

  CREATE INDEX grid_unsure_conf ON review_grid(confidence, image_id) WHERE unsure = 1;
  CREATE INDEX grid_unsure_captured ON review_grid(captured_at, image_id) WHERE unsure = 1;
  CREATE INDEX grid_unsure_tube ON review_grid(tube_key, image_id) WHERE unsure = 1;
  CREATE INDEX grid_unsure_id ON review_grid(image_id) WHERE unsure = 1;

  CREATE TRIGGER review_grid_unsure_insert AFTER INSERT ON unsure_answers BEGIN
    UPDATE review_grid SET unsure = 1 WHERE image_id = NEW.image_id;
  END;
  CREATE TRIGGER review_grid_unsure_delete AFTER DELETE ON unsure_answers BEGIN
    UPDATE review_grid SET unsure = 0 WHERE image_id = OLD.image_id
      AND NOT EXISTS (SELECT 1 FROM unsure_answers WHERE image_id = OLD.image_id);
  END;
  CREATE TRIGGER unsure_replaced_by_label_insert AFTER INSERT ON labels BEGIN
    DELETE FROM unsure_answers WHERE image_id = NEW.image_id;
  END;
  CREATE TRIGGER unsure_replaced_by_label_update AFTER UPDATE ON labels BEGIN
    DELETE FROM unsure_answers WHERE image_id = NEW.image_id;
  END;

  CREATE TABLE photo_notes (
    image_id      INTEGER PRIMARY KEY REFERENCES images(id),
    note          TEXT NOT NULL CHECK (length(note) > 0),
    author        TEXT NOT NULL,
    updated_at    TEXT NOT NULL
  );

  -- Append-only history of every note change; new_note NULL = the note was cleared.
  CREATE TABLE note_events (
    id            INTEGER PRIMARY KEY,
    image_id      INTEGER NOT NULL REFERENCES images(id),
    old_note      TEXT,
    new_note      TEXT,
    author        TEXT NOT NULL,
    at            TEXT NOT NULL,
    event_uid     TEXT,
    device_id     TEXT,
    device_seq    INTEGER,
    lamport       INTEGER
  );
  CREATE UNIQUE INDEX note_events_uid ON note_events(event_uid);
  CREATE UNIQUE INDEX note_events_device_seq ON note_events(device_id, device_seq);
  CREATE INDEX note_events_image ON note_events(image_id, lamport);
  CREATE INDEX note_events_lamport ON note_events(lamport);

  -- As label_events_stamp: local writers insert without an id, the trigger stamps it.
  CREATE TRIGGER note_events_stamp AFTER INSERT ON note_events
  WHEN NEW.event_uid IS NULL BEGIN
    UPDATE note_events SET
      device_id = (SELECT value FROM settings WHERE key = 'deviceId'),
      device_seq = (SELECT coalesce(max(device_seq), 0) + 1 FROM note_events
                    WHERE device_id = (SELECT value FROM settings WHERE key = 'deviceId')),
      lamport = (SELECT coalesce(max(lamport), 0) + 1 FROM note_events),
      event_uid = (SELECT value FROM settings WHERE key = 'deviceId') || '-n' ||
                  (SELECT coalesce(max(device_seq), 0) + 1 FROM note_events
                   WHERE device_id = (SELECT value FROM settings WHERE key = 'deviceId'))
    WHERE id = NEW.id;
  END;
  `,
];
