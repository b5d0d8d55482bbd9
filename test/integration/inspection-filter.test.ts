/**
 * The review grid filtered by a whole inspection (several cards when grouped), and the
 * tube sheet layout loaded from a file the inspector chose, through the real core: real
 * SD cards, real import with sharp and onnxruntime (torch-style fixture), real SQLite.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type {
  ImageFilter,
  ImageSort,
  ImageSummary,
  ImportSummary,
} from '../../electron/contract.js';
import { createCore, type Core } from '../../electron/core/app.js';
import { isCoreError } from '../../electron/core/errors.js';
import { explainList } from '../../electron/core/library/image-query.js';
import { makeSdCard } from '../fixtures/sd-card.js';
import { useTempDirs } from '../helpers/temp-dir.js';

const TORCH_MODEL = path.resolve('test/fixtures/models/torch-style');
const tempDir = useTempDirs();
const cores: Core[] = [];
afterEach(async () => {
  for (const core of cores.splice(0)) await core.close();
});

async function importCard(core: Core, root: string, photos: number, seed: number) {
  const card = await makeSdCard(root, { photos, width: 160, height: 120, seed });
  const { jobId } = await core.invoke('ingest.start', { source: card.root });
  const job = await core.invoke('jobs.wait', { jobId, timeoutMs: 120_000 });
  expect(job.status, JSON.stringify(job.error)).toBe('done');
  return job.result as ImportSummary;
}

/** Every photo of a filter, page by page (5 a page, so the keyset is followed). */
async function allPages(
  core: Core,
  filter: ImageFilter,
  sort: ImageSort = 'confidence',
  descending = false,
): Promise<ImageSummary[]> {
  const items: ImageSummary[] = [];
  let cursor: string | undefined;
  do {
    const page = await core.invoke('library.list', {
      filter,
      sort,
      descending,
      limit: 5,
      ...(cursor ? { cursor } : {}),
    });
    items.push(...page.items);
    cursor = page.nextCursor ?? undefined;
  } while (cursor);
  return items;
}

async function failure(promise: Promise<unknown>): Promise<unknown> {
  return promise.then(
    () => null,
    (error: unknown) => error,
  );
}

describe('the review grid filtered by an inspection', () => {
  it('shows every card of a grouped inspection, and nothing of the others', async () => {
    const root = tempDir();
    const core = await createCore({
      libraryDir: path.join(root, 'library'),
      defaultModelDirs: [TORCH_MODEL],
    });
    cores.push(core);
    const march = await importCard(core, path.join(root, 'MARCH_A'), 9, 1);
    const marchB = await importCard(core, path.join(root, 'MARCH_B'), 8, 2);
    const other = await importCard(core, path.join(root, 'OTHER'), 8, 3);
    const grouped = await core.invoke('inspections.group', {
      inspectionIds: [march.importId, marchB.importId],
      name: 'Reboiler 2, March',
    });
    expect(grouped.importIds).toEqual([march.importId, marchB.importId]);

    const filter = { inspectionId: grouped.id };
    const shown = await allPages(core, filter);
    expect(shown).toHaveLength(17);
    const cards = [
      ...(await core.invoke('library.ids', { filter: { importId: march.importId } })).ids,
      ...(await core.invoke('library.ids', { filter: { importId: marchB.importId } })).ids,
    ];
    expect(shown.map((p) => p.id).sort((a, b) => a - b)).toEqual(cards.sort((a, b) => a - b));
    // In the grid's order across both cards (least confident first), each photo once.
    const confidences = shown.map((p) => p.confidence ?? 2);
    expect(confidences).toEqual([...confidences].sort((a, b) => a - b));
    expect(new Set(shown.map((p) => p.id)).size).toBe(17);
    expect((await core.invoke('library.count', { filter })).total).toBe(17);
    expect((await core.invoke('library.ids', { filter })).ids).toHaveLength(17);
    // With the other filters: reviewed photos of the group only.
    const [first, second] = shown as [ImageSummary, ImageSummary];
    await core.invoke('review.setLabel', { imageIds: [first.id, second.id], label: 'clear' });
    expect(
      (await core.invoke('library.count', { filter: { ...filter, reviewed: true } })).total,
    ).toBe(2);

    // Every order, both directions: the group's photos in the order the whole library
    // shows them (its cards' walks merged page by page, nothing lost at page edges).
    const group = new Set(cards);
    for (const sort of ['confidence', 'captured', 'tube', 'imported'] as const) {
      for (const descending of [false, true]) {
        const whole = (await allPages(core, {}, sort, descending)).filter((p) => group.has(p.id));
        const paged = await allPages(core, filter, sort, descending);
        expect(
          paged.map((p) => p.id),
          `${sort} ${descending ? 'desc' : 'asc'}`,
        ).toEqual(whole.map((p) => p.id));
        // A far jump (End, a scrollbar drag) lands on the same photos as paging there.
        const jump = await core.invoke('library.cursorAt', {
          filter,
          sort,
          descending,
          offset: 11,
          limit: 5,
        });
        expect(jump.total).toBe(17);
        expect(jump.items.map((p) => p.id)).toEqual(paged.slice(11, 16).map((p) => p.id));
      }
    }

    // A one-card inspection is that import, walked in order on its index.
    const single = { inspectionId: other.importId };
    expect((await allPages(core, single)).map((p) => p.id)).toEqual(
      (await allPages(core, { importId: other.importId })).map((p) => p.id),
    );
    // The group reads each card's range of the import index, never the whole library.
    const plan = explainList(core.context.db, {
      filter,
      sort: 'confidence',
      descending: false,
    }).flat();
    expect(plan.join('\n')).toContain('grid_import_conf');
    // Each card is walked in order: the inspection's photos are never sorted whole.
    expect(plan.join('\n')).not.toContain('TEMP B-TREE');

    await core.invoke('settings.set', { language: 'pt-BR' });
    const unknown = await failure(core.invoke('library.list', { filter: { inspectionId: 999 } }));
    expect(isCoreError(unknown) && unknown.code).toBe('NOT_FOUND');
    expect(isCoreError(unknown) && unknown.messageIn('pt-BR')).toContain('Não há inspeção "999"');
  }, 240_000);
});

describe('loading a tube sheet layout from a file', () => {
  it('sets a shipped layout, and refuses a bad file in the user’s language keeping the current one', async () => {
    const core = await createCore({
      libraryDir: path.join(tempDir(), 'library'),
      defaultModelDirs: [TORCH_MODEL],
    });
    cores.push(core);
    const staggered = path.resolve('resources/tube-layouts/staggered.json');
    const loaded = await core.invoke('inspections.loadLayout', {
      fileName: 'staggered.json',
      text: readFileSync(staggered, 'utf8'),
    });
    expect(loaded).toMatchObject({ kind: 'grid', pitch: 'staggered' });
    await core.invoke('settings.set', { language: 'pt-BR' });

    const bad = await failure(
      core.invoke('inspections.loadLayout', {
        fileName: 'rings.json',
        text: JSON.stringify({
          kind: 'positions',
          tubes: [{ row: 1, col: -2, x: 0, y: 0, z: 1 }],
        }),
      }),
    );
    expect(isCoreError(bad) && bad.code).toBe('INVALID_ARGUMENT');
    const pt = isCoreError(bad) ? bad.messageIn('pt-BR') : '';
    expect(pt).toContain('rings.json não é um layout de espelho de tubos');
    expect(pt).toContain('tubes[0].col deve ser no mínimo 0 (recebido: -2)');
    expect(pt).toContain('tubes[0] tem um campo desconhecido "z"');
    expect(pt).not.toMatch(/Too small|Unrecognized|expected/);

    const notJson = await failure(
      core.invoke('inspections.loadLayout', {
        fileName: 'broken.json',
        text: '{\n  "kind": "grid",\n  "pitch": "square",\n}',
      }),
    );
    expect(isCoreError(notJson) && notJson.messageIn('pt-BR')).toBe(
      'broken.json não é JSON válido (o erro está perto da linha 4, coluna 1). Corrija o arquivo e carregue-o de novo; o layout atual foi mantido.',
    );
    // Nothing replaced the good layout.
    expect(await core.invoke('inspections.layout')).toMatchObject({ pitch: 'staggered' });
  }, 120_000);
});
