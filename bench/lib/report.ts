/**
 * The results: one row per figure (measured, target, met or not), printed to stdout,
 * written to `bench/.work/results.json` and into `bench/README.md` between markers.
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { MachineInfo } from './machine.js';

/** One line of the results table. */
export interface Figure {
  /** Issue figure number and name, e.g. "1. Import". */
  section: string;
  name: string;
  /** Display text of the measurement ("not measured: ..." when it could not be). */
  measured: string;
  /** The number behind `measured`, for results.json; null when not measured. */
  value: number | null;
  /** Display text of the target; "—" when the issue sets none. */
  target: string;
  /** null: no target, or not measured. */
  met: boolean | null;
}

/** A detail table or note a section adds below the main table. */
export interface Detail {
  title: string;
  markdown: string;
}

export interface SectionResult {
  figures: Figure[];
  details: Detail[];
}

export interface RunReport {
  machine: MachineInfo;
  command: string;
  durationS: number;
  model: string;
  figures: Figure[];
  details: Detail[];
  raw: Record<string, unknown>;
}

export function figure(
  section: string,
  name: string,
  measured: string,
  value: number | null,
  target = '—',
  met: boolean | null = null,
): Figure {
  return { section, name, measured, value, target, met };
}

/** A figure that could not be measured, with the reason in the table. */
export function notMeasured(section: string, name: string, reason: string, target = '—'): Figure {
  return figure(section, name, `not measured: ${reason}`, null, target, null);
}

function metText(f: Figure): string {
  if (f.value === null) return '—';
  if (f.met === null) return '—';
  return f.met ? 'met' : '**MISSED**';
}

function cell(text: string): string {
  return text.replace(/\|/g, '\\|').replace(/\n/g, ' ');
}

export function markdownTable(headers: string[], rows: string[][]): string {
  const lines = [
    `| ${headers.map(cell).join(' | ')} |`,
    `| ${headers.map(() => '---').join(' | ')} |`,
    ...rows.map((r) => `| ${r.map(cell).join(' | ')} |`),
  ];
  return lines.join('\n');
}

export function figuresTable(figures: readonly Figure[]): string {
  return markdownTable(
    ['Figure', 'Measured', 'Target', 'Met?'],
    figures.map((f) => [`${f.section}: ${f.name}`, f.measured, f.target, metText(f)]),
  );
}

export function reportMarkdown(report: RunReport): string {
  const m = report.machine;
  const head = [
    `Measured ${m.date.slice(0, 16).replace('T', ' ')} UTC with \`${report.command}\` ` +
      `(${Math.round(report.durationS)} s).`,
    '',
    `Machine: ${m.nproc} cores (\`nproc\`), ${m.cpuModel}, ${m.memoryGb} GB RAM, ` +
      `Node ${m.node}, ${m.platform}; load average ${m.loadAverage} at start, reference loop ` +
      `${m.referenceLoopMs} ms CPU ` +
      '(the machine is shared: ratios are measured in the same run, absolute rates are not portable).',
    '',
    `Model: ${report.model}`,
    '',
    figuresTable(report.figures),
  ];
  const details = report.details.flatMap((d) => ['', `#### ${d.title}`, '', d.markdown]);
  return [...head, ...details].join('\n');
}

const START = '<!-- bench:results:start -->';
const END = '<!-- bench:results:end -->';

/** Replaces the results block of the README (between the markers), keeping the prose. */
export function writeReadmeResults(readmePath: string, markdown: string): void {
  const text = readFileSync(readmePath, 'utf8');
  const start = text.indexOf(START);
  const end = text.indexOf(END);
  if (start < 0 || end < start) {
    throw new Error(`${readmePath} has no ${START} ... ${END} block to write the results into.`);
  }
  const next = `${text.slice(0, start + START.length)}\n${markdown}\n${text.slice(end)}`;
  writeFileSync(readmePath, next);
}

export function writeResultsJson(file: string, report: RunReport): void {
  mkdirSync(path.dirname(file), { recursive: true });
  writeFileSync(file, `${JSON.stringify(report, null, 2)}\n`);
}

/** Formats a number for the table: ms, images/s, MB... with a sensible precision. */
export function fmt(value: number, unit = '', digits = 3): string {
  if (!Number.isFinite(value)) return 'n/a';
  const abs = Math.abs(value);
  const text =
    abs >= 100
      ? String(Math.round(value))
      : abs >= 1
        ? value.toFixed(1)
        : value.toPrecision(digits);
  return unit ? `${text} ${unit}` : text;
}
