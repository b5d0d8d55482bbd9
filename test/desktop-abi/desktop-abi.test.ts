/**
 * One checkout, two runtimes. Electron cannot be downloaded here, so a second real Node
 * with another ABI stands in for it: node@22 (NODE_MODULE_VERSION 127) from the npm
 * registry, beside the Node running the tests (20: ABI 115). better-sqlite3 is built for
 * the stand-in into the desktop location by scripts/natives.mjs, the script `npm install`
 * and `npm start` run for Electron. Then the same library is opened through the real core
 * under both runtimes, each of which must map its own binary and never the other's.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, realpathSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const repoRoot = fileURLToPath(new URL('../..', import.meta.url));
const child = path.join(repoRoot, 'test', 'desktop-abi', 'open-library.ts');

interface NativesModule {
  nodeTarget(nodeExec: string): { runtime: string; version: string; abi: string };
  prepareNative(
    target: { runtime: string; version: string; abi: string },
    options: { nodeExec: string; nodedir: string; quiet?: boolean },
  ): string;
  nativeOutDir(target: { runtime: string; abi: string }): string;
  betterSqlite3Dir(): string;
}
interface StandInModule {
  ensureStandInNode(): { nodeExec: string; nodedir: string };
}

interface Opened {
  abi: string;
  nativeBinding?: string | null;
  loaded: string[];
  summary?: unknown;
  settings?: { reviewer: string };
  error?: { code: string; message: string; messageKey?: string };
}

function open(nodeExec: string, args: string[], env: Record<string, string> = {}): Opened {
  const result = spawnSync(nodeExec, ['--import', 'tsx', child, ...args], {
    cwd: repoRoot,
    encoding: 'utf8',
    env: { ...process.env, ...env },
    timeout: 120_000,
  });
  const line = result.stdout.trim().split('\n').at(-1) ?? '';
  if (result.status !== 0 || !line.startsWith('{')) {
    throw new Error(`${nodeExec} ${args.join(' ')} failed (${result.status}): ${result.stderr}`);
  }
  return JSON.parse(line) as Opened;
}

const real = (file: string) => realpathSync(file);

describe('one checkout, two runtimes (node@22 standing in for Electron)', () => {
  let standIn: { nodeExec: string; nodedir: string };
  let standInBinding: string;
  let nodeBinding: string;
  let library: string;

  beforeAll(async () => {
    const natives = (await import(path.join(repoRoot, 'scripts/natives.mjs'))) as NativesModule;
    const standInModule = (await import(
      path.join(repoRoot, 'scripts/stand-in-node.mjs')
    )) as StandInModule;
    standIn = standInModule.ensureStandInNode();
    const target = natives.nodeTarget(standIn.nodeExec);
    // The same function `npm install` runs for Electron; cached after the first build.
    natives.prepareNative(target, { ...standIn, quiet: true });
    standInBinding = real(path.join(natives.nativeOutDir(target), 'better_sqlite3.node'));
    nodeBinding = real(
      path.join(natives.betterSqlite3Dir(), 'build', 'Release', 'better_sqlite3.node'),
    );
    library = mkdtempSync(path.join(os.tmpdir(), 'inspection-desk-abi-'));
  }, 900_000);

  afterAll(() => rmSync(library, { recursive: true, force: true }));

  it('really is another ABI, built into native/node-abi<N> with what it was built for', () => {
    const standInAbi = spawnSync(standIn.nodeExec, ['-p', 'process.versions.modules'], {
      encoding: 'utf8',
    }).stdout.trim();
    expect(standInAbi).not.toBe(process.versions.modules);
    expect(path.basename(path.dirname(standInBinding))).toBe(`node-abi${standInAbi}`);
    const stamp = JSON.parse(
      readFileSync(path.join(path.dirname(standInBinding), 'build.json'), 'utf8'),
    ) as { abi: string; runtime: string };
    expect(stamp).toMatchObject({ runtime: 'node', abi: standInAbi });
  });

  it('opens one library under both runtimes, each mapping only its own better-sqlite3', () => {
    // The CLI's and server's way, on the Node running the tests: node_modules' build.
    const underNode = open(process.execPath, [library, 'default'], { SET_REVIEWER: 'Ana' });
    expect(underNode.error).toBeUndefined();
    expect(underNode.loaded.map(real)).toEqual([nodeBinding]);

    // The desktop shell's way, under the stand-in: its own build, and it sees Ana's setting.
    const underStandIn = open(standIn.nodeExec, [library, 'desktop']);
    expect(underStandIn.error).toBeUndefined();
    expect(real(underStandIn.nativeBinding!)).toBe(standInBinding);
    expect(underStandIn.loaded.map(real)).toEqual([standInBinding]);
    expect(underStandIn.settings?.reviewer).toBe('Ana');
    expect(underStandIn.summary).toEqual(underNode.summary);

    // And back: the desktop's run did not disturb the Node build the tests and CLI use.
    const again = open(process.execPath, [library, 'default']);
    expect(again.loaded.map(real)).toEqual([nodeBinding]);
    expect(existsSync(nodeBinding)).toBe(true);
  });

  it("refuses the other runtime's binary with a message saying what to run", () => {
    // (The loader may map the file before Node checks its ABI; what matters is the refusal.)
    const standInGivenNodes = open(standIn.nodeExec, [library, 'force', nodeBinding]);
    expect(standInGivenNodes.error).toMatchObject({
      code: 'LIBRARY_INVALID',
      messageKey: 'library.nativeBindingMismatch',
    });
    expect(standInGivenNodes.error?.message).toMatch(/NODE_MODULE_VERSION/);
    expect(standInGivenNodes.error?.message).toContain('npm run prepare:electron');

    const nodeGivenStandIns = open(process.execPath, [library, 'force', standInBinding]);
    expect(nodeGivenStandIns.error).toMatchObject({
      messageKey: 'library.nativeBindingMismatch',
    });
  });
});
