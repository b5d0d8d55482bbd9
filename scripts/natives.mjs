#!/usr/bin/env node
/**
 * One checkout, two runtimes. better-sqlite3 is compiled against one Node ABI
 * (NODE_MODULE_VERSION): node_modules/better-sqlite3/build holds the build for the Node
 * that runs the tests, the CLI and the server, and is never touched here. The desktop app
 * runs in Electron, whose ABI differs, so this script puts a second build beside it:
 *
 *   native/<runtime>-abi<N>/better_sqlite3.node   (+ build.json saying what it was built for)
 *
 * and the desktop shell opens the library with `new Database(file, { nativeBinding })`
 * pointing there (electron/main/locations.ts, desktopNativeBinding). The same script
 * builds for a second real Node (the stand-in `npm run test:desktop-abi` uses, because
 * Electron's binary cannot be downloaded everywhere).
 *
 * How a build is obtained, first that works:
 *   1. native/<dir> already matches (runtime, version, ABI, better-sqlite3 version);
 *   2. the user cache (~/.cache/inspection-desk/natives) has it from an earlier checkout;
 *   3. Electron only: better-sqlite3's prebuilt binary for that Electron (prebuild-install);
 *   4. npm's node-gyp on a private copy of better-sqlite3's sources, against Electron's
 *      headers (downloaded) or a Node's headers (`--nodedir`), run by that Node.
 *
 * Usage:
 *   node scripts/natives.mjs electron [--if-possible]   (postinstall, `npm run prepare:electron`)
 *   node scripts/natives.mjs electron --check           (exit 1 with one sentence when missing or stale)
 *   node scripts/natives.mjs node --node-exec BIN --nodedir DIR   (a second Node, for the stand-in test)
 */
import { spawnSync } from 'node:child_process';
import {
  copyFileSync,
  cpSync,
  existsSync,
  mkdirSync,
  readFileSync,
  realpathSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

export const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const require = createRequire(path.join(repoRoot, 'package.json'));

export const BINDING_FILE = 'better_sqlite3.node';
const STAMP_FILE = 'build.json';
const ELECTRON_HEADERS = 'https://electronjs.org/headers';
/** A download that hangs must not hang `npm install`; a compile on 2 cores takes ~2 min. */
const DOWNLOAD_TIMEOUT_MS = 120_000;
const COMPILE_TIMEOUT_MS = 20 * 60_000;

/** The folder (relative to a root: the checkout, or resources/ when packaged) of one runtime's build. */
export function nativeDirName(runtime, abi) {
  return `${runtime}-abi${abi}`;
}

export function cacheRoot(env = process.env) {
  if (env.INSPECTION_DESK_CACHE) return path.resolve(env.INSPECTION_DESK_CACHE);
  const base = env.XDG_CACHE_HOME || path.join(os.homedir(), '.cache');
  return path.join(base, 'inspection-desk');
}

function readJson(file) {
  try {
    return JSON.parse(readFileSync(file, 'utf8'));
  } catch {
    return null;
  }
}

export function betterSqlite3Dir() {
  return path.dirname(require.resolve('better-sqlite3/package.json'));
}

function betterSqlite3Version() {
  return readJson(path.join(betterSqlite3Dir(), 'package.json')).version;
}

/**
 * The installed Electron: its version and ABI (its own `abi_version` file), or null when
 * it is not installed (a production install without devDependencies).
 */
export function electronTarget() {
  let dir;
  try {
    dir = path.dirname(require.resolve('electron/package.json'));
  } catch {
    return null;
  }
  const version = readJson(path.join(dir, 'package.json'))?.version;
  let abi = null;
  try {
    abi = readFileSync(path.join(dir, 'abi_version'), 'utf8').trim();
  } catch {
    try {
      abi = require('node-abi').getAbi(version, 'electron');
    } catch {
      abi = null;
    }
  }
  return version && abi ? { runtime: 'electron', version, abi: String(abi) } : null;
}

/** A Node binary's version and ABI, asked of the binary itself. */
export function nodeTarget(nodeExec) {
  const result = spawnSync(
    nodeExec,
    ['-p', 'JSON.stringify([process.versions.node, process.versions.modules])'],
    { encoding: 'utf8' },
  );
  if (result.status !== 0)
    throw new Error(`${nodeExec} does not run: ${result.stderr || result.error}`);
  const [version, abi] = JSON.parse(result.stdout);
  return { runtime: 'node', version, abi: String(abi) };
}

/** What a build is for; a build whose stamp differs in any field is stale. */
function stampFor(target) {
  return {
    runtime: target.runtime,
    version: target.version,
    abi: target.abi,
    platform: process.platform,
    arch: process.arch,
    betterSqlite3: betterSqlite3Version(),
  };
}

function sameStamp(a, b) {
  return a !== null && Object.keys(b).every((key) => a[key] === b[key]);
}

export function nativeOutDir(target, root = repoRoot) {
  return path.join(root, 'native', nativeDirName(target.runtime, target.abi));
}

/** 'ok', 'missing' or 'stale' (built for another version of the runtime or of better-sqlite3). */
export function buildState(target, root = repoRoot) {
  const dir = nativeOutDir(target, root);
  if (!existsSync(path.join(dir, BINDING_FILE))) return 'missing';
  return sameStamp(readJson(path.join(dir, STAMP_FILE)), stampFor(target)) ? 'ok' : 'stale';
}

/** npm's own node-gyp (the one `npm install` would use), else the project's copy. */
export function npmNodeGyp(env = process.env) {
  const candidates = [];
  if (env.npm_config_node_gyp) candidates.push(env.npm_config_node_gyp);
  if (env.npm_execpath) {
    candidates.push(
      path.join(path.dirname(env.npm_execpath), '..', 'node_modules/node-gyp/bin/node-gyp.js'),
    );
  }
  const npmOnPath = spawnSync(process.platform === 'win32' ? 'where' : 'which', ['npm'], {
    encoding: 'utf8',
  });
  const npmBin = npmOnPath.status === 0 ? npmOnPath.stdout.split(/\r?\n/)[0]?.trim() : '';
  if (npmBin) {
    try {
      candidates.push(
        path.join(
          path.dirname(realpathSync(npmBin)),
          '..',
          'node_modules/node-gyp/bin/node-gyp.js',
        ),
      );
    } catch {
      // not a real file: try the next candidate
    }
  }
  try {
    candidates.push(require.resolve('node-gyp/bin/node-gyp.js'));
  } catch {
    // no project copy
  }
  const found = candidates.find((file) => file.endsWith('.js') && existsSync(file));
  if (!found) throw new Error("npm's node-gyp was not found; install npm (it ships node-gyp).");
  return found;
}

/**
 * The parent's environment without npm's notion of a build target: inside `npm install`,
 * npm_config_target/runtime/disturl/nodedir would override the flags given here.
 */
function buildEnv() {
  const env = { ...process.env };
  for (const key of Object.keys(env)) {
    if (/^npm_config_(target|runtime|disturl|dist_url|nodedir|arch)$/i.test(key)) delete env[key];
  }
  return env;
}

function run(command, args, options) {
  const result = spawnSync(command, args, {
    cwd: options.cwd,
    env: buildEnv(),
    stdio: options.quiet ? 'pipe' : ['ignore', 'inherit', 'inherit'],
    encoding: 'utf8',
    timeout: options.timeout,
  });
  return result.status === 0;
}

/** A private copy of better-sqlite3's sources, so the build never touches node_modules. */
function freshSourceCopy(workDir) {
  rmSync(workDir, { recursive: true, force: true });
  mkdirSync(workDir, { recursive: true });
  const source = betterSqlite3Dir();
  for (const entry of ['binding.gyp', 'package.json', 'src', 'deps', 'lib']) {
    cpSync(path.join(source, entry), path.join(workDir, entry), { recursive: true });
  }
  return path.join(workDir, 'build', 'Release', BINDING_FILE);
}

function tryPrebuilt(target, workDir, log) {
  let bin;
  try {
    bin = require.resolve('prebuild-install/bin.js');
  } catch {
    return null;
  }
  const built = freshSourceCopy(workDir);
  log(`Looking for better-sqlite3's prebuilt binary for Electron ${target.version}...`);
  const ok = run(
    process.execPath,
    [
      bin,
      '--runtime',
      'electron',
      '--target',
      target.version,
      '--arch',
      process.arch,
      '--platform',
      process.platform,
    ],
    { cwd: workDir, quiet: true, timeout: DOWNLOAD_TIMEOUT_MS },
  );
  return ok && existsSync(built) ? built : null;
}

function tryCompile(target, workDir, options, log) {
  const built = freshSourceCopy(workDir);
  const nodeExec = options.nodeExec ?? process.execPath;
  const args = [
    npmNodeGyp(),
    'rebuild',
    '--release',
    `--jobs=${Math.max(1, os.availableParallelism?.() ?? os.cpus().length)}`,
  ];
  if (target.runtime === 'electron') {
    args.push(
      `--target=${target.version}`,
      '--runtime=electron',
      `--dist-url=${ELECTRON_HEADERS}`,
      `--devdir=${path.join(cacheRoot(), 'node-gyp')}`,
    );
  } else {
    args.push(`--nodedir=${options.nodedir}`);
  }
  log(
    `Compiling better-sqlite3 for ${target.runtime} ${target.version} (ABI ${target.abi}); this takes a few minutes...`,
  );
  const ok = run(nodeExec, args, {
    cwd: workDir,
    quiet: options.quiet,
    timeout: COMPILE_TIMEOUT_MS,
  });
  return ok && existsSync(built) ? built : null;
}

/** For a Node target, the built binary must load in that Node: proves the ABI, not just the file. */
function loadsIn(nodeExec, file) {
  const result = spawnSync(nodeExec, ['-e', `require(${JSON.stringify(file)})`], {
    encoding: 'utf8',
  });
  return result.status === 0;
}

/**
 * Makes native/<runtime>-abi<N>/better_sqlite3.node match `target`. Resolves with how
 * ('up-to-date', 'cache', 'prebuilt', 'compiled'); throws an Error whose message is one
 * actionable sentence when no way worked.
 */
export function prepareNative(target, options = {}) {
  const log = options.log ?? ((line) => console.log(line));
  const root = options.root ?? repoRoot;
  const outDir = nativeOutDir(target, root);
  const stamp = stampFor(target);
  if (buildState(target, root) === 'ok') return 'up-to-date';

  const key = `${target.runtime}-${target.version}-${process.platform}-${process.arch}-better-sqlite3-${stamp.betterSqlite3}`;
  const cached = path.join(cacheRoot(), 'natives', key, BINDING_FILE);
  let how = 'cache';
  let built = existsSync(cached) ? cached : null;
  const workDir = path.join(cacheRoot(), 'build', key);
  if (!built && target.runtime === 'electron' && !options.noPrebuilt) {
    built = tryPrebuilt(target, workDir, log);
    how = 'prebuilt';
  }
  if (!built) {
    built = tryCompile(target, workDir, options, log);
    how = 'compiled';
  }
  if (!built) {
    throw new Error(
      target.runtime === 'electron'
        ? `better-sqlite3 for Electron ${target.version} could not be downloaded or compiled (offline, or no C++ build tools); once online, run "npm run prepare:electron".`
        : `better-sqlite3 could not be compiled for Node ${target.version}; check that Python 3, make and a C++ compiler are installed, then run this again.`,
    );
  }
  if (target.runtime === 'node' && options.nodeExec && !loadsIn(options.nodeExec, built)) {
    throw new Error(
      `The better-sqlite3 built for Node ${target.version} does not load in ${options.nodeExec}; delete ${path.dirname(cached)} and run this again.`,
    );
  }
  if (built !== cached) {
    mkdirSync(path.dirname(cached), { recursive: true });
    copyFileSync(built, cached);
  }
  mkdirSync(outDir, { recursive: true });
  copyFileSync(cached, path.join(outDir, BINDING_FILE));
  writeFileSync(path.join(outDir, STAMP_FILE), `${JSON.stringify(stamp, null, 2)}\n`);
  return how;
}

/** What `--check` prints for a build that is not 'ok'. */
export function notReadySentence(target, state) {
  return `The SQLite module for Electron ${target.version} is ${state === 'missing' ? 'not built yet' : 'built for another version'}: run "npm run prepare:electron" (needs the internet once), then "npm start" again.`;
}

/** electron, @electron/get, @electron/rebuild and node-abi declare engines node >= 22.12. */
export const ELECTRON_TOOLING_NODE = [22, 12];

export function nodeAtLeast(version, [major, minor]) {
  const [a, b] = version.split('.').map(Number);
  return a > major || (a === major && b >= minor);
}

function option(argv, name) {
  const index = argv.indexOf(name);
  return index >= 0 ? argv[index + 1] : undefined;
}

function main(argv) {
  const runtime = argv[0];
  const ifPossible = argv.includes('--if-possible');
  const checkOnly = argv.includes('--check');
  let target;
  // Only the one-line outcome is shown, not the compiler's output (`--verbose` shows it),
  // and during an install not even the progress lines.
  const options = { quiet: !argv.includes('--verbose') };
  if (ifPossible) options.log = () => {};
  if (runtime === 'electron') {
    if (!ifPossible && !checkOnly && !nodeAtLeast(process.versions.node, ELECTRON_TOOLING_NODE)) {
      console.error(
        `Electron ${electronTarget()?.version ?? ''} and its tooling need Node ${ELECTRON_TOOLING_NODE.join('.')} or newer (this is ${process.versions.node}): switch Node (nvm install 22), run "npm install" again, then this command.`,
      );
      return 1;
    }
    target = electronTarget();
    if (!target) {
      // A production install (no devDependencies) has no Electron to build for.
      if (!ifPossible) console.error('Electron is not installed; run "npm install" first.');
      return ifPossible ? 0 : 1;
    }
  } else if (runtime === 'node') {
    options.nodeExec = option(argv, '--node-exec');
    options.nodedir = option(argv, '--nodedir');
    if (!options.nodeExec || !options.nodedir) {
      console.error('Usage: node scripts/natives.mjs node --node-exec BIN --nodedir DIR');
      return 2;
    }
    target = nodeTarget(options.nodeExec);
  } else {
    console.error('Usage: node scripts/natives.mjs electron [--if-possible | --check]');
    return 2;
  }

  if (checkOnly) {
    const state = buildState(target);
    if (state === 'ok') return 0;
    console.error(notReadySentence(target, state));
    return 1;
  }
  try {
    const how = prepareNative(target, options);
    if (how !== 'up-to-date') {
      console.log(
        `better-sqlite3 for ${target.runtime} ${target.version} (ABI ${target.abi}): ${how}, in ${path.relative(repoRoot, nativeOutDir(target))}`,
      );
    }
    return 0;
  } catch (error) {
    // One line, never a stack trace; an install must not fail for the desktop's sake.
    console.error(`Inspection Desk: ${error instanceof Error ? error.message : String(error)}`);
    return ifPossible ? 0 : 1;
  }
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  process.exitCode = main(process.argv.slice(2));
}
