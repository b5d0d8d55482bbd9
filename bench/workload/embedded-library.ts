/**
 * Libraries for the embeddings figures (issue 13): photo rows with stored embeddings of a
 * registered model, drawn around one centre per label (ReLU'd Gaussian clusters, like
 * a CNN's pooled features), a share of them reviewed. No image files: improve, similar
 * search and likely-mislabeled read only the database; the embeddings' values do not
 * change their cost.
 */
import type { Db } from '../../electron/core/library/database.js';
import { storeEmbeddings } from '../../electron/core/embeddings/store.js';

export interface EmbeddedLibraryOptions {
  modelId: string;
  photos: number;
  reviewed: number;
  dim: number;
  labels: readonly string[];
  seed?: number;
}

function gaussian(random: () => number): number {
  const u = Math.max(1e-12, random());
  return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * random());
}

function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Inserts the rows in one transaction per 5,000 photos. */
export function seedEmbeddedLibrary(db: Db, o: EmbeddedLibraryOptions): void {
  const random = mulberry32(o.seed ?? 13);
  const centres = o.labels.map(() =>
    Float32Array.from({ length: o.dim }, () => Math.max(0, gaussian(random))),
  );
  const now = new Date('2026-03-12T10:00:00Z').toISOString();
  const importId = Number(
    db
      .prepare(
        "INSERT INTO imports (source, status, started_at) VALUES ('/media/bench', 'done', ?)",
      )
      .run(now).lastInsertRowid,
  );
  const image = db.prepare(
    `INSERT INTO images (sha256, ext, format, original_name, source_path, import_id, size_bytes,
       width, height, captured_at, captured_from, tube_row, tube_col, imported_at)
     VALUES (?, 'jpg', 'jpeg', ?, ?, ?, 1000, 640, 480, ?, 'file', ?, ?, ?)`,
  );
  const prediction = db.prepare(
    `INSERT INTO predictions (image_id, model_id, label, confidence, scores_json, created_at)
     VALUES (?, ?, ?, ?, '{}', ?)`,
  );
  const label = db.prepare(
    `INSERT INTO labels (image_id, label, reviewer, reviewed_at) VALUES (?, ?, 'bench', ?)`,
  );
  const BATCH = 5000;
  for (let start = 0; start < o.photos; start += BATCH) {
    db.transaction(() => {
      const embeddings: { imageId: number; embedding: Float32Array }[] = [];
      for (let i = start; i < Math.min(o.photos, start + BATCH); i++) {
        const k = i % o.labels.length;
        const sha = i.toString(16).padStart(64, '0');
        const row = Math.floor(i / 100) + 1;
        const col = (i % 100) + 1;
        const id = Number(
          image.run(
            sha,
            `R${row}C${col}.JPG`,
            `DCIM/R${row}C${col}.JPG`,
            importId,
            now,
            row,
            col,
            now,
          ).lastInsertRowid,
        );
        // 10% of the model's predictions are wrong, so the parent has something to fix.
        const predicted = random() < 0.1 ? o.labels[(k + 1) % o.labels.length]! : o.labels[k]!;
        prediction.run(id, o.modelId, predicted, 0.6 + 0.4 * random(), now);
        if (i < o.reviewed) label.run(id, o.labels[k]!, now);
        const centre = centres[k]!;
        embeddings.push({
          imageId: id,
          embedding: Float32Array.from(centre, (c) => Math.max(0, c + 0.8 * gaussian(random))),
        });
      }
      storeEmbeddings(db, o.modelId, embeddings);
    })();
  }
}
