/**
 * How the CLI fails (issue 14): one line and exit 1 when nothing matches, error codes in
 * `--json` output, and exit codes a script can act on. The real bin, a real library.
 */
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { makeSdCard } from '../fixtures/sd-card.js';
import { runCli } from '../helpers/run-cli.js';
import { useTempDirs } from '../helpers/temp-dir.js';

const tempDir = useTempDirs();

const cli = (library: string, args: string[]) => runCli(library, args);

describe('CLI failures', () => {
  it('says in one line, exit 1, that accept matched nothing (no help page)', async () => {
    const library = path.join(tempDir(), 'library');
    const run = await cli(library, ['accept', '--predicted', 'clear']);
    expect(run.code).toBe(1);
    // A new library speaks Portuguese (the default language); one line, no help page.
    expect(run.stderr).toBe('Erro: Nenhuma foto corresponde a esses filtros; nada foi alterado.\n');
    expect(run.stdout).toBe('');
  });

  it('prints the error as JSON with its code under --json', async () => {
    const root = tempDir();
    const missing = path.join(root, 'no-card');
    const run = await cli(path.join(root, 'library'), ['import', missing, '--json']);
    expect(run.code).toBe(1);
    const printed = JSON.parse(run.stdout) as { error: { code: string; message: string } };
    expect(printed.error.code).toBe('SOURCE_NOT_FOUND');
    expect(printed.error.message).toContain(missing);
    expect(run.stderr).toMatch(/^Erro: /);
  });

  it('exits 3 when the export folder cannot be written, with its own code', async () => {
    const root = tempDir();
    const library = path.join(root, 'library');
    const card = await makeSdCard(path.join(root, 'card'), { photos: 8, width: 160, height: 120 });
    expect((await cli(library, ['import', card.root])).code).toBe(0);
    // sysfs refuses new entries to everyone, root included (EACCES).
    const run = await cli(library, ['export', '/sys/inspection-desk-export', '--json']);
    expect(JSON.parse(run.stdout)).toMatchObject({ error: { code: 'DEST_NOT_WRITABLE' } });
    expect(run.code).toBe(3);
  });
});
