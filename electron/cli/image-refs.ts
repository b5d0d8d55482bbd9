/**
 * Turns what a user types for a photo (an id, a sha256 prefix or the file name from
 * the card) into exactly one photo, or an error that lists the candidates.
 */
import type { ImageSummary } from '../contract.js';
import type { Core } from '../core/app.js';
import { CoreError } from '../core/errors.js';
import { formatTimestamp, formatTube } from './format.js';

/** The one match a reference means, or null when it is ambiguous. */
export function pickMatch(ref: string, matches: ImageSummary[]): ImageSummary | null {
  if (matches.length === 1) return matches[0]!;
  // "12" is photo #12 even when a file is also called "12".
  if (/^\d+$/.test(ref)) {
    const byId = matches.find((m) => m.id === Number(ref));
    if (byId) return byId;
  }
  const exactSha = matches.find((m) => m.sha256 === ref.toLowerCase());
  return exactSha ?? null;
}

export function describeCandidate(image: ImageSummary): string {
  return `#${image.id}  ${image.sha256.slice(0, 12)}  ${image.originalName}  tube ${formatTube(image.tubeRow, image.tubeCol)}  captured ${formatTimestamp(image.capturedAt, false)}`;
}

/** Resolves one reference, failing with a message that says how to be precise. */
export async function resolveImage(core: Core, ref: string): Promise<ImageSummary> {
  const matches = await core.invoke('library.find', { query: ref });
  if (matches.length === 0) {
    throw new CoreError('NOT_FOUND', { key: 'cli.noPhotoMatches', values: { ref } });
  }
  const match = pickMatch(ref, matches);
  if (match) return match;
  const shown = matches.slice(0, 20).map((m) => `  ${describeCandidate(m)}`);
  if (matches.length > shown.length) shown.push(`  ... and ${matches.length - shown.length} more`);
  throw new CoreError(
    'INVALID_ARGUMENT',
    {
      key: 'cli.ambiguousPhoto',
      values: { ref, count: matches.length, candidates: shown.join('\n') },
    },
    { matches: matches.map((m) => m.id) },
  );
}

/** Resolves several references, keeping order and dropping repeats. */
export async function resolveImages(core: Core, refs: string[]): Promise<ImageSummary[]> {
  const seen = new Map<number, ImageSummary>();
  for (const ref of refs) {
    const image = await resolveImage(core, ref);
    if (!seen.has(image.id)) seen.set(image.id, image);
  }
  return [...seen.values()];
}
