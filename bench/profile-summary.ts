/**
 * Where the time goes in a V8 CPU profile (`node --cpu-prof`, or `npm run bench --
 * --profile`): self time per function and per file, heaviest first.
 *
 *   npx tsx bench/profile-summary.ts bench/.work/profiles/<name>.cpuprofile [--top 25]
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { REPO_ROOT } from './lib/paths.js';

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
  children?: number[];
}

interface CpuProfile {
  nodes: ProfileNode[];
  samples: number[];
  timeDeltas: number[];
  startTime: number;
  endTime: number;
}

export interface ProfileLine {
  name: string;
  ms: number;
  share: number;
}

export interface ProfileSummary {
  totalMs: number;
  byFunction: ProfileLine[];
  byFile: ProfileLine[];
}

function shortUrl(url: string): string {
  if (!url) return '(native)';
  const file = url.startsWith('file://') ? new URL(url).pathname : url;
  const relative = path.relative(REPO_ROOT, file);
  return relative.startsWith('..') ? file : relative;
}

export function summarizeProfile(profile: CpuProfile, top = 25): ProfileSummary {
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const selfUs = new Map<number, number>();
  profile.samples.forEach((id, i) => {
    selfUs.set(id, (selfUs.get(id) ?? 0) + (profile.timeDeltas[i] ?? 0));
  });
  const fn = new Map<string, number>();
  const file = new Map<string, number>();
  let total = 0;
  for (const [id, us] of selfUs) {
    const node = byId.get(id);
    if (!node) continue;
    total += us;
    const { functionName, url, lineNumber } = node.callFrame;
    const where = shortUrl(url);
    const name = `${functionName || '(anonymous)'} ${where}${url ? `:${lineNumber + 1}` : ''}`;
    fn.set(name, (fn.get(name) ?? 0) + us);
    file.set(where, (file.get(where) ?? 0) + us);
  }
  const lines = (map: Map<string, number>): ProfileLine[] =>
    [...map.entries()]
      .sort((a, b) => b[1] - a[1])
      .slice(0, top)
      .map(([name, us]) => ({ name, ms: us / 1000, share: total ? us / total : 0 }));
  return { totalMs: total / 1000, byFunction: lines(fn), byFile: lines(file) };
}

function print(summary: ProfileSummary): void {
  const show = (title: string, lines: ProfileLine[]) => {
    process.stdout.write(`\n${title}\n`);
    for (const l of lines) {
      process.stdout.write(
        `${(l.share * 100).toFixed(1).padStart(5)}%  ${l.ms.toFixed(0).padStart(7)} ms  ${l.name}\n`,
      );
    }
  };
  process.stdout.write(`sampled ${summary.totalMs.toFixed(0)} ms\n`);
  show('Self time by function:', summary.byFunction);
  show('Self time by file:', summary.byFile);
}

const isMain =
  process.argv[1] &&
  path.resolve(process.argv[1]) === path.resolve(new URL(import.meta.url).pathname);
if (isMain) {
  const { values, positionals } = parseArgs({
    options: { top: { type: 'string', default: '25' } },
    allowPositionals: true,
  });
  if (positionals.length === 0) {
    process.stderr.write('usage: npx tsx bench/profile-summary.ts FILE.cpuprofile [--top N]\n');
    process.exit(2);
  }
  for (const file of positionals) {
    process.stdout.write(`== ${file}\n`);
    print(
      summarizeProfile(JSON.parse(readFileSync(file, 'utf8')) as CpuProfile, Number(values.top)),
    );
  }
}
