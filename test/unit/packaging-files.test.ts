/**
 * What `npm run dist` would put in the app, decided by electron-builder's own file
 * matcher (app-builder-lib's getMainFileMatchers, getNodeModuleFileMatcher and
 * getFileMatchers) from the real electron-builder.yml, applied to this checkout's files
 * and to the build outputs. Electron's zip cannot be downloaded here, so this is the part
 * of packaging that can be checked: the desktop gets its bundles, UI, model and the
 * Electron SQLite build, and none of the sources, tests or Node-ABI binaries.
 */
import { readdirSync, statSync, type Stats } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Configuration } from 'app-builder-lib';
import { getConfig } from 'app-builder-lib/out/util/config/config.js';
import { beforeAll, describe, expect, it } from 'vitest';

const repoRoot = fileURLToPath(new URL('../..', import.meta.url)).replace(/\/$/, '');

type Filter = (file: string, stat: Stats) => boolean;
interface Matcher {
  from: string;
  to: string;
  createFilter(): Filter;
}
interface FileMatcherModule {
  getMainFileMatchers(
    appDir: string,
    destination: string,
    macroExpander: (s: string) => string,
    platformSpecificBuildOptions: object,
    platformPackager: object,
    outDir: string,
    isElectronCompile: boolean,
  ): Matcher[];
  getNodeModuleFileMatcher(
    appDir: string,
    destination: string,
    macroExpander: (s: string) => string,
    platformSpecificBuildOptions: object,
    packager: object,
  ): Matcher;
  getFileMatchers(
    config: Configuration,
    name: 'extraResources' | 'asarUnpack',
    destination: string,
    options: object,
  ): Matcher[] | null;
}

const identity = (s: string) => s;
const fileStat = { isDirectory: () => false } as unknown as Stats;

/** Every file of the checkout outside node_modules and .git, relative to it. */
function checkoutFiles(dir = repoRoot, prefix = ''): string[] {
  const files: string[] = [];
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    if (!prefix && (entry.name === 'node_modules' || entry.name === '.git')) continue;
    const relative = prefix ? `${prefix}/${entry.name}` : entry.name;
    if (entry.isDirectory()) files.push(...checkoutFiles(path.join(dir, entry.name), relative));
    else if (entry.isFile()) files.push(relative);
  }
  return files;
}

describe('what npm run dist packs (electron-builder matcher, real config)', () => {
  let matchers: FileMatcherModule;
  let config: Configuration;
  let appFilter: Filter;
  let nodeModulesFilter: Filter;

  const packs = (relative: string) => appFilter(path.join(repoRoot, relative), fileStat);

  beforeAll(async () => {
    matchers = (await import(
      path.join(repoRoot, 'node_modules/app-builder-lib/out/fileMatcher.js')
    )) as FileMatcherModule;
    config = await getConfig(repoRoot, path.join(repoRoot, 'electron-builder.yml'), null);
    const info = {
      projectDir: repoRoot,
      buildResourcesDir: config.directories?.buildResources ?? 'build',
      isPrepackedAppAsar: false,
      config,
      debugLogger: { isEnabled: false },
    };
    const outDir = path.join(repoRoot, config.directories?.output ?? 'dist');
    const [main] = matchers.getMainFileMatchers(
      repoRoot,
      '/app',
      identity,
      {},
      { info },
      outDir,
      false,
    );
    appFilter = main!.createFilter();
    nodeModulesFilter = matchers
      .getNodeModuleFileMatcher(repoRoot, '/app', identity, {}, info)
      .createFilter();
  });

  it('packs the bundles, the built UI and package.json, without source maps', () => {
    for (const file of [
      'package.json',
      'dist-electron/main.cjs',
      'dist-electron/preload.cjs',
      'dist-electron/ort-worker.cjs',
      'dist/renderer/index.html',
      'dist/renderer/assets/index-abc123.js',
    ]) {
      expect(packs(file), file).toBe(true);
    }
    for (const file of ['dist-electron/main.cjs.map', 'dist/renderer/assets/index-abc123.js.map']) {
      expect(packs(file), file).toBe(false);
    }
  });

  it("packs none of this checkout's sources, tests, scripts, models or native/ builds", () => {
    const packed = checkoutFiles().filter(
      (file) => !file.startsWith('dist/') && !file.startsWith('dist-electron/') && packs(file),
    );
    expect(packed).toEqual(['package.json']);
    // The CLI bundle and the SQLite builds stay out of the asar (native/ goes as a resource).
    expect(packs('dist/cli/inspection-desk.mjs')).toBe(false);
    expect(packs('native/electron-abi150/better_sqlite3.node')).toBe(false);
  });

  it('ships production modules without the Node-ABI SQLite build or the TypeScript runner', () => {
    const ships = (relative: string) => nodeModulesFilter(path.join(repoRoot, relative), fileStat);
    expect(ships('node_modules/better-sqlite3/lib/database.js')).toBe(true);
    expect(ships('node_modules/sharp/lib/index.js')).toBe(true);
    expect(ships('node_modules/better-sqlite3/build/Release/better_sqlite3.node')).toBe(false);
    expect(ships('node_modules/better-sqlite3/src/better_sqlite3.cpp')).toBe(false);
    expect(ships('node_modules/tsx/dist/cli.mjs')).toBe(false);
  });

  it('unpacks native modules from the asar so they can load', () => {
    const unpack = matchers.getFileMatchers(config, 'asarUnpack', '/app', {
      macroExpander: identity,
      customBuildOptions: {},
      globalOutDir: path.join(repoRoot, 'release'),
      defaultSrc: repoRoot,
    });
    const filter = unpack![0]!.createFilter();
    const unpacked = (relative: string) => filter(path.join(repoRoot, relative), fileStat);
    expect(unpacked('node_modules/@img/sharp-linux-x64/lib/sharp-linux-x64.node')).toBe(true);
    expect(
      unpacked('node_modules/onnxruntime-node/bin/napi-v6/linux/x64/onnxruntime_binding.node'),
    ).toBe(true);
    expect(unpacked('node_modules/zod/index.js')).toBe(false);
  });

  it("puts the model, the hub migrations and Electron's SQLite build into resources/, where the app looks", () => {
    const resources = matchers.getFileMatchers(config, 'extraResources', '/resources', {
      macroExpander: identity,
      customBuildOptions: {},
      globalOutDir: path.join(repoRoot, 'release'),
      defaultSrc: repoRoot,
    })!;
    const copied = (from: string, relative: string) => {
      const matcher = resources.find((m) => m.from === path.join(repoRoot, from));
      expect(matcher, from).toBeDefined();
      return matcher!.createFilter()(path.join(matcher!.from, relative), fileStat);
    };
    expect(copied('models/pipe-obstruction', 'model.onnx')).toBe(true);
    expect(copied('models/pipe-obstruction', 'model.json')).toBe(true);
    expect(copied('native', 'electron-abi150/better_sqlite3.node')).toBe(true);
    expect(copied('native', 'electron-abi150/build.json')).toBe(true);
    // The hub's SQL migrations, which Settings' sync checks the hub against.
    for (const file of readdirSync(path.join(repoRoot, 'hub/migrations'))) {
      expect(copied('hub/migrations', file), file).toBe(file.endsWith('.sql'));
    }
    expect(copied('hub/migrations', '001-catalog.sql')).toBe(true);
    expect(copied('hub/migrations', 'notes.txt')).toBe(false);
    // The stand-in test's Node build is not part of the app.
    expect(copied('native', 'node-abi127/better_sqlite3.node')).toBe(false);
    // The real model files are there to be copied.
    expect(statSync(path.join(repoRoot, 'models/pipe-obstruction/model.onnx')).isFile()).toBe(true);
  });
});
