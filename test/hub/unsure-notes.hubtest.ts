/**
 * Unsure answers and notes (issue 11) through a real hub (PostgreSQL + s3rver, started by
 * scripts/test-hub.sh): laptop A answers "unsure" and writes a note, B receives both,
 * decides the photo and edits the note, A receives those; syncing again adds nothing.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { UNSURE_ANSWER } from '../../electron/contract.js';
import { syncWithHub } from '../../electron/core/hub/sync.js';
import { makeSdCard } from '../fixtures/sd-card.js';
import { useTempDirs } from '../helpers/temp-dir.js';
import { idOf, importCard, useLaptops } from './laptops.js';
import { createThrowawayHub, testHubServers, type ThrowawayHub } from './throwaway-hub.js';

testHubServers();

const NOTE = 'Mancha escura, "óleo"?\nrever com lanterna';
const tempDir = useTempDirs();
const laptop = useLaptops();
let th: ThrowawayHub;

beforeAll(async () => {
  th = await createThrowawayHub();
});

afterAll(async () => {
  await th?.close();
});

async function hubCount(table: string): Promise<number> {
  const owner = th.owner();
  await owner.connect();
  try {
    const rows = await owner.query(`SELECT count(*)::int AS n FROM ${table}`);
    return (rows.rows[0] as { n: number }).n;
  } finally {
    await owner.end();
  }
}

describe('unsure answers and notes through the hub', () => {
  it('reach the other laptop, come back with its changes, and merge once', async () => {
    const card = await makeSdCard(tempDir('card-'), { photos: 8, width: 320, height: 240 });
    const sha = card.photos[0]!.sha256;
    const a = await laptop('ana');
    await importCard(a, card.root);
    const b = await laptop('bruno');
    await importCard(b, card.root);

    await a.invoke('review.markUnsure', { imageIds: [idOf(a, sha)] });
    await a.invoke('review.setNote', { imageId: idOf(a, sha), text: NOTE });
    await syncWithHub(a.context, th.address);
    await syncWithHub(b.context, th.address);

    const onB = await b.invoke('library.get', { imageId: idOf(b, sha) });
    expect(onB).toMatchObject({ unsure: true, label: null, note: { text: NOTE, author: 'ana' } });
    expect(onB.history.map((e) => e.newLabel)).toEqual([UNSURE_ANSWER]);
    expect((await b.invoke('library.count', { filter: { unsure: true } })).total).toBe(1);

    await b.invoke('review.setLabel', { imageIds: [idOf(b, sha)], label: 'clear' });
    await b.invoke('review.setNote', { imageId: idOf(b, sha), text: 'óleo, não obstrução' });
    await syncWithHub(b.context, th.address);
    await syncWithHub(a.context, th.address);

    const onA = await a.invoke('library.get', { imageId: idOf(a, sha) });
    expect(onA).toMatchObject({ unsure: false, label: 'clear' });
    expect(onA.note).toMatchObject({ text: 'óleo, não obstrução', author: 'bruno' });
    expect(onA.noteHistory?.map((n) => [n.author, n.newText])).toEqual([
      ['ana', NOTE],
      ['bruno', 'óleo, não obstrução'],
    ]);
    expect((await a.invoke('library.count', { filter: { unsure: true } })).total).toBe(0);

    // Again, both ways: nothing new anywhere, each change once on the hub.
    await syncWithHub(a.context, th.address);
    await syncWithHub(b.context, th.address);
    expect(await hubCount('note_events')).toBe(2);
    for (const core of [a, b]) {
      expect(core.context.db.prepare('SELECT count(*) FROM note_events').pluck().get()).toBe(2);
    }
  }, 300_000);
});
