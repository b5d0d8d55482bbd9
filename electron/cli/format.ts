/**
 * Text formatting for the terminal: numbers, sizes, durations and tables, in the
 * language of the output (1,234.5 in English, 1.234,5 in pt-BR). Pure functions, so the
 * CLI's output is unit-tested without a terminal.
 */
import type { Language } from '../shared/language.js';

const decimalFormats = new Map<string, Intl.NumberFormat>();

/** `value` with exactly `digits` decimals, grouped the language's way. */
export function formatDecimal(value: number, digits: number, language: Language = 'en'): string {
  const id = `${language}/${digits}`;
  let format = decimalFormats.get(id);
  if (!format) {
    format = new Intl.NumberFormat(language === 'en' ? 'en-US' : language, {
      minimumFractionDigits: digits,
      maximumFractionDigits: digits,
    });
    decimalFormats.set(id, format);
  }
  return format.format(value);
}

/** 1234567 -> "1,234,567" ("1.234.567" in pt-BR). */
export function formatCount(n: number, language: Language = 'en'): string {
  return formatDecimal(Math.round(n), 0, language);
}

/** Bytes in the units file managers show (1 KB = 1024 bytes). */
export function formatBytes(bytes: number, language: Language = 'en'): string {
  const units = ['bytes', 'KB', 'MB', 'GB', 'TB'];
  let value = bytes;
  let unit = 0;
  while (value >= 1024 && unit < units.length - 1) {
    value /= 1024;
    unit++;
  }
  if (unit === 0) return `${Math.round(value)} ${value === 1 ? 'byte' : 'bytes'}`;
  return `${value >= 100 ? formatCount(value, language) : formatDecimal(value, 1, language)} ${units[unit]}`;
}

/** A duration for a summary: "850 ms", "12.3 s", "2 min 05 s", "1 h 02 min". */
export function formatDuration(ms: number, language: Language = 'en'): string {
  if (ms < 1000) return `${Math.round(ms)} ms`;
  const seconds = ms / 1000;
  if (seconds < 60) return `${formatDecimal(seconds, 1, language)} s`;
  const totalSeconds = Math.round(seconds);
  const minutes = Math.floor(totalSeconds / 60);
  if (minutes < 60) return `${minutes} min ${String(totalSeconds % 60).padStart(2, '0')} s`;
  return `${Math.floor(minutes / 60)} h ${String(minutes % 60).padStart(2, '0')} min`;
}

/** A countdown clock for an ETA: "0:07", "12:30", "1:02:03". */
export function formatClock(totalSeconds: number): string {
  const s = Math.max(0, Math.round(totalSeconds));
  const hours = Math.floor(s / 3600);
  const minutes = Math.floor((s % 3600) / 60);
  const seconds = String(s % 60).padStart(2, '0');
  return hours > 0
    ? `${hours}:${String(minutes).padStart(2, '0')}:${seconds}`
    : `${minutes}:${seconds}`;
}

/** A 0..1 fraction as a percentage: 0.9731 -> "97.3%". */
export function formatPercent(
  fraction: number | null | undefined,
  digits = 1,
  language: Language = 'en',
): string {
  if (fraction === null || fraction === undefined || Number.isNaN(fraction)) return '-';
  return `${formatDecimal(fraction * 100, digits, language)}%`;
}

/** A throughput: 45.31 -> "45.3" ("45,3" in pt-BR). */
export function formatRate(perSecond: number, language: Language = 'en'): string {
  return perSecond >= 100
    ? formatCount(perSecond, language)
    : formatDecimal(perSecond, 1, language);
}

/** An ISO timestamp in local time, to the minute or second: "2025-03-01 14:02:09". */
export function formatTimestamp(iso: string | null | undefined, withSeconds = true): string {
  if (!iso) return '-';
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return iso;
  const pad = (n: number) => String(n).padStart(2, '0');
  const day = `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}`;
  const time = `${pad(date.getHours())}:${pad(date.getMinutes())}`;
  return withSeconds ? `${day} ${time}:${pad(date.getSeconds())}` : `${day} ${time}`;
}

/** "row 3, col 14" style tube position, compact: "3/14"; "-" when unknown. */
export function formatTube(row: number | null, col: number | null): string {
  if (row === null && col === null) return '-';
  return `${row ?? '?'}/${col ?? '?'}`;
}

export interface Column {
  header: string;
  align?: 'left' | 'right';
  /** Longer cells are cut with an ellipsis (file names can be long). */
  maxWidth?: number;
}

/** Characters as a terminal shows them; good enough for Latin text and the arrows we print. */
function displayWidth(text: string): number {
  return [...text].length;
}

function fit(text: string, width: number, align: 'left' | 'right'): string {
  let cell = text;
  if (displayWidth(cell) > width) cell = `${[...cell].slice(0, Math.max(0, width - 1)).join('')}…`;
  const padding = ' '.repeat(Math.max(0, width - displayWidth(cell)));
  return align === 'right' ? padding + cell : cell + padding;
}

/** Column widths that fit the headers and these rows, within each column's maxWidth. */
export function columnWidths(columns: Column[], rows: string[][]): number[] {
  return columns.map((column, i) => {
    const widest = Math.max(
      displayWidth(column.header),
      ...rows.map((row) => displayWidth(row[i] ?? '')),
    );
    return column.maxWidth
      ? Math.min(widest, Math.max(column.maxWidth, displayWidth(column.header)))
      : widest;
  });
}

/** Rows as aligned lines (no trailing spaces), for the given widths. */
export function renderRows(columns: Column[], widths: number[], rows: string[][]): string[] {
  return rows.map((row) =>
    columns
      .map((column, i) => fit(row[i] ?? '', widths[i]!, column.align ?? 'left'))
      .join('  ')
      .trimEnd(),
  );
}

/** A whole table: header, rule, rows. */
export function renderTable(columns: Column[], rows: string[][]): string {
  const widths = columnWidths(columns, rows);
  const header = renderRows(columns, widths, [columns.map((c) => c.header)]);
  const rule = widths.map((w) => '-'.repeat(w)).join('  ');
  return [...header, rule, ...renderRows(columns, widths, rows)].join('\n') + '\n';
}

/** Aligned "key   value" lines. */
export function renderFields(fields: [string, string][], indent = ''): string {
  const width = Math.max(0, ...fields.map(([key]) => displayWidth(key)));
  return (
    fields.map(([key, value]) => `${indent}${fit(key, width, 'left')}  ${value}`).join('\n') + '\n'
  );
}
