/**
 * Remembers where a running export writes its partial folder (`<dest>.partial-<job>`),
 * so that the next start of any shell on this library removes the folder of an export
 * whose process was killed; a finished, failed or cancelled export removes its own.
 * One small JSON file per export in the library's `tmp/`, named after the pid that owns it.
 */
import fs from 'node:fs/promises';
import path from 'node:path';
import type { LibraryPaths } from '../library/database.js';
import { isProcessAlive } from '../library/process-alive.js';

const RECORD = /^export-(\d+)-[\w-]+\.json$/;
/** Only folders that look like ours are ever removed, whatever a record says. */
const PARTIAL_NAME = /\.partial-[\w-]+$/;

function recordPath(paths: LibraryPaths, jobId: string): string {
  return path.join(paths.tmp, `export-${process.pid}-${jobId.replace(/[^\w-]/g, '_')}.json`);
}

/** Records `partial` for `jobId`; returns the function that forgets it. */
export async function trackPartialFolder(
  paths: LibraryPaths,
  jobId: string,
  partial: string,
): Promise<() => Promise<void>> {
  const file = recordPath(paths, jobId);
  await fs.mkdir(paths.tmp, { recursive: true });
  await fs.writeFile(file, JSON.stringify({ partial }));
  return () => fs.rm(file, { force: true });
}

/** Removes the partial folders of exports whose process is gone; returns the folders removed. */
export async function removeDeadPartialFolders(
  paths: LibraryPaths,
  isAlive: (pid: number) => boolean = isProcessAlive,
): Promise<string[]> {
  let names: string[];
  try {
    names = await fs.readdir(paths.tmp);
  } catch {
    return [];
  }
  const removed: string[] = [];
  for (const name of names) {
    const owner = RECORD.exec(name);
    if (!owner || isAlive(Number(owner[1]))) continue;
    const file = path.join(paths.tmp, name);
    try {
      const { partial } = JSON.parse(await fs.readFile(file, 'utf8')) as { partial?: unknown };
      if (typeof partial === 'string' && PARTIAL_NAME.test(partial)) {
        await fs.rm(partial, { recursive: true, force: true });
        removed.push(partial);
      }
    } catch {
      // A record cut short by the crash itself names nothing to remove.
    }
    await fs.rm(file, { force: true });
  }
  return removed;
}
