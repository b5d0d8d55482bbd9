/**
 * Scores a model on a labeled folder through the app's own path (decodePhoto, the same
 * preprocessing, the same session and postprocessing), so `npm run eval` measures what
 * inspectors will get, not what the training script saw.
 */
import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { CoreError, isCoreError } from '../errors.js';
import { decodePhoto, type RawImage } from '../imaging/decode.js';
import { openModelSession } from '../inference/session.js';
import { readModelSource } from './add-model.js';
import { mapLimited } from './map-limited.js';
import { makeVariant, type PhotoVariant } from './photo-variants.js';
import { computeMetrics, type Metrics } from '../stats/metrics.js';
import { modelIdOf } from './registry.js';

/** One labeled photo of the evaluation folder. */
export interface EvalSample {
  /** As written in the CSV (relative to the data folder, or absolute). */
  file: string;
  label: string;
}

/** What the model said about one labeled photo. */
export interface EvalPrediction extends EvalSample {
  predicted: string;
  confidence: number;
  scores: Record<string, number>;
}

/** Everything `npm run eval` prints (and `--json` serializes). */
export interface EvalReport {
  model: { id: string; name: string; version: string; dir: string };
  dataDir: string;
  labelsFile: string;
  split: string | null;
  /** Rows selected from the labels file. */
  images: number;
  /** Photos that could not be read or decoded (not scored). */
  failed: { file: string; code: string; message: string }[];
  metrics: Metrics;
  /** Wall time of reading, decoding and classifying everything. */
  seconds: number;
  imagesPerSecond: number;
  predictions: EvalPrediction[];
}

/** What to evaluate on what. */
export interface EvalOptions {
  dataDir: string;
  modelDir: string;
  /** Keeps only rows whose `split` column equals this. */
  split?: string;
  /** Transforms every photo before decoding (a robustness variant); default none. */
  variant?: PhotoVariant;
  onProgress?: (done: number, total: number) => void;
}

const PAGE_SIZE = 16;
const DECODE_CONCURRENCY = 2;
/** Column names accepted for the photo path: ours, the app export's, Hugging Face's. */
const FILE_COLUMNS = ['file', 'path', 'file_name'];
const LABEL_FILES = ['labels.csv', 'metadata.csv'];

/** RFC 4180 CSV: quoted fields, doubled quotes, CRLF or LF line ends. */
export function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') {
        field += '"';
        i++;
      } else if (c === '"') quoted = false;
      else field += c;
    } else if (c === '"') quoted = true;
    else if (c === ',') {
      row.push(field);
      field = '';
    } else if (c === '\n' || c === '\r') {
      if (c === '\r' && text[i + 1] === '\n') i++;
      row.push(field);
      rows.push(row);
      row = [];
      field = '';
    } else field += c;
  }
  if (field !== '' || row.length > 0) {
    row.push(field);
    rows.push(row);
  }
  return rows.filter((r) => r.some((f) => f.trim() !== ''));
}

/** Reads the labeled photos of a folder: `labels.csv` (or `metadata.csv`). */
export async function readEvalSamples(
  dataDir: string,
  split?: string,
): Promise<{ labelsFile: string; samples: EvalSample[] }> {
  const labelsFile = LABEL_FILES.map((name) => path.join(dataDir, name)).find((f) => existsSync(f));
  if (!labelsFile) {
    throw new CoreError(
      'NOT_FOUND',
      `${dataDir} has no labels.csv: give a folder with photos and a labels.csv with "file,label" columns.`,
      { dataDir },
    );
  }
  const [header, ...rows] = parseCsv((await readFile(labelsFile, 'utf8')).replace(/^\uFEFF/, ''));
  const columns = (header ?? []).map((h) => h.trim().toLowerCase());
  const fileCol = columns.findIndex((c) => FILE_COLUMNS.includes(c));
  const labelCol = columns.indexOf('label');
  const splitCol = columns.indexOf('split');
  if (fileCol < 0 || labelCol < 0) {
    throw new CoreError(
      'INVALID_ARGUMENT',
      `${labelsFile} needs a "file" (or "path") column and a "label" column; it has ${columns.map((c) => `"${c}"`).join(', ')}.`,
    );
  }
  if (split !== undefined && splitCol < 0) {
    throw new CoreError(
      'INVALID_ARGUMENT',
      `--split ${split} was given but ${labelsFile} has no "split" column. Leave out --split.`,
    );
  }
  const samples = rows
    .filter((r) => split === undefined || r[splitCol]?.trim() === split)
    .map((r) => ({ file: r[fileCol]?.trim() ?? '', label: r[labelCol]?.trim() ?? '' }))
    // Unreviewed rows of an app export have no label: nothing to score them against.
    .filter((s) => s.file !== '' && s.label !== '');
  if (samples.length === 0) {
    const splits =
      splitCol >= 0 ? [...new Set(rows.map((r) => r[splitCol]?.trim()))].join(', ') : '';
    throw new CoreError(
      'INVALID_ARGUMENT',
      `No labeled photos in ${labelsFile}${split !== undefined ? ` for split "${split}" (splits: ${splits})` : ''}.`,
    );
  }
  return { labelsFile, samples };
}

interface Decoded {
  sample: EvalSample;
  preview: RawImage | null;
  error: { code: string; message: string } | null;
}

async function decodeSamples(
  dataDir: string,
  samples: EvalSample[],
  variant: PhotoVariant | undefined,
): Promise<Decoded[]> {
  return mapLimited(samples, DECODE_CONCURRENCY, async (sample) => {
    try {
      const original = await readFile(path.resolve(dataDir, sample.file));
      const bytes = variant ? await makeVariant(original, variant) : original;
      return { sample, preview: (await decodePhoto(bytes, sample.file)).preview, error: null };
    } catch (error) {
      const code = isCoreError(error) ? error.code : 'NOT_FOUND';
      return { sample, preview: null, error: { code, message: (error as Error).message } };
    }
  });
}

/** Runs the model over the labeled folder and scores it. */
export async function evaluateModel(options: EvalOptions): Promise<EvalReport> {
  const dataDir = path.resolve(options.dataDir);
  const { labelsFile, samples } = await readEvalSamples(dataDir, options.split);
  const source = await readModelSource(options.modelDir);
  const session = await openModelSession(source.onnxPath, source.manifest);
  const predictions: EvalPrediction[] = [];
  const failed: EvalReport['failed'] = [];
  const started = performance.now();
  try {
    const pages: EvalSample[][] = [];
    for (let i = 0; i < samples.length; i += PAGE_SIZE) pages.push(samples.slice(i, i + PAGE_SIZE));
    // Decoding the next page overlaps with inference of this one, as in the app.
    let next = pages.length ? decodeSamples(dataDir, pages[0]!, options.variant) : null;
    for (let p = 0; p < pages.length; p++) {
      const decoded = await next!;
      next = p + 1 < pages.length ? decodeSamples(dataDir, pages[p + 1]!, options.variant) : null;
      const ok = decoded.filter((d): d is Decoded & { preview: RawImage } => d.preview !== null);
      for (const d of decoded) if (d.error) failed.push({ file: d.sample.file, ...d.error });
      const outputs = await session.classify(ok.map((d) => d.preview));
      ok.forEach((d, i) => {
        const out = outputs[i]!;
        predictions.push({
          ...d.sample,
          predicted: out.label,
          confidence: out.confidence,
          scores: out.scores,
        });
      });
      options.onProgress?.(predictions.length + failed.length, samples.length);
    }
  } finally {
    await session.release();
  }
  const seconds = (performance.now() - started) / 1000;
  const { manifest } = source;
  return {
    model: {
      id: modelIdOf(manifest),
      name: manifest.name,
      version: manifest.version,
      dir: source.dir,
    },
    dataDir,
    labelsFile,
    split: options.split ?? null,
    images: samples.length,
    failed,
    metrics: computeMetrics(
      predictions.map((p) => ({ truth: p.label, predicted: p.predicted })),
      manifest.labels,
    ),
    seconds,
    imagesPerSecond: seconds > 0 ? predictions.length / seconds : 0,
    predictions,
  };
}
