/** How the CLI reads its command line: commands, filters, splits, photo references, exit codes. */
import { existsSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { ImageSummary } from '../../electron/contract.js';
import { UsageError } from '../../electron/cli/command.js';
import { parseFormats, parseSplit } from '../../electron/cli/commands/export.js';
import { filterFromOptions } from '../../electron/cli/filter-options.js';
import { pickMatch } from '../../electron/cli/image-refs.js';
import { commands } from '../../electron/cli/commands/index.js';
import { runCli, splitCommand } from '../../electron/cli/run.js';
import type { Terminal } from '../../electron/cli/terminal.js';

function fakeTerminal() {
  const out: string[] = [];
  const err: string[] = [];
  const term: Terminal = {
    stdout: { write: (t) => void out.push(t), isTTY: false, columns: 80 },
    stderr: { write: (t) => void err.push(t), isTTY: false, columns: 80 },
    onInterrupt: () => () => undefined,
    exit: (code) => {
      throw new Error(`exit ${code}`);
    },
  };
  return { term, out: () => out.join(''), err: () => err.join('') };
}

describe('command line parsing', () => {
  it('finds the command after global options that take a value', () => {
    expect(splitCommand(['--library', '/data/lib', 'list', '--limit', '5'])).toEqual({
      name: 'list',
      rest: ['--library', '/data/lib', '--limit', '5'],
    });
    expect(splitCommand(['--library=/x', 'import', '/media/SD'])).toEqual({
      name: 'import',
      rest: ['--library=/x', '/media/SD'],
    });
    expect(splitCommand(['--json']).name).toBeUndefined();
  });

  it('maps filter flags onto the contract filter', () => {
    expect(
      filterFromOptions({
        predicted: 'clogged',
        'min-confidence': '0.2',
        'max-confidence': '0.8',
        unreviewed: true,
        import: '3',
      }),
    ).toEqual({
      predicted: 'clogged',
      minConfidence: 0.2,
      maxConfidence: 0.8,
      reviewed: false,
      importId: 3,
    });
    expect(filterFromOptions({})).toEqual({});
    expect(filterFromOptions({ inspection: '4' })).toEqual({ inspectionId: 4 });
  });

  it('rejects contradictory or malformed filters as usage errors', () => {
    expect(() => filterFromOptions({ reviewed: true, unreviewed: true })).toThrow(UsageError);
    expect(() => filterFromOptions({ 'min-confidence': '1.5' })).toThrow(/between 0 and 1/);
    expect(() => filterFromOptions({ 'min-confidence': 'high' })).toThrow(/must be a number/);
    expect(() => filterFromOptions({ 'min-confidence': '0.9', 'max-confidence': '0.1' })).toThrow(
      /above/,
    );
    expect(() => filterFromOptions({ import: '2.5' })).toThrow(/whole number/);
  });

  it('reads a train/val/test split and refuses one that does not add up to 100', () => {
    expect(parseSplit('80/10/10')).toEqual({ train: 80, val: 10, test: 10 });
    expect(parseSplit('70/30')).toEqual({ train: 70, val: 30, test: 0 });
    expect(() => parseSplit('80/10/5')).toThrow(/add up to 100/);
    expect(() => parseSplit('eighty')).toThrow(/80\/10\/10/);
  });

  it('reads export formats and names the unknown ones', () => {
    expect(parseFormats('folders, labels-csv')).toEqual(['folders', 'labels-csv']);
    expect(() => parseFormats('folders,coco')).toThrow(/unknown: coco/);
  });
});

describe('photo references', () => {
  const image = (id: number, sha256: string, originalName: string): ImageSummary => ({
    id,
    sha256,
    originalName,
    capturedAt: '2026-03-12T10:15:00.000Z',
    tubeRow: 1,
    tubeCol: id,
    predicted: 'clear',
    confidence: 0.9,
    label: null,
    effectiveLabel: 'clear',
    reviewed: false,
    thumbUrl: `/media/thumbs/${sha256}.webp`,
  });
  const a = image(12, 'a'.repeat(64), 'IMG_0001.JPG');
  const b = image(40, 'b'.repeat(64), '12');

  it('takes the only match, or the photo whose id was typed', () => {
    expect(pickMatch('IMG_0001.JPG', [a])).toBe(a);
    expect(pickMatch('12', [b, a])).toBe(a);
  });

  it('refuses to guess between photos with the same name', () => {
    expect(pickMatch('IMG_0001.JPG', [a, { ...b, originalName: 'IMG_0001.JPG' }])).toBeNull();
  });
});

describe('help in the chosen language', () => {
  afterEach(() => {
    vi.unstubAllEnvs();
  });

  it('gives the overview in Portuguese under INSPECTION_DESK_LANGUAGE=pt-BR, every command summarized', async () => {
    vi.stubEnv('INSPECTION_DESK_LANGUAGE', 'pt-BR');
    const t = fakeTerminal();
    expect(await runCli(['--help'], t.term)).toBe(0);
    const help = t.out();
    expect(help).toContain('Uso: inspection-desk <comando> [opções]');
    expect(help).toContain('importa as fotos de um cartão SD ou pasta (retomável)');
    expect(help).toContain('Opções globais:');
    expect(help).not.toContain('Usage');
    // No command falls back to its English summary.
    for (const command of commands) expect(help, command.name).not.toContain(command.summary);
  });

  it('says an unknown command in the chosen language', async () => {
    vi.stubEnv('INSPECTION_DESK_LANGUAGE', 'pt-BR');
    const t = fakeTerminal();
    expect(await runCli(['frobnicate'], t.term)).toBe(2);
    expect(t.err()).toMatch(/^Erro: Comando desconhecido "frobnicate"\./);
  });

  it('refuses a language it does not speak, exit 2', async () => {
    vi.stubEnv('INSPECTION_DESK_LANGUAGE', 'fr');
    const t = fakeTerminal();
    expect(await runCli(['--help'], t.term)).toBe(2);
    expect(t.err()).toBe('Error: INSPECTION_DESK_LANGUAGE must be pt-BR or en, got "fr".\n');
  });
});

describe('exit codes and help', () => {
  it('prints the overview and exits 2 without a command', async () => {
    const t = fakeTerminal();
    expect(await runCli([], t.term)).toBe(2);
    expect(t.err()).toContain('Usage: inspection-desk <command>');
  });

  it('prints a command help on --help and exits 0', async () => {
    const t = fakeTerminal();
    expect(await runCli(['export', '--help'], t.term)).toBe(0);
    expect(t.out()).toContain('Usage: inspection-desk export <dest>');
    expect(t.out()).toContain('--split');
  });

  it('exits 2 with the error and the command help on a bad option, before opening any library', async () => {
    const t = fakeTerminal();
    const library = path.join(os.tmpdir(), `never-created-${process.pid}-${Date.now()}`);
    expect(await runCli(['list', '--limit', 'lots', '--library', library], t.term)).toBe(2);
    expect(existsSync(library)).toBe(false);
    expect(t.err()).toMatch(/^Error: --limit must be a whole number/);
    expect(t.err()).toContain('Usage: inspection-desk list');
  });

  it('exits 2 on an unknown command or sub-command', async () => {
    const t = fakeTerminal();
    expect(await runCli(['frobnicate'], t.term)).toBe(2);
    expect(t.err()).toContain('Unknown command "frobnicate"');
    expect(await runCli(['models', 'train'], t.term)).toBe(2);
    expect(t.err()).toContain('Unknown sub-command "models train"');
  });
});
