/**
 * A running job outlives the window that started it: `jobs.list` gives it back to a
 * reloaded window, and starting a second one is refused in the user's language (the
 * renderer shows `messageKey` in the UI's language).
 */
import path from 'node:path';
import { afterEach, expect, it } from 'vitest';
import { createCore, type Core } from '../../electron/core/app.js';
import { serializeError } from '../../electron/core/errors.js';
import { defaultIngestDeps } from '../../electron/core/ingest/run-import.js';
import { makeSdCard } from '../fixtures/sd-card.js';
import { useTempDirs } from '../helpers/temp-dir.js';

const tempDir = useTempDirs();
const cores: Core[] = [];
afterEach(async () => {
  for (const core of cores.splice(0)) await core.close();
});

it('lists a running import for a reloaded window and refuses a second one in pt-BR', async () => {
  const defaults = defaultIngestDeps();
  // The import waits at its third file until released: running, deterministically.
  let reads = 0;
  let release: () => void = () => undefined;
  const held = new Promise<void>((resolve) => {
    release = resolve;
  });
  const core = await createCore({
    libraryDir: tempDir(),
    defaultModelDirs: [path.resolve('test/fixtures/models/torch-style')],
    ingestDeps: {
      readSource: async (absPath, inspect) => {
        reads += 1;
        if (reads > 2) await held;
        return defaults.readSource(absPath, inspect);
      },
    },
  });
  cores.push(core);
  const card = await makeSdCard(path.join(tempDir(), 'card'), { photos: 10 });
  const { jobId } = await core.invoke('ingest.start', { source: card.root });

  const running = await core.invoke('jobs.list');
  expect(running.map((job) => [job.id, job.kind, job.status])).toEqual([
    [jobId, 'import', 'running'],
  ]);
  const again = await core
    .invoke('ingest.start', { source: card.root })
    .catch((error: unknown) => serializeError(error, 'pt-BR'));
  expect(again).toMatchObject({ code: 'JOB_RUNNING', messageKey: 'jobs.alreadyRunning.import' });
  expect((again as { message: string }).message).toMatch(/Já há uma importação em andamento/);

  release();
  const done = await core.invoke('jobs.wait', { jobId, timeoutMs: 90_000 });
  expect(done.status).toBe('done');
});
