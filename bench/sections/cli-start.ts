/**
 * Figure 6b: command-line cold start, as an inspector types it: `node
 * bin/inspection-desk.mjs ...` running the esbuild bundle (dist/cli, rebuilt here first)
 * against the same command forced onto the TypeScript sources through tsx
 * (INSPECTION_DESK_FROM_SOURCE=1), each as a ratio to `node -e 0` measured in the same
 * run. Runs are interleaved (node, bundle, sources, node, ...) so machine load hits all
 * three alike. Targets: `--version` <= 10x, `list --limit 20` on the big library <= 20x.
 */
import { spawnSync } from 'node:child_process';
import { rmSync } from 'node:fs';
import path from 'node:path';
import type { BenchContext } from '../lib/context.js';
import { REPO_ROOT } from '../lib/paths.js';
import { figure, fmt, type Figure, type SectionResult } from '../lib/report.js';
import { median } from '../lib/stats.js';
import { ensureLibrary, libraryRunCopy } from '../workload/library.js';

const BIN = path.join(REPO_ROOT, 'bin', 'inspection-desk.mjs');

function timeRun(args: string[], env: Record<string, string> = {}): number {
  const started = performance.now();
  const result = spawnSync(process.execPath, args, {
    cwd: REPO_ROOT,
    env: { ...process.env, ...env },
    stdio: ['ignore', 'ignore', 'pipe'],
    encoding: 'utf8',
  });
  const elapsed = performance.now() - started;
  if (result.status !== 0) {
    throw new Error(`node ${args.join(' ')} failed (${result.status}): ${result.stderr}`);
  }
  return elapsed;
}

interface Side {
  baseline: number[];
  bundle: number[];
  sources: number[];
}

function measure(args: string[], repeats: number): Side {
  const side: Side = { baseline: [], bundle: [], sources: [] };
  // One untimed round warms the file cache for all three.
  timeRun(['-e', '0']);
  timeRun([BIN, ...args]);
  timeRun([BIN, ...args], { INSPECTION_DESK_FROM_SOURCE: '1' });
  for (let i = 0; i < repeats; i++) {
    side.baseline.push(timeRun(['-e', '0']));
    side.bundle.push(timeRun([BIN, ...args]));
    side.sources.push(timeRun([BIN, ...args], { INSPECTION_DESK_FROM_SOURCE: '1' }));
  }
  return side;
}

function ratioFigure(name: string, side: Side, target: number): Figure {
  const base = median(side.baseline);
  const bundle = median(side.bundle);
  const sources = median(side.sources);
  const ratio = bundle / base;
  return figure(
    '6. Cold start',
    name,
    `bundle ${fmt(ratio, 'x')} of node -e 0 (${fmt(bundle, 'ms')} vs ${fmt(base, 'ms')}); tsx sources ${fmt(sources / base, 'x')} (${fmt(sources, 'ms')})`,
    ratio,
    `<= ${target}x`,
    ratio <= target,
  );
}

export async function runCliStartSection(ctx: BenchContext): Promise<SectionResult> {
  const repeats = ctx.options.quick ? 3 : 7;
  const { buildCli } = (await import(path.join(REPO_ROOT, 'scripts', 'build-cli.mjs'))) as {
    buildCli(): Promise<unknown>;
  };
  await buildCli();
  const version = measure(['--version'], repeats);
  const library = await ensureLibrary(ctx.options.libraryPhotos, ctx.log);
  const dir = libraryRunCopy(library);
  let list: Side;
  try {
    list = measure(['--library', dir, 'list', '--limit', '20'], repeats);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  ctx.raw.cliStart = { version, list };
  return {
    figures: [
      ratioFigure('`inspection-desk --version`', version, 10),
      ratioFigure(`\`inspection-desk list --limit 20\`, ${library.photos}-photo library`, list, 20),
    ],
    details: [
      {
        title: 'Command-line cold start',
        markdown:
          `Medians of ${repeats} interleaved runs of \`node -e 0\`, the bundle and the tsx sources ` +
          '(`node bin/inspection-desk.mjs`, `INSPECTION_DESK_FROM_SOURCE=1` for the sources).',
      },
    ],
  };
}
