/**
 * A card pulled out mid-import (issue 14, L1): with root, the card is a real mount (a
 * tmpfs) unmounted under the running CLI, its mount folder left in place; without root,
 * the card folder is moved away. Either way the import must fail (not end "done",
 * exit 0), keep what finished, and finish when the card is back.
 */
import { execFileSync } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, renameSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { makeSdCard } from '../fixtures/sd-card.js';
import { cli, readLibrary, startCli } from './harness.js';

const isRoot = process.getuid?.() === 0;
const root = mkdtempSync(path.join(os.tmpdir(), 'inspection-pulled-'));
const mountPoint = path.join(root, 'media', 'CARD');
let mounted = false;
afterAll(() => {
  if (mounted) execFileSync('umount', ['-l', mountPoint]);
  rmSync(root, { recursive: true, force: true });
});

describe('a card pulled out mid-import', () => {
  it(`fails the import (${isRoot ? 'unmounted tmpfs' : 'folder moved away'}), then resumes it`, async () => {
    const made = await makeSdCard(path.join(root, 'made'), {
      photos: 60,
      width: 800,
      height: 600,
      seed: 12,
    });
    const library = path.join(root, 'library');
    mkdirSync(mountPoint, { recursive: true });
    const insert = () => {
      if (isRoot) {
        execFileSync('mount', ['-t', 'tmpfs', '-o', 'size=64m', 'tmpfs', mountPoint]);
        mounted = true;
      }
      cpSync(made.root, mountPoint, { recursive: true, preserveTimestamps: true });
    };
    const pull = () => {
      if (isRoot) {
        execFileSync('umount', ['-l', mountPoint]);
        mounted = false;
      } else {
        renameSync(mountPoint, `${mountPoint}-away`);
        mkdirSync(mountPoint);
      }
    };
    insert();
    const run = startCli(library, ['import', mountPoint]);
    // The card is pulled while the import is frozen between its scan and its last file:
    // on a quiet machine 60 photos import in under a second, faster than any wait on the
    // progress output could catch, so the process is stopped (SIGSTOP), the card pulled,
    // and the process continued. It then finds the card gone, wherever it was.
    // Progress in the library's language (pt-BR by default), as the error below.
    await run.waitFor((out) => /importando: \d+\/\d+/.test(out));
    run.child.kill('SIGSTOP');
    pull();
    run.child.kill('SIGCONT');
    const failed = await run.done;
    expect(failed.code).toBe(1);
    // In the library's language (pt-BR by default): what happened, what was kept, what to do.
    expect(failed.stderr).toMatch(/sumiu durante a importação \(o cartão SD foi retirado\?\)/);
    expect(failed.stderr).toMatch(/foram mantidas; insira o cartão de novo/);
    const kept = readLibrary(library);
    expect(kept.integrity).toBe('ok');
    expect(kept.imports.map((i) => i.status)).toEqual(['failed']);
    expect(kept.missingFiles).toEqual([]);

    if (!isRoot) rmSync(`${mountPoint}-away`, { recursive: true });
    insert();
    const resumed = await cli(library, ['import', mountPoint, '--json']);
    expect(resumed.code, resumed.stderr).toBe(0);
    const state = readLibrary(library);
    expect(state.images).toHaveLength(made.expected.imported);
    expect(state.imports.map((i) => i.status)).toEqual(['done']);
    expect(state.orphans).toEqual([]);
  });
});
