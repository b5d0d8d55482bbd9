/**
 * What the fault suite drives and checks: the real `inspection-desk` CLI and worker
 * scripts in child processes on a real library folder, and the invariants every fault
 * must leave intact, read straight from the SQLite file and the library folder.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';

export const BIN = path.resolve('bin/inspection-desk.mjs');

export interface Run {
  code: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
}

export interface Started {
  child: ChildProcess;
  done: Promise<Run>;
  /** Resolves once `predicate` holds for the output so far (stdout + stderr). */
  waitFor(predicate: (output: string) => boolean): Promise<void>;
}

/** Starts a Node process (the CLI bin, or a .ts script through tsx). */
export function startNode(args: string[], env: NodeJS.ProcessEnv = {}): Started {
  const script = args[0]!;
  const argv = script.endsWith('.ts') ? ['--import', 'tsx', ...args] : args;
  const child = spawn(process.execPath, argv, {
    env: { ...process.env, NO_COLOR: '1', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  const waiters: { predicate: (o: string) => boolean; resolve(): void }[] = [];
  const check = () => {
    for (const waiter of [...waiters]) {
      if (waiter.predicate(stdout + stderr)) {
        waiters.splice(waiters.indexOf(waiter), 1);
        waiter.resolve();
      }
    }
  };
  child.stdout!.on('data', (chunk: Buffer) => {
    stdout += chunk.toString();
    check();
  });
  child.stderr!.on('data', (chunk: Buffer) => {
    stderr += chunk.toString();
    check();
  });
  const done = new Promise<Run>((resolve, reject) => {
    child.on('error', reject);
    child.on('close', (code, signal) => resolve({ code, signal, stdout, stderr }));
  });
  return {
    child,
    done,
    waitFor(predicate) {
      return new Promise<void>((resolve, reject) => {
        if (predicate(stdout + stderr)) return resolve();
        waiters.push({ predicate, resolve });
        void done.then((run) => {
          if (!predicate(run.stdout + run.stderr)) {
            reject(
              new Error(
                `process ended (${run.code ?? run.signal}) first:\n${run.stdout}${run.stderr}`,
              ),
            );
          }
        });
      });
    },
  };
}

export function startCli(library: string, args: string[], env?: NodeJS.ProcessEnv): Started {
  return startNode([BIN, '--library', library, ...args], env);
}

export function cli(library: string, args: string[], env?: NodeJS.ProcessEnv): Promise<Run> {
  return startCli(library, args, env).done;
}

/** `ack <id> <label>` lines of a label writer: the labels the core confirmed, in order. */
export function acknowledgedLabels(stdout: string): Map<number, string> {
  const latest = new Map<number, string>();
  for (const match of stdout.matchAll(/^ack (\d+) (\S+)$/gm)) {
    latest.set(Number(match[1]), match[2]!);
  }
  return latest;
}

export function failures(stdout: string): string[] {
  return [...stdout.matchAll(/^fail (.*)$/gm)].map((m) => m[1]!);
}

/** Every file below `root` with its size and modification time (to prove a card untouched). */
export function snapshotTree(root: string): string[] {
  const out: string[] = [];
  const walk = (dir: string) => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      const full = path.join(dir, entry.name);
      const stat = statSync(full);
      out.push(
        `${path.relative(root, full)} ${entry.isDirectory() ? 'dir' : stat.size} ${stat.mtimeMs}`,
      );
      if (entry.isDirectory()) walk(full);
    }
  };
  walk(root);
  return out.sort();
}

export interface LibraryState {
  integrity: string;
  images: { id: number; sha256: string; ext: string }[];
  labels: Map<number, string>;
  imports: { id: number; status: string; imported: number; duplicates: number; errors: number }[];
  /** Files in originals/ and thumbs/ no images row names. */
  orphans: string[];
  /** Images whose original or thumbnail is missing. */
  missingFiles: number[];
  /** Entries left in tmp/. */
  temp: string[];
  unclassified: number;
}

/** Reads a library as it is on disk (no core: nothing is cleaned up by reading it). */
export function readLibrary(library: string): LibraryState {
  const db = new Database(path.join(library, 'library.sqlite'), { readonly: true });
  try {
    const integrity = db.pragma('integrity_check', { simple: true }) as string;
    const images = db
      .prepare('SELECT id, sha256, ext FROM images ORDER BY id')
      .all() as LibraryState['images'];
    const labels = new Map(
      (
        db.prepare('SELECT image_id, label FROM labels').all() as {
          image_id: number;
          label: string;
        }[]
      ).map((r) => [r.image_id, r.label]),
    );
    const imports = db
      .prepare('SELECT id, status, imported, duplicates, errors FROM imports ORDER BY id')
      .all() as LibraryState['imports'];
    const active = db.prepare(`SELECT value FROM settings WHERE key = 'activeModel'`).get() as
      { value: string } | undefined;
    const unclassified = active
      ? (
          db
            .prepare(
              `SELECT count(*) AS n FROM images i WHERE NOT EXISTS
                 (SELECT 1 FROM predictions p WHERE p.image_id = i.id AND p.model_id = ?)`,
            )
            .get(active.value) as { n: number }
        ).n
      : images.length;
    const known = new Set(images.map((i) => i.sha256));
    const orphans: string[] = [];
    for (const folder of ['originals', 'thumbs']) {
      const root = path.join(library, folder);
      for (const shard of safeList(root)) {
        for (const name of safeList(path.join(root, shard))) {
          if (!known.has(name.split('.')[0]!)) orphans.push(`${folder}/${shard}/${name}`);
        }
      }
    }
    const missingFiles = images
      .filter((i) => {
        const shard = i.sha256.slice(0, 2);
        return (
          !exists(path.join(library, 'originals', shard, `${i.sha256}.${i.ext}`)) ||
          !exists(path.join(library, 'thumbs', shard, `${i.sha256}.webp`))
        );
      })
      .map((i) => i.id);
    return {
      integrity,
      images,
      labels,
      imports,
      orphans,
      missingFiles,
      temp: safeList(path.join(library, 'tmp')),
      unclassified,
    };
  } finally {
    db.close();
  }
}

function safeList(dir: string): string[] {
  try {
    return readdirSync(dir);
  } catch {
    return [];
  }
}

function exists(file: string): boolean {
  try {
    statSync(file);
    return true;
  } catch {
    return false;
  }
}

/** A seeded pseudo-random generator (mulberry32): the same seed kills at the same points. */
export function seeded(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
