/**
 * The esbuild bundle of the command line (scripts/build-cli.mjs) is the same program as
 * the sources: built into a scratch folder inside the checkout (so node_modules resolve
 * as they do for dist/cli), it answers like the TypeScript sources on a real library.
 */
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeSdCard } from '../fixtures/sd-card.js';
import { useTempDirs } from '../helpers/temp-dir.js';

const repoRoot = fileURLToPath(new URL('../..', import.meta.url));
const tempDir = useTempDirs();

interface BuildModule {
  buildCli(options: { outDir: string }): Promise<{ inputs: string[] }>;
}

function run(entry: string, args: string[], env: Record<string, string> = {}) {
  const result = spawnSync(process.execPath, [entry, ...args], {
    cwd: repoRoot,
    encoding: 'utf8',
    env: { ...process.env, NO_COLOR: '1', ...env },
    timeout: 180_000,
  });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

describe('the command-line bundle', () => {
  let outDir: string;
  let bundle: string;

  beforeAll(async () => {
    const cacheDir = path.join(repoRoot, 'node_modules', '.cache');
    mkdirSync(cacheDir, { recursive: true });
    outDir = mkdtempSync(path.join(cacheDir, 'inspection-desk-cli-'));
    const { buildCli } = (await import(
      path.join(repoRoot, 'scripts/build-cli.mjs')
    )) as BuildModule;
    const { inputs } = await buildCli({ outDir });
    expect(inputs).toContain('electron/cli/main.ts');
    bundle = path.join(outDir, 'inspection-desk.mjs');
  }, 120_000);

  afterAll(() => rmSync(outDir, { recursive: true, force: true }));

  it('prints the version from package.json', () => {
    const version = (
      JSON.parse(readFileSync(path.join(repoRoot, 'package.json'), 'utf8')) as {
        version: string;
      }
    ).version;
    expect(run(bundle, ['--version'])).toMatchObject({ code: 0, stdout: `${version}\n` });
  });

  it('installs the shipped default model in a new library, as the sources do', () => {
    // Code that finds the checkout's models/ may land in a chunk one folder deeper.
    const fromBundle = run(bundle, ['--library', tempDir(), 'models', 'list', '--json']);
    const fromSources = run(
      path.join(repoRoot, 'bin/inspection-desk.mjs'),
      ['--library', tempDir(), 'models', 'list', '--json'],
      { INSPECTION_DESK_FROM_SOURCE: '1' },
    );
    expect(fromBundle.code, fromBundle.stderr).toBe(0);
    expect(fromSources.code, fromSources.stderr).toBe(0);
    const ids = (stdout: string) =>
      (JSON.parse(stdout) as { id: string; active: boolean }[]).map((m) => [m.id, m.active]);
    expect(ids(fromBundle.stdout)).toEqual(ids(fromSources.stdout));
    expect(ids(fromBundle.stdout)).toContainEqual([
      expect.stringMatching(/^pipe-obstruction@/),
      true,
    ]);
  });

  it('imports a card, classifying on its inference thread, and lists what the sources list', async () => {
    const library = tempDir();
    const card = await makeSdCard(tempDir(), { photos: 8, width: 320, height: 240 });
    const model = path.join(repoRoot, 'test/fixtures/models/torch-style');
    const added = run(bundle, ['--library', library, 'models', 'add', model, '--activate']);
    expect(added.code, added.stderr).toBe(0);
    const imported = run(bundle, ['--library', library, 'import', card.root, '--json']);
    expect(imported.code, imported.stderr).toBe(0);
    const fromBundle = run(bundle, ['--library', library, 'list', '--limit', '20', '--json']);
    const fromSources = run(
      path.join(repoRoot, 'bin/inspection-desk.mjs'),
      ['--library', library, 'list', '--limit', '20', '--json'],
      {
        INSPECTION_DESK_FROM_SOURCE: '1',
      },
    );
    expect(fromBundle.code, fromBundle.stderr).toBe(0);
    expect(fromSources.code, fromSources.stderr).toBe(0);
    expect(fromBundle.stdout).toBe(fromSources.stdout);
    // Classified by the fixture model on the bundle's own inference thread (ort-worker.cjs).
    expect(fromBundle.stdout).toMatch(/"(clogged|clear)"/);
  });
});
