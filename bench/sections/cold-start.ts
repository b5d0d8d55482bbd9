/**
 * Figure 6: cold start. The server as `npm run serve` starts it (`tsx
 * electron/server/main.ts`, without the renderer build), from process spawn to its
 * first HTTP answer, on a fresh library (schema created, default model validated and
 * registered) and on the 100,000-photo library; and model session creation.
 */
import { spawn } from 'node:child_process';
import { mkdirSync, rmSync } from 'node:fs';
import path from 'node:path';
import type { SessionProtocol } from '../child/session.js';
import { startChild } from '../lib/child.js';
import type { BenchContext } from '../lib/context.js';
import { benchScript, REPO_ROOT, RUNS_DIR } from '../lib/paths.js';
import { figure, fmt, type Figure, type SectionResult } from '../lib/report.js';
import { median } from '../lib/stats.js';
import { ensureLibrary, libraryRunCopy } from '../workload/library.js';

interface StartTiming {
  /** Spawn -> "running at" printed (listening). */
  listeningMs: number;
  /** Spawn -> first answer of GET /api/health. */
  firstAnswerMs: number;
}

async function timeServerStart(libraryDir: string, modelDir: string): Promise<StartTiming> {
  const started = performance.now();
  const child = spawn(
    process.execPath,
    [
      '--import',
      'tsx',
      'electron/server/main.ts',
      '--library',
      libraryDir,
      '--port',
      '0',
      '--model',
      modelDir,
    ],
    { cwd: REPO_ROOT, stdio: ['ignore', 'pipe', 'pipe'] },
  );
  try {
    const url = await new Promise<string>((resolve, reject) => {
      let out = '';
      let err = '';
      child.stdout.on('data', (chunk: Buffer) => {
        out += chunk.toString();
        const match = /running at (http:\/\/\S+)/.exec(out);
        if (match) resolve(match[1]!);
      });
      child.stderr.on('data', (chunk: Buffer) => {
        err += chunk.toString();
      });
      child.once('exit', (code) => reject(new Error(`server exited (${code}): ${err.trim()}`)));
    });
    const listeningMs = performance.now() - started;
    const response = await fetch(`${url}/api/health`);
    await response.arrayBuffer();
    if (!response.ok) throw new Error(`health answered ${response.status}`);
    return { listeningMs, firstAnswerMs: performance.now() - started };
  } finally {
    child.kill('SIGTERM');
    await new Promise((resolve) => child.once('close', resolve));
  }
}

export async function runColdStartSection(ctx: BenchContext): Promise<SectionResult> {
  const repeats = ctx.options.quick ? 1 : 3;
  const figures: Figure[] = [];
  const raw: Record<string, unknown> = {};

  const fresh: StartTiming[] = [];
  for (let i = 0; i < repeats; i++) {
    const dir = path.join(RUNS_DIR, `cold-${i}`);
    rmSync(dir, { recursive: true, force: true });
    mkdirSync(dir, { recursive: true });
    fresh.push(await timeServerStart(dir, ctx.model.dir));
    rmSync(dir, { recursive: true, force: true });
  }
  const library = await ensureLibrary(ctx.options.libraryPhotos, ctx.log);
  const big: StartTiming[] = [];
  for (let i = 0; i < repeats; i++) {
    const dir = libraryRunCopy(library);
    big.push(await timeServerStart(dir, ctx.model.dir));
    rmSync(dir, { recursive: true, force: true });
  }
  raw.fresh = fresh;
  raw.library = big;
  figures.push(
    figure(
      '6. Cold start',
      'server spawn to first HTTP answer, new library (schema + default model registered)',
      `${fmt(median(fresh.map((t) => t.firstAnswerMs)), 'ms')} (listening after ${fmt(median(fresh.map((t) => t.listeningMs)), 'ms')})`,
      median(fresh.map((t) => t.firstAnswerMs)),
    ),
    figure(
      '6. Cold start',
      `server spawn to first HTTP answer, ${library.photos}-photo library`,
      `${fmt(median(big.map((t) => t.firstAnswerMs)), 'ms')} (listening after ${fmt(median(big.map((t) => t.listeningMs)), 'ms')})`,
      median(big.map((t) => t.firstAnswerMs)),
    ),
  );

  const child = startChild<SessionProtocol>(benchScript('child/session.ts'));
  try {
    const session = await child.request('open', { modelDir: ctx.model.dir, repeats: 3 });
    raw.session = session;
    figures.push(
      figure(
        '6. Cold start',
        'model session creation (openModelSession: start the inference thread, load, optimize, validate, probe run)',
        `${fmt(session.firstMs, 'ms')} first in a process, ${fmt(median(session.laterMs), 'ms')} after`,
        session.firstMs,
      ),
    );
  } finally {
    await child.stop();
  }
  ctx.raw.coldstart = raw;
  return {
    figures,
    details: [
      {
        title: 'Cold start',
        markdown:
          `Medians of ${repeats} starts. The server is started with tsx from TypeScript sources, like ` +
          '`npm run serve` (the renderer build it also runs is not counted); transpiling is part of the ' +
          'time, a packaged app loads bundled JavaScript instead.',
      },
    ],
  };
}
