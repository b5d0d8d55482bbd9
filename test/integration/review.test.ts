import { afterEach, describe, expect, it } from 'vitest';
import type { Events } from '../../electron/contract.js';
import { createCore, type Core } from '../../electron/core/app.js';
import { serializeError } from '../../electron/core/errors.js';
import {
  DEFAULT_MODEL,
  insertFakeModel,
  insertImageRows,
  makeImages,
  setActiveModel,
} from '../fixtures/library-rows.js';
import { useTempDirs } from '../helpers/temp-dir.js';

const tempDir = useTempDirs();
const cores: Core[] = [];
afterEach(async () => {
  for (const core of cores.splice(0)) await core.close();
});

interface Desk {
  core: Core;
  ids: number[];
  /** Moves the injected clock. */
  setTime(iso: string): void;
  changes: Events['library.changed'][];
}

/**
 * Six photos: 1-3 predicted clear (0.9), 4-5 predicted obstructed (0.7), 6 unclassified;
 * none reviewed.
 */
async function openDesk(): Promise<Desk> {
  let now = new Date('2026-03-12T14:00:00.000Z');
  const core = await createCore({
    libraryDir: tempDir(),
    defaultModelDirs: [],
    defaultReviewer: 'inspector',
    clock: () => now,
  });
  cores.push(core);
  const db = core.context.db;
  insertFakeModel(db, DEFAULT_MODEL, { activate: true });
  const images = makeImages({ count: 6, reviewedFraction: 0, tubeFraction: 0 });
  images.forEach((image, i) => {
    image.predictions =
      i === 5
        ? []
        : [
            {
              modelId: DEFAULT_MODEL.id,
              label: i < 3 ? 'clear' : 'obstructed',
              confidence: i < 3 ? 0.9 : 0.7,
            },
          ];
  });
  const ids = insertImageRows(db, images);
  const changes: Desk['changes'] = [];
  core.events.on('library.changed', (e) => changes.push(e));
  return {
    core,
    ids,
    setTime: (iso) => {
      now = new Date(iso);
    },
    changes,
  };
}

function decisionIds(core: Core, imageIds: number[]): number[] {
  return core.context.db
    .prepare(
      `SELECT DISTINCT decision_id FROM label_events
       WHERE image_id IN (SELECT value FROM json_each(?)) AND kind <> 'undo'`,
    )
    .pluck()
    .all(JSON.stringify(imageIds)) as number[];
}

describe('review decisions', () => {
  it('records who set which label when, from what, under which model', async () => {
    const desk = await openDesk();
    const [a] = desk.ids as [number];
    const result = await desk.core.invoke('review.setLabel', {
      imageIds: [a],
      label: 'obstructed',
      reviewer: 'Ana Souza',
    });
    expect(result).toEqual({ changed: 1, decisionId: expect.any(Number) });
    desk.setTime('2026-03-12T14:05:00.000Z');
    await desk.core.invoke('settings.set', { reviewer: 'Bruno Lima' });
    await desk.core.invoke('review.setLabel', { imageIds: [a], label: 'clear' });
    const history = await desk.core.invoke('review.history', { imageId: a });
    expect(history).toMatchObject([
      {
        imageId: a,
        oldLabel: null,
        newLabel: 'obstructed',
        reviewer: 'Ana Souza',
        at: '2026-03-12T14:00:00.000Z',
        modelId: DEFAULT_MODEL.id,
        kind: 'set',
      },
      {
        oldLabel: 'obstructed',
        newLabel: 'clear',
        reviewer: 'Bruno Lima',
        at: '2026-03-12T14:05:00.000Z',
        kind: 'set',
      },
    ]);
    const detail = await desk.core.invoke('library.get', { imageId: a });
    expect(detail).toMatchObject({
      label: 'clear',
      reviewer: 'Bruno Lima',
      reviewedAt: '2026-03-12T14:05:00.000Z',
      reviewed: true,
    });
    expect(desk.changes).toEqual([
      { imageIds: [a], reason: 'review' },
      { imageIds: [a], reason: 'review' },
    ]);
  });

  it('setting the label a photo already has changes nothing and records nothing', async () => {
    const desk = await openDesk();
    const [a, b] = desk.ids as [number, number];
    await desk.core.invoke('review.setLabel', { imageIds: [a], label: 'clear' });
    const again = await desk.core.invoke('review.setLabel', { imageIds: [a, b], label: 'clear' });
    expect(again).toEqual({ changed: 1, decisionId: expect.any(Number) });
    expect(await desk.core.invoke('review.history', { imageId: a })).toHaveLength(1);
    const none = await desk.core.invoke('review.setLabel', { imageIds: [a, b], label: 'clear' });
    expect(none).toEqual({ changed: 0, decisionId: null });
    expect(desk.changes).toHaveLength(2);
  });

  it('relabels a multi-selection as ONE decision that one undo reverts', async () => {
    const desk = await openDesk();
    const [a, b, c, d] = desk.ids as [number, number, number, number];
    await desk.core.invoke('review.setLabel', { imageIds: [a], label: 'clear', reviewer: 'Ana' });
    desk.setTime('2026-03-12T15:00:00.000Z');
    const relabel = await desk.core.invoke('review.setLabel', {
      imageIds: [a, b, c, d],
      label: 'partially blocked',
      reviewer: 'Ana',
    });
    expect(relabel).toEqual({ changed: 4, decisionId: expect.any(Number) });
    const decisions = decisionIds(desk.core, [b, c, d]);
    expect(decisions).toHaveLength(1);
    expect(
      await desk.core.invoke('library.count', { filter: { label: 'partially blocked' } }),
    ).toEqual({ total: 4 });

    desk.setTime('2026-03-12T15:01:00.000Z');
    const undo = await desk.core.invoke('review.undo', { reviewer: 'Ana' });
    expect(undo.reverted).toBe(4);
    expect([...undo.imageIds].sort((x, y) => x - y)).toEqual([a, b, c, d]);
    // `a` had Ana's earlier label back, with her earlier time; the others are unreviewed again.
    expect(await desk.core.invoke('library.get', { imageId: a })).toMatchObject({
      label: 'clear',
      reviewer: 'Ana',
      reviewedAt: '2026-03-12T14:00:00.000Z',
    });
    for (const id of [b, c, d]) {
      expect(await desk.core.invoke('library.get', { imageId: id })).toMatchObject({
        label: null,
        reviewed: false,
      });
    }
    expect(await desk.core.invoke('library.count', { filter: { reviewed: true } })).toEqual({
      total: 1,
    });
    const history = await desk.core.invoke('review.history', { imageId: b });
    expect(history.map((h) => [h.kind, h.oldLabel, h.newLabel, h.at])).toEqual([
      ['set', null, 'partially blocked', '2026-03-12T15:00:00.000Z'],
      ['undo', 'partially blocked', null, '2026-03-12T15:01:00.000Z'],
    ]);
    expect(desk.changes.at(-1)?.imageIds.length).toBe(4);
  });

  it('undo walks back one decision at a time, per reviewer, until nothing is left', async () => {
    const desk = await openDesk();
    const [a, b] = desk.ids as [number, number];
    await desk.core.invoke('review.setLabel', {
      imageIds: [a],
      label: 'obstructed',
      reviewer: 'Ana',
    });
    await desk.core.invoke('review.setLabel', {
      imageIds: [b],
      label: 'obstructed',
      reviewer: 'Bruno',
    });
    await desk.core.invoke('review.setLabel', { imageIds: [a], label: 'clear', reviewer: 'Ana' });

    expect(await desk.core.invoke('review.undo', { reviewer: 'Ana' })).toEqual({
      reverted: 1,
      imageIds: [a],
    });
    expect((await desk.core.invoke('library.get', { imageId: a })).label).toBe('obstructed');
    expect(await desk.core.invoke('review.undo', { reviewer: 'Ana' })).toEqual({
      reverted: 1,
      imageIds: [a],
    });
    expect((await desk.core.invoke('library.get', { imageId: a })).label).toBeNull();
    // Bruno's decision is his to undo.
    expect((await desk.core.invoke('library.get', { imageId: b })).label).toBe('obstructed');
    const nothing = await desk.core
      .invoke('review.undo', { reviewer: 'Ana' })
      .catch(serializeError);
    expect(nothing).toMatchObject({ code: 'NOTHING_TO_UNDO' });
    expect((nothing as { message: string }).message).toContain('Ana');
    expect(await desk.core.invoke('review.undo', { reviewer: 'Bruno' })).toEqual({
      reverted: 1,
      imageIds: [b],
    });
  });

  it("undo never overwrites someone else's later decision", async () => {
    const desk = await openDesk();
    const [a] = desk.ids as [number];
    await desk.core.invoke('review.setLabel', {
      imageIds: [a],
      label: 'obstructed',
      reviewer: 'Ana',
    });
    await desk.core.invoke('review.setLabel', { imageIds: [a], label: 'clear', reviewer: 'Bruno' });
    const undo = await desk.core.invoke('review.undo', { reviewer: 'Ana' });
    expect(undo).toEqual({ reverted: 0, imageIds: [] });
    expect(await desk.core.invoke('library.get', { imageId: a })).toMatchObject({
      label: 'clear',
      reviewer: 'Bruno',
    });
  });

  it('accept labels photos with the active model prediction as one decision', async () => {
    const desk = await openDesk();
    const [a, , , d] = desk.ids as [number, number, number, number];
    const result = await desk.core.invoke('review.accept', { imageIds: [a, d], reviewer: 'Ana' });
    expect(result).toEqual({ changed: 2, decisionId: expect.any(Number) });
    expect((await desk.core.invoke('library.get', { imageId: a })).label).toBe('clear');
    expect((await desk.core.invoke('library.get', { imageId: d })).label).toBe('obstructed');
    expect(decisionIds(desk.core, [a, d])).toHaveLength(1);
    const [event] = await desk.core.invoke('review.history', { imageId: d });
    expect(event).toMatchObject({ kind: 'accept', oldLabel: null, newLabel: 'obstructed' });
    // Accepting again is a no-op.
    expect(await desk.core.invoke('review.accept', { imageIds: [a] })).toEqual({
      changed: 0,
      decisionId: null,
    });
  });

  it('accept on an unclassified photo says it has no prediction and changes nothing', async () => {
    const desk = await openDesk();
    const [a, , , , , f] = desk.ids as number[] as [number, number, number, number, number, number];
    const error = await desk.core
      .invoke('review.accept', { imageIds: [a, f] })
      .catch(serializeError);
    expect(error).toMatchObject({ code: 'NOT_FOUND', details: { unclassified: [f] } });
    expect((error as { message: string }).message).toMatch(/IMG_000005\.JPG.*no prediction/);
    expect((await desk.core.invoke('library.get', { imageId: a })).label).toBeNull();

    setActiveModel(desk.core.context.db, null);
    const noModel = await desk.core
      .invoke('review.accept', { imageIds: [a] })
      .catch(serializeError);
    expect(noModel).toMatchObject({ code: 'NO_ACTIVE_MODEL' });
  });

  it('refuses unknown photos by id and bad labels, changing nothing', async () => {
    const desk = await openDesk();
    const [a] = desk.ids as [number];
    const unknown = await desk.core
      .invoke('review.setLabel', { imageIds: [a, 4040, 4041], label: 'clear' })
      .catch(serializeError);
    expect(unknown).toMatchObject({ code: 'NOT_FOUND', details: { missing: [4040, 4041] } });
    expect((unknown as { message: string }).message).toContain('4040, 4041');
    expect((await desk.core.invoke('library.get', { imageId: a })).label).toBeNull();

    const slash = await desk.core
      .invoke('review.setLabel', { imageIds: [a], label: '../etc' })
      .catch(serializeError);
    expect(slash).toMatchObject({ code: 'INVALID_ARGUMENT' });
    // A new class for retraining is fine, trimmed.
    await desk.core.invoke('review.setLabel', { imageIds: [a], label: '  scaled  ' });
    expect((await desk.core.invoke('library.get', { imageId: a })).label).toBe('scaled');
    expect(await desk.core.invoke('library.labels')).toEqual(['clear', 'obstructed', 'scaled']);
    const history = await desk.core
      .invoke('review.history', { imageId: 999 })
      .catch(serializeError);
    expect(history).toMatchObject({ code: 'NOT_FOUND' });
  });

  it('undoes exactly the decision a window names, never an earlier one, and redoes it', async () => {
    const desk = await openDesk();
    const [a, b] = desk.ids as [number, number];
    // An earlier session's decision...
    await desk.core.invoke('review.setLabel', {
      imageIds: [a],
      label: 'obstructed',
      reviewer: 'Ana',
    });
    // ...and this session's.
    const mine = await desk.core.invoke('review.setLabel', {
      imageIds: [b],
      label: 'obstructed',
      reviewer: 'Ana',
    });
    expect(mine.decisionId).toEqual(expect.any(Number));
    const undo = await desk.core.invoke('review.undo', {
      reviewer: 'Ana',
      decisionId: mine.decisionId!,
    });
    expect(undo).toEqual({ reverted: 1, imageIds: [b] });
    // Undoing it twice is refused, in the reviewer's language, and touches nothing else.
    const again = await desk.core
      .invoke('review.undo', { reviewer: 'Ana', decisionId: mine.decisionId! })
      .catch((error: unknown) => serializeError(error, 'pt-BR'));
    expect(again).toMatchObject({ code: 'NOTHING_TO_UNDO' });
    expect((again as { message: string }).message).toContain('Nada a desfazer');
    expect((await desk.core.invoke('library.get', { imageId: a })).label).toBe('obstructed');

    const redo = await desk.core.invoke('review.redo', {
      reviewer: 'Ana',
      decisionId: mine.decisionId!,
    });
    expect(redo).toMatchObject({ changed: 1, imageIds: [b] });
    expect(redo.decisionId).toBeGreaterThan(mine.decisionId!);
    expect((await desk.core.invoke('library.get', { imageId: b })).label).toBe('obstructed');
    // The redo is a decision of its own: it can be undone in turn.
    await desk.core.invoke('review.undo', { reviewer: 'Ana', decisionId: redo.decisionId! });
    expect((await desk.core.invoke('library.get', { imageId: b })).label).toBeNull();
  });

  it('previews what a bulk decision will change: the photos counted by current label', async () => {
    const desk = await openDesk();
    const [a, b, c, d] = desk.ids as [number, number, number, number];
    await desk.core.invoke('review.setLabel', { imageIds: [a, b], label: 'obstructed' });
    const preview = await desk.core.invoke('review.preview', { imageIds: [a, b, c, d, d] });
    expect(preview).toEqual({
      total: 4,
      byLabel: [
        { label: null, count: 2 },
        { label: 'obstructed', count: 2 },
      ],
    });
  });
});
