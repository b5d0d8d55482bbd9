/**
 * Step 2 of an import, per file: read it once from the card (its first bytes checked
 * before the rest is read), hash it, skip it if the library has it, decode it once, and
 * place the original and its thumbnail in the library. Runs a few files at once; the
 * outcome goes to the committer (commit-batch.ts) in card order. Re-runnable: a file
 * already placed is not written again.
 *
 * A per-photo analysis that needs the decoded pixels (a perceptual hash, say) belongs
 * after `decodePhoto` here and travels in the 'imported' outcome to the committer.
 */
import type { CoreContext } from '../context.js';
import { decodePhoto, type DecodedPhoto } from '../imaging/decode.js';
import { FORMAT_EXTENSION, SNIFF_BYTES, sniffImageFormat } from '../imaging/sniff.js';
import { findImageBySha } from './import-record.js';
import type { LibraryWriter } from './library-files.js';
import {
  createClaim,
  decodeFailure,
  failure,
  formatBytes,
  notAnImage,
  readFailure,
  refuseByContent,
  type Claim,
  type Outcome,
} from './outcome.js';
import { SourceGone } from './plan-import.js';
import type { SourceFile } from './scan.js';
import type { SourceBytes } from './source-reader.js';
import { isSourceGone } from './source.js';

/** A photo file bigger than this is refused before reading it into memory. */
export const MAX_FILE_BYTES = 512 * 1024 * 1024;

export interface StoreFileDeps {
  readSource(absPath: string, inspect?: (head: Buffer) => void): Promise<SourceBytes>;
}

/** Thrown by the read's first-bytes check to refuse a file before reading it whole. */
class RefusedFile extends Error {
  constructor(readonly outcome: Outcome) {
    super('refused by its first bytes');
  }
}

export interface FileStore {
  /** Reads, decodes and places one file; `index` is its place in card order. */
  prepare(file: SourceFile, index: number): Promise<Outcome>;
  /** Photos placed but not committed yet, by sha256 (the committer forgets them). */
  readonly claims: Map<string, Claim>;
}

export function createFileStore(
  ctx: CoreContext,
  source: string,
  writer: LibraryWriter,
  deps: StoreFileDeps,
): FileStore {
  const claims = new Map<string, Claim>();

  async function prepare(file: SourceFile, index: number): Promise<Outcome> {
    if (file.size > MAX_FILE_BYTES) {
      return failure(file, 'IMAGE_TOO_LARGE', {
        key: 'ingest.file.tooLarge',
        values: { path: file.relPath, size: formatBytes(file.size) },
      });
    }
    let read: SourceBytes;
    try {
      read = await deps.readSource(file.absPath, (head) => {
        const refusal = refuseByContent(file, head);
        if (refusal) throw new RefusedFile(refusal);
      });
    } catch (error) {
      if (error instanceof RefusedFile) return error.outcome;
      if (await isSourceGone(source, error, file.absPath)) throw new SourceGone(error);
      return readFailure(file, error);
    }
    try {
      return await store(file, index, read.bytes, read.sha256);
    } finally {
      // The bytes are in the library (or refused) by now: the buffer can take the next file.
      read.release();
    }
  }

  /** Decodes and stores one file read from the card (see prepare). */
  async function store(
    file: SourceFile,
    index: number,
    bytes: Buffer,
    sha256: string,
  ): Promise<Outcome> {
    if (bytes.length === 0) {
      return failure(file, 'EMPTY_FILE', {
        key: 'ingest.file.empty',
        values: { path: file.relPath },
      });
    }
    const existing = findImageBySha(ctx.db, sha256);
    if (existing !== null) return { kind: 'duplicate', file, imageId: existing };

    // Two identical files on one card: the one earlier in card order is imported and
    // the later one waits for it, so the photo is decoded and stored once. Waiting only
    // on earlier files cannot deadlock, because the pool releases in card order.
    for (let held = claims.get(sha256); held && held.index < index; held = claims.get(sha256)) {
      if (await held.ready) return { kind: 'sameAsPending', file, claim: held };
    }
    const claim = createClaim(index);
    claims.set(sha256, claim);
    const release = (ok: boolean): void => {
      claim.settle(ok);
      if (!ok && claims.get(sha256) === claim) claims.delete(sha256);
    };

    const format = sniffImageFormat(bytes.subarray(0, SNIFF_BYTES));
    if (format === null) {
      release(false);
      return refuseByContent(file, bytes) ?? failure(file, 'NOT_AN_IMAGE', notAnImage(file));
    }
    let decoded: DecodedPhoto;
    try {
      decoded = await decodePhoto(bytes, file.relPath);
    } catch (error) {
      release(false);
      return decodeFailure(file, error);
    }
    try {
      await writer.storeOriginal(sha256, FORMAT_EXTENSION[format], bytes);
      await writer.storeThumbnail(sha256, decoded.thumbnail);
    } catch (error) {
      release(false);
      throw error;
    }
    release(true);
    return { kind: 'imported', file, sha256, format, size: bytes.length, decoded, claim };
  }

  return { prepare, claims };
}
