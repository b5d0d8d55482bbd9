import { getConfig, validateConfiguration } from 'app-builder-lib/out/util/config/config.js';
import type { Configuration } from 'app-builder-lib';
import { DebugLogger } from 'builder-util';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';

const repoRoot = fileURLToPath(new URL('../..', import.meta.url));

/** Targets of one platform section, whatever form (string, list, objects) it uses. */
function targetNames(section: { target?: unknown } | null | undefined): string[] {
  const target = section?.target;
  const list = Array.isArray(target) ? target : target === undefined ? [] : [target];
  return list.map((t) => (typeof t === 'string' ? t : (t as { target: string }).target));
}

describe('electron-builder.yml', () => {
  let config: Configuration;

  beforeAll(async () => {
    // Loaded and checked by electron-builder's own code, as `npm run dist` would.
    config = await getConfig(repoRoot, path.join(repoRoot, 'electron-builder.yml'), null);
  });

  it('is a configuration electron-builder accepts (its JSON schema)', async () => {
    await expect(validateConfiguration(config, new DebugLogger(false))).resolves.toBeUndefined();
  });

  it('names the app as users see it', () => {
    expect(config.appId).toBe('com.inspectiondesk.app');
    expect(config.productName).toBe('Inspection Desk');
  });

  it('packs the bundles and the built UI, and takes the icon from resources/', () => {
    const files = JSON.stringify(config.files);
    expect(files).toContain('dist-electron/**/*');
    expect(files).toContain('dist/renderer/**/*');
    expect(files).toContain('package.json');
    expect(config.directories?.buildResources).toBe('resources');
  });

  it('unpacks every native module from the asar so it can load', () => {
    const unpacked = JSON.stringify(config.asarUnpack);
    for (const name of ['better-sqlite3', 'sharp', '@img', 'onnxruntime-node']) {
      expect(unpacked).toContain(name);
    }
  });

  it('never rebuilds node_modules in place: the Node build stays for the CLI, server and tests', () => {
    expect(config.npmRebuild).toBe(false);
    // No Node-ABI better-sqlite3 binary goes into the app; the Electron one comes from native/.
    expect(JSON.stringify(config.files)).toContain(
      '!**/node_modules/better-sqlite3/{build,deps,src}/**',
    );
    const resources = (config.extraResources ?? []) as {
      from: string;
      to: string;
      filter: string[];
    }[];
    expect(resources).toContainEqual({
      from: 'native',
      to: 'native',
      filter: ['electron-abi*/better_sqlite3.node', 'electron-abi*/build.json'],
    });
  });

  it("flips Electron's fuses: no run-as-node, NODE_OPTIONS or --inspect, only the checked asar", () => {
    expect(config.electronFuses).toEqual(
      expect.objectContaining({
        runAsNode: false,
        enableNodeOptionsEnvironmentVariable: false,
        enableNodeCliInspectArguments: false,
        enableEmbeddedAsarIntegrityValidation: true,
        onlyLoadAppFromAsar: true,
      }),
    );
  });

  it('ships the default model to resources/models/pipe-obstruction, where the app looks', () => {
    const resources = (config.extraResources ?? []) as {
      from: string;
      to: string;
      filter: string[];
    }[];
    expect(resources).toContainEqual({
      from: 'models/pipe-obstruction',
      to: 'models/pipe-obstruction',
      filter: expect.arrayContaining(['model.onnx', 'model.json', 'MODEL_CARD.md']),
    });
  });

  it('builds installers for all three platforms', () => {
    expect(targetNames(config.linux)).toEqual(['AppImage', 'deb']);
    expect(config.linux?.category).toBe('Utility');
    expect(config.linux?.maintainer).toMatch(/@/);
    expect(targetNames(config.win)).toEqual(['nsis']);
    expect(config.nsis).toEqual(
      expect.objectContaining({ oneClick: false, allowToChangeInstallationDirectory: true }),
    );
    expect(targetNames(config.mac)).toEqual(['dmg']);
    expect(config.mac?.category).toBe('public.app-category.productivity');
  });
});
