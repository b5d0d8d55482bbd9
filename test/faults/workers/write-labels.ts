/**
 * A second process labelling the same library (what the desktop app or the server does
 * while a CLI imports): sets labels on the library's photos in a loop and prints one line
 * per label the core acknowledged, `ack <imageId> <label>`, and one per failure,
 * `fail <code> <message>`. Stops after `--count` labels, or when `--stop-file` appears.
 *
 * `--unique` makes each call's label `w<n>` (n counts calls), so a checker can tell a
 * write it saw acknowledged from a later one that committed just before a kill.
 * `--batch N` labels N photos per call (a window's "label the selection"), so the
 * writes hold the lock for longer.
 *
 * Usage: tsx test/faults/workers/write-labels.ts <library> [--count N] [--batch N] [--stop-file F]
 */
import { existsSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { createCore } from '../../../electron/core/app.js';
import { serializeError } from '../../../electron/core/errors.js';

const { positionals, values } = parseArgs({
  allowPositionals: true,
  options: {
    count: { type: 'string' },
    batch: { type: 'string' },
    // Label n of this run is "w<n>": a later write is told from an earlier one.
    unique: { type: 'boolean' },
    'stop-file': { type: 'string' },
  },
});
const library = positionals[0]!;
const count = values.count ? Number(values.count) : Infinity;
const batch = values.batch ? Number(values.batch) : 1;
const stopFile = values['stop-file'];

const core = await createCore({ libraryDir: library, defaultModelDirs: [] });
const labels = ['clear', 'clogged'];
let written = 0;
process.stdout.write('ready\n');
while (written < count && !(stopFile && existsSync(stopFile))) {
  const { ids } = await core.invoke('library.ids', {});
  if (ids.length === 0) {
    await new Promise((resolve) => setTimeout(resolve, 20));
    continue;
  }
  const imageIds = Array.from({ length: Math.min(batch, ids.length) }, (_, i) => {
    return ids[(written * batch + i) % ids.length]!;
  });
  const label = values.unique ? `w${written}` : labels[written % labels.length]!;
  try {
    await core.invoke('review.setLabel', { imageIds, label, reviewer: 'fault-suite' });
    process.stdout.write(imageIds.map((id) => `ack ${id} ${label}\n`).join(''));
  } catch (error) {
    const { code, message } = serializeError(error);
    process.stdout.write(`fail ${code} ${message.replace(/\n/g, ' ')}\n`);
  }
  written++;
}
await core.close();
