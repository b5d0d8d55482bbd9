/**
 * `npm run bench`: how close Inspection Desk runs to this machine's limit. Builds its own
 * workload (camera-like JPEG cards, a 100,000-photo library) under bench/.work/, measures
 * each figure of issue 5 as a ratio or a latency within the same run, prints the table,
 * writes bench/.work/results.json and, for a full run, the table in bench/README.md.
 *
 *   npm run bench                      every section (about 10-15 min on 2 cores)
 *   npm run bench -- --quick           smoke run: small cards, few repetitions
 *   npm run bench -- --only import,queries
 *   npm run bench -- --help
 */
import { mkdirSync, rmSync } from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { SECTIONS, type BenchContext, type BenchOptions, type SectionName } from './lib/context.js';
import { machineInfo } from './lib/machine.js';
import { resolveBenchModel } from './lib/model.js';
import { README_PATH, RESULTS_PATH, RUNS_DIR, WORK_DIR } from './lib/paths.js';
import {
  figuresTable,
  notMeasured,
  reportMarkdown,
  writeReadmeResults,
  writeResultsJson,
  type Detail,
  type Figure,
  type RunReport,
  type SectionResult,
} from './lib/report.js';
import { runBrowserSection } from './sections/browser.js';
import { runClassifySection } from './sections/classify.js';
import { runCliStartSection } from './sections/cli-start.js';
import { runColdStartSection } from './sections/cold-start.js';
import { runEmbeddingsSection } from './sections/embeddings.js';
import { runFarJumpSection } from './sections/far-jump.js';
import { runImportSection } from './sections/import.js';
import { runQueriesSection } from './sections/queries.js';

const HELP = `Usage: npm run bench -- [options]

Measures import throughput against its floor, classification overhead, grid query
latency at 100,000 photos, review in the browser, memory, cold start, the
embeddings figures (improve at 2,000 reviewed photos, similar search at 100,000), and
far jumps in the grid (End, scrollbar to the bottom) at 100,000 photos.

Options:
  --quick            smoke run: 40-photo cards, 1 round, fewer repetitions (~3 min)
  --only LIST        sections to run, comma-separated: ${SECTIONS.join(', ')}
  --photos N         photos per card (default 300)
  --rounds N         measured runs per side of the import ratio (default 3)
  --library N        photos in the synthetic library (default 100000)
  --model DIR        classify with this model folder instead of the default
  --profile          write CPU profiles of the measured servers to bench/.work/profiles/
  --readme / --no-readme   write the table into bench/README.md (default: full runs only)
  -h, --help         this help
`;

const RUNNERS: Record<SectionName, (ctx: BenchContext) => Promise<SectionResult>> = {
  import: runImportSection,
  classify: runClassifySection,
  queries: runQueriesSection,
  browser: runBrowserSection,
  coldstart: runColdStartSection,
  cli: runCliStartSection,
  embeddings: runEmbeddingsSection,
  farjump: runFarJumpSection,
};

const SECTION_TITLES: Record<SectionName, string> = {
  import: '1. Import',
  classify: '2. Classification',
  queries: '3. Grid queries',
  browser: '4. Review in the browser',
  coldstart: '6. Cold start',
  cli: '6. Cold start (command line)',
  embeddings: '7. Embeddings',
  farjump: '8. Far jumps',
};

function positiveInt(text: string | undefined, name: string, fallback: number): number {
  if (text === undefined) return fallback;
  const value = Number(text);
  if (!Number.isInteger(value) || value < 1) {
    throw new Error(`--${name} must be a positive whole number, got "${text}"`);
  }
  return value;
}

function parseOptions(argv: string[]): BenchOptions | null {
  const { values } = parseArgs({
    args: argv,
    options: {
      quick: { type: 'boolean', default: false },
      only: { type: 'string' },
      photos: { type: 'string' },
      rounds: { type: 'string' },
      library: { type: 'string' },
      model: { type: 'string' },
      profile: { type: 'boolean', default: false },
      readme: { type: 'boolean' },
      'no-readme': { type: 'boolean' },
      help: { type: 'boolean', short: 'h', default: false },
    },
    strict: true,
    allowPositionals: false,
  });
  if (values.help) return null;
  const sections = values.only ? values.only.split(',').map((s) => s.trim()) : [...SECTIONS];
  for (const s of sections) {
    if (!(SECTIONS as readonly string[]).includes(s)) {
      throw new Error(`--only: unknown section "${s}"; sections are ${SECTIONS.join(', ')}`);
    }
  }
  const quick = values.quick ?? false;
  const full = !quick && !values.only && !values.photos && !values.rounds && !values.library;
  return {
    quick,
    sections: sections as SectionName[],
    photos: positiveInt(values.photos, 'photos', quick ? 40 : 300),
    rounds: positiveInt(values.rounds, 'rounds', quick ? 1 : 3),
    libraryPhotos: positiveInt(values.library, 'library', 100_000),
    scrollRows: quick ? 500 : 5_000,
    keyPresses: quick ? 15 : 60,
    profile: values.profile ?? false,
    modelDir: values.model,
    writeReadme: values['no-readme'] ? false : (values.readme ?? full),
  };
}

async function main(): Promise<void> {
  let options: BenchOptions | null;
  try {
    options = parseOptions(process.argv.slice(2));
  } catch (error) {
    process.stderr.write(`${HELP}\nError: ${(error as Error).message}\n`);
    process.exit(2);
  }
  if (!options) {
    process.stdout.write(HELP);
    return;
  }
  const started = performance.now();
  const machine = machineInfo();
  const model = await resolveBenchModel(options.modelDir);
  mkdirSync(WORK_DIR, { recursive: true });
  rmSync(RUNS_DIR, { recursive: true, force: true });
  mkdirSync(RUNS_DIR, { recursive: true });
  const log = (line: string) => process.stdout.write(`${line}\n`);
  log(`Inspection Desk bench: ${options.sections.join(', ')}${options.quick ? ' (quick)' : ''}`);
  log(
    `${machine.nproc} cores, ${machine.cpuModel}, load average ${machine.loadAverage}, reference loop ${machine.referenceLoopMs} ms CPU`,
  );
  log(`Model: ${model.description}`);
  const ctx: BenchContext = { options, model, log, raw: {} };

  const figures: Figure[] = [];
  const details: Detail[] = [];
  for (const section of options.sections) {
    log(`\n== ${SECTION_TITLES[section]} ==`);
    const sectionStarted = performance.now();
    try {
      const result = await RUNNERS[section](ctx);
      figures.push(...result.figures);
      details.push(...result.details);
    } catch (error) {
      const message = error instanceof Error ? error.message.split('\n')[0]! : String(error);
      log(`${section} failed: ${error instanceof Error ? (error.stack ?? message) : message}`);
      figures.push(notMeasured(SECTION_TITLES[section], section, `failed (${message})`));
    }
    log(`(${section}: ${Math.round((performance.now() - sectionStarted) / 1000)} s)`);
  }

  const argv = process.argv.slice(2).join(' ');
  const report: RunReport = {
    machine,
    command: `npm run bench${argv ? ` -- ${argv}` : ''}`,
    durationS: (performance.now() - started) / 1000,
    model: model.description,
    figures,
    details,
    raw: ctx.raw,
  };
  writeResultsJson(RESULTS_PATH, report);
  // Every run is kept too, to compare before and after a change.
  writeResultsJson(
    path.join(WORK_DIR, 'history', `results-${machine.date.replace(/[:.]/g, '-')}.json`),
    report,
  );
  log(`\n${figuresTable(figures)}\n`);
  log(`Results: ${RESULTS_PATH}`);
  if (options.writeReadme) {
    writeReadmeResults(README_PATH, reportMarkdown(report));
    log(`Table written to ${README_PATH}`);
  }
  rmSync(RUNS_DIR, { recursive: true, force: true });
}

await main();
