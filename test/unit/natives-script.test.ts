/**
 * scripts/natives.mjs decides whether the desktop's SQLite build matches the installed
 * Electron before `npm start` uses it; a wrong decision means a crash at start-up or a
 * needless rebuild. (Building itself is exercised by test/desktop-abi.)
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';
import { useTempDirs } from '../helpers/temp-dir.js';

const repoRoot = fileURLToPath(new URL('../..', import.meta.url));

interface Target {
  runtime: string;
  version: string;
  abi: string;
}
interface NativesModule {
  buildState(target: Target, root: string): 'ok' | 'missing' | 'stale';
  nativeOutDir(target: Target, root: string): string;
  notReadySentence(target: Target, state: string): string;
  nodeAtLeast(version: string, minimum: [number, number]): boolean;
  electronTarget(): Target | null;
}

const tempDir = useTempDirs();
const betterSqlite3Version = (
  createRequire(import.meta.url)('better-sqlite3/package.json') as { version: string }
).version;

describe('scripts/natives.mjs', () => {
  let natives: NativesModule;
  beforeAll(async () => {
    natives = (await import(path.join(repoRoot, 'scripts/natives.mjs'))) as NativesModule;
  });

  const electron: Target = { runtime: 'electron', version: '45.4.1', abi: '150' };

  function writeBuild(root: string, stamp: Record<string, string>): void {
    const dir = natives.nativeOutDir(electron, root);
    mkdirSync(dir, { recursive: true });
    writeFileSync(path.join(dir, 'better_sqlite3.node'), 'binary');
    writeFileSync(path.join(dir, 'build.json'), JSON.stringify(stamp));
  }

  it('keeps each runtime in its own folder, named by runtime and ABI', () => {
    expect(natives.nativeOutDir(electron, '/r')).toBe(path.join('/r', 'native', 'electron-abi150'));
  });

  it('tells a missing, a matching and a stale Electron build apart', () => {
    const root = tempDir();
    expect(natives.buildState(electron, root)).toBe('missing');
    const stamp = {
      runtime: 'electron',
      version: '45.4.1',
      abi: '150',
      platform: process.platform,
      arch: process.arch,
      betterSqlite3: betterSqlite3Version,
    };
    writeBuild(root, stamp);
    expect(natives.buildState(electron, root)).toBe('ok');
    // Electron upgraded within the same ABI, or better-sqlite3 upgraded: rebuild.
    writeBuild(root, { ...stamp, version: '45.3.0' });
    expect(natives.buildState(electron, root)).toBe('stale');
    writeBuild(root, { ...stamp, betterSqlite3: '11.0.0' });
    expect(natives.buildState(electron, root)).toBe('stale');
  });

  it('says in one sentence what to run when the build is not ready', () => {
    const sentence = natives.notReadySentence(electron, 'stale');
    expect(sentence).toContain('npm run prepare:electron');
    expect(sentence.split('\n')).toHaveLength(1);
  });

  it("reads the installed Electron's version and ABI from its package", () => {
    const target = natives.electronTarget();
    expect(target).toMatchObject({ runtime: 'electron', version: expect.stringMatching(/^\d+\./) });
    expect(Number(target?.abi)).toBeGreaterThan(Number(process.versions.modules));
  });

  it('knows which Node versions Electron tooling accepts (>= 22.12)', () => {
    expect(natives.nodeAtLeast('22.12.0', [22, 12])).toBe(true);
    expect(natives.nodeAtLeast('24.1.0', [22, 12])).toBe(true);
    expect(natives.nodeAtLeast('22.11.9', [22, 12])).toBe(false);
    expect(natives.nodeAtLeast('20.19.2', [22, 12])).toBe(false);
  });
});
