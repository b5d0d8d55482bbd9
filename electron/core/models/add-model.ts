/**
 * Registers a model: validates model.json and the ONNX session against each other, then
 * copies both into `<library>/models/<id>@<version>/` so the library stays
 * self-contained (it can be moved or backed up, and predictions keep their model).
 */
import { createHash, randomUUID } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { copyFile, mkdir, rename, rm, stat, writeFile, readFile } from 'node:fs/promises';
import path from 'node:path';
import type { CoreContext } from '../context.js';
import { CoreError } from '../errors.js';
import { fromFsError } from '../fs-errors.js';
import { readManifest, serializeManifest, type ModelManifest } from '../inference/manifest.js';
import { openModelSession } from '../inference/session.js';
import { checkManifestAgainstGraph, type GraphVerdict } from '../inference/graph-check.js';
import { checkRegularFile, MAX_ONNX_BYTES, readRegularFile } from '../inference/model-files.js';
import { OnnxParseError, parseOnnxGraph, type OnnxGraph } from '../inference/onnx-graph.js';
import { decodePhoto } from '../imaging/decode.js';
import { originalPath } from '../library/database.js';
import { checkProbeOutputs, syntheticProbes, type Probe } from './probe-model.js';
import { findModelRow, modelIdOf, type ModelRow } from './registry.js';

/** Folder of the library that holds registered models. */
export const LIBRARY_MODELS_FOLDER = 'models';
/** Copied along when present, so the library keeps what the model is for. */
const OPTIONAL_FILES = ['MODEL_CARD.md', 'README.md'];

/** A model folder as found on disk, before it is registered. */
export interface ModelSource {
  dir: string;
  manifestPath: string;
  onnxPath: string;
  manifest: ModelManifest;
}

/** Resolves a model folder or a model.json path and reads its manifest. */
export async function readModelSource(input: string): Promise<ModelSource> {
  const resolved = path.resolve(input);
  let info;
  try {
    info = await stat(resolved);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') {
      throw new CoreError(
        'NOT_FOUND',
        { key: 'models.add.missing', values: { path: resolved } },
        { path: resolved },
      );
    }
    throw fromFsError(error, { role: 'model', path: resolved });
  }
  const manifestPath = info.isDirectory() ? path.join(resolved, 'model.json') : resolved;
  if (!info.isDirectory() && !resolved.toLowerCase().endsWith('.json')) {
    throw new CoreError(
      'MODEL_INVALID',
      { key: 'models.add.notAModel', values: { path: resolved } },
      { path: resolved },
    );
  }
  const manifest = await readManifest(manifestPath);
  const dir = path.dirname(manifestPath);
  const onnxPath = path.join(dir, manifest.file);
  try {
    await stat(onnxPath);
  } catch {
    throw new CoreError(
      'MODEL_INVALID',
      { key: 'models.file.missing', values: { name: manifest.file, dir } },
      { path: onnxPath, field: 'file' },
    );
  }
  await checkRegularFile(onnxPath, MAX_ONNX_BYTES);
  return { dir, manifestPath, onnxPath, manifest };
}

/** SHA-256 of a file, streamed (models can be hundreds of MB). */
export async function sha256File(file: string): Promise<string> {
  const hash = createHash('sha256');
  for await (const chunk of createReadStream(file)) hash.update(chunk as Buffer);
  return hash.digest('hex');
}

function manifestJson(manifest: ModelManifest): string {
  return serializeManifest(manifest);
}

/**
 * Validates and registers a model; returns its row. Adding the same files again returns
 * the existing registration; other files under an existing id@version are refused.
 */
export async function addModel(ctx: CoreContext, input: string): Promise<ModelRow> {
  const source = await readModelSource(input);
  const { manifest } = source;
  const id = modelIdOf(manifest);
  const fileSha256 = await sha256File(source.onnxPath);

  const existing = findModelRow(ctx, id);
  if (existing) {
    if (existing.file_sha256 === fileSha256 && existing.manifest_json === manifestJson(manifest)) {
      return existing;
    }
    throw new CoreError(
      'MODEL_INVALID',
      {
        key:
          existing.file_sha256 === fileSha256
            ? 'models.add.sameIdOtherSettings'
            : 'models.add.sameIdOtherWeights',
        values: { id, bump: bumpHint(manifest.version) },
      },
      { modelId: id, field: 'version' },
    );
  }

  // Refuses a model whose manifest and ONNX graph disagree, or that answers nonsense on
  // the probe images, before anything is copied.
  await checkGraph(source.onnxPath, manifest);
  const session = await openModelSession(source.onnxPath, manifest);
  try {
    const probes = [...syntheticProbes(), ...(await libraryProbes(ctx))];
    const outputs = await session.classify(probes.map((p) => p.image));
    checkProbeOutputs(
      manifest,
      probes,
      outputs,
      outputs.map((o) => o.raw ?? new Float32Array(0)),
    );
  } finally {
    await session.release();
  }

  const relDir = path.join(LIBRARY_MODELS_FOLDER, id);
  const finalDir = path.join(ctx.paths.root, relDir);
  await copyIntoLibrary(ctx, source, finalDir);

  const row: ModelRow = {
    id,
    name: manifest.name,
    version: manifest.version,
    file_sha256: fileSha256,
    dir: relDir.split(path.sep).join('/'),
    manifest_json: manifestJson(manifest),
    labels_json: JSON.stringify(manifest.labels),
    added_at: ctx.now().toISOString(),
  };
  // ON CONFLICT: two windows adding the same model at once both get the one registration.
  ctx.db
    .prepare(
      `INSERT INTO models (id, name, version, file_sha256, dir, manifest_json, labels_json, added_at)
       VALUES (@id, @name, @version, @file_sha256, @dir, @manifest_json, @labels_json, @added_at)
       ON CONFLICT (id) DO NOTHING`,
    )
    .run(row);
  return findModelRow(ctx, id) ?? row;
}

/** Reads model.onnx's graph and checks model.json's output against it. */
export async function checkGraph(onnxPath: string, manifest: ModelManifest): Promise<GraphVerdict> {
  return checkManifestAgainstGraph(await readOnnxGraph(onnxPath), manifest);
}

/** Parses model.onnx (a regular file under the cap); MODEL_INVALID when it is not ONNX. */
export async function readOnnxGraph(onnxPath: string): Promise<OnnxGraph> {
  const bytes = await readRegularFile(onnxPath, MAX_ONNX_BYTES);
  try {
    return parseOnnxGraph(bytes);
  } catch (error) {
    if (!(error instanceof OnnxParseError)) throw error;
    throw new CoreError(
      'MODEL_INVALID',
      { key: 'models.graph.unreadable', values: { file: onnxPath, reason: error.message } },
      { path: onnxPath },
      { cause: error },
    );
  }
}

/** Up to 3 of the library's own photos (spread over its imports), decoded as for classification. */
async function libraryProbes(ctx: CoreContext): Promise<Probe[]> {
  const { n } = ctx.db.prepare('SELECT COUNT(*) AS n FROM images').get() as { n: number };
  const pick = ctx.db.prepare(
    'SELECT sha256, ext, original_name FROM images ORDER BY id LIMIT 1 OFFSET ?',
  );
  const offsets = [...new Set([0, Math.floor(n / 2), n - 1])].filter((o) => o >= 0 && o < n);
  const rows = offsets.map(
    (o) => pick.get(o) as { sha256: string; ext: string; original_name: string },
  );
  const probes: Probe[] = [];
  for (const row of rows) {
    try {
      const bytes = await readFile(originalPath(ctx.paths, row.sha256, row.ext));
      probes.push({
        name: row.original_name,
        image: (await decodePhoto(bytes, row.original_name)).preview,
      });
    } catch {
      // A missing original only means one probe fewer; the synthetic probes remain.
    }
  }
  return probes;
}

function bumpHint(version: string): string {
  const match = /^(.*?)(\d+)$/.exec(version);
  return match ? `${match[1]}${Number(match[2]) + 1}` : `${version}.1`;
}

/** Copies through a scratch folder and renames into place, so a half copy is never used. */
async function copyIntoLibrary(
  ctx: CoreContext,
  source: ModelSource,
  finalDir: string,
): Promise<void> {
  const staging = path.join(ctx.paths.tmp, `model-${randomUUID()}`);
  try {
    await mkdir(staging, { recursive: true });
    await copyFile(source.onnxPath, path.join(staging, source.manifest.file));
    // The original text is kept (comments on formatting, key order) for people reading it.
    await writeFile(path.join(staging, 'model.json'), await readFile(source.manifestPath));
    for (const name of OPTIONAL_FILES) {
      await copyFile(path.join(source.dir, name), path.join(staging, name)).catch(() => undefined);
    }
    await mkdir(path.dirname(finalDir), { recursive: true });
    // A leftover folder from an interrupted add is not registered: replace it.
    await rm(finalDir, { recursive: true, force: true });
    await rename(staging, finalDir);
  } catch (error) {
    await rm(staging, { recursive: true, force: true }).catch(() => undefined);
    throw fromFsError(error, { role: 'library', path: finalDir });
  }
}
