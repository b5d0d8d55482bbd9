/**
 * Two inspections of the same tubes, with changes between them, through the real core:
 * generated SD cards, real import, sharp and onnxruntime with the torch-style fixture
 * model, the real SQLite library. Then the same through the `inspection-desk` bin.
 */
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { ImportSummary } from '../../electron/contract.js';
import { createCore, type Core } from '../../electron/core/app.js';
import { CoreError } from '../../electron/core/errors.js';
import { makeSdCard, type SdCardDescription, type TubeLabel } from '../fixtures/sd-card.js';
import { runCli } from '../helpers/run-cli.js';
import { useTempDirs } from '../helpers/temp-dir.js';

const TORCH_MODEL = path.resolve('test/fixtures/models/torch-style');
const tempDir = useTempDirs();
const cores: Core[] = [];
afterEach(async () => {
  for (const core of cores.splice(0)) await core.close();
});

/** The first card's label of photo i (the fixture's default). */
const firstLabel = (i: number): TubeLabel => (i % 3 === 1 ? 'clogged' : 'clear');
/** At the next stop tube 1 (R01C001) got clogged and tube 2 (R01C002) was cleaned. */
const secondLabel = (i: number): TubeLabel =>
  i === 0 ? 'clogged' : i === 1 ? 'clear' : firstLabel(i);

async function importCard(core: Core, card: SdCardDescription): Promise<ImportSummary> {
  const { jobId } = await core.invoke('ingest.start', { source: card.root });
  const job = await core.invoke('jobs.wait', { jobId, timeoutMs: 120_000 });
  expect(job.status, JSON.stringify(job.error)).toBe('done');
  return job.result as ImportSummary;
}

/** A library with two inspections of the same 16 tubes (the second card has 4 more). */
async function twoInspections(root = tempDir()) {
  const libraryDir = path.join(root, 'library');
  const core = await createCore({ libraryDir, defaultModelDirs: [TORCH_MODEL] });
  cores.push(core);
  const march = await makeSdCard(path.join(root, 'REBOILER2_MARCH'), {
    photos: 16,
    width: 160,
    height: 120,
    labelOf: firstLabel,
  });
  const september = await makeSdCard(path.join(root, 'REBOILER2_SEPT'), {
    photos: 20,
    width: 160,
    height: 120,
    seed: 7,
    labelOf: secondLabel,
    runStart: new Date(2026, 8, 20, 9, 0, 0),
  });
  const first = await importCard(core, march);
  const second = await importCard(core, september);
  return { root, libraryDir, core, march, september, first, second };
}

describe('inspections', () => {
  it('starts one inspection per import, compares them tube by tube and keeps each tube’s history', async () => {
    const { core, first, second } = await twoInspections();
    const inspections = await core.invoke('inspections.list');
    expect(inspections.map((s) => [s.id, s.title, s.importIds])).toEqual([
      [first.importId, 'REBOILER2_MARCH', [first.importId]],
      [second.importId, 'REBOILER2_SEPT', [second.importId]],
    ]);
    expect(inspections.map((s) => s.tubes)).toEqual([16, 20]);

    const comparison = await core.invoke('inspections.compare', {
      before: first.importId,
      after: second.importId,
    });
    expect(comparison.normalLabel).toBe('clear');
    expect(comparison.changes.map((c) => [c.tube, c.kind])).toEqual([
      ['R01C001', 'worsened'],
      ['R01C002', 'cleared'],
      ['R02C007', 'added'],
      ['R02C008', 'added'],
      ['R02C009', 'added'],
      ['R02C010', 'added'],
    ]);
    expect(comparison.unchanged).toBe(14);

    const history = await core.invoke('inspections.tubeHistory', { row: 1, col: 1 });
    expect(history.tube).toBe('R01C001');
    expect(
      history.entries.map((e) => [e.inspection.title, e.state.label, e.state.flagged]),
    ).toEqual([
      ['REBOILER2_MARCH', 'clear', false],
      ['REBOILER2_SEPT', 'clogged', true],
    ]);

    const summary = await core.invoke('inspections.summary', { inspectionId: second.importId });
    expect(summary.total).toBe(20);
    expect(summary.tubeStates).toHaveLength(20);
    expect(summary.tubeCounts).toEqual([
      {
        label: 'clear',
        tubes: 20 - summary.tubeStates.filter((t) => t.label === 'clogged').length,
      },
      { label: 'clogged', tubes: summary.tubeStates.filter((t) => t.label === 'clogged').length },
    ]);
    // The library-wide summary still sees every photo of both cards.
    expect((await core.invoke('library.summary')).total).toBe(36);
  }, 240_000);

  it('renames, groups two cards into one inspection, and refuses unknown ones in the user’s language', async () => {
    const { core, first, second } = await twoInspections();
    const renamed = await core.invoke('inspections.rename', {
      inspectionId: second.importId,
      name: 'Reboiler 2, stop September 2026',
    });
    expect(renamed.title).toBe('Reboiler 2, stop September 2026');

    const grouped = await core.invoke('inspections.group', {
      inspectionIds: [second.importId, first.importId],
      name: 'Both cards',
    });
    expect(grouped).toMatchObject({
      id: first.importId,
      title: 'Both cards',
      importIds: [first.importId, second.importId],
      photos: 36,
      tubes: 20,
    });
    expect(await core.invoke('inspections.list')).toHaveLength(1);
    // One inspection now: the tube's latest photo (September) stands for it.
    const history = await core.invoke('inspections.tubeHistory', { row: 1, col: 1 });
    expect(history.entries.map((e) => e.state.label)).toEqual(['clogged']);

    await core.invoke('settings.set', { language: 'pt-BR' });
    await expect(
      core.invoke('inspections.get', { inspectionId: second.importId }),
    ).rejects.toMatchObject({ code: 'NOT_FOUND' });
    const error: unknown = await core.invoke('inspections.get', { inspectionId: 999 }).then(
      () => null,
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(CoreError);
    expect((error as CoreError).messageIn('pt-BR')).toContain('Não há inspeção "999"');
  }, 240_000);

  it('writes a report in both languages, with local dates, flagged tubes and the changes', async () => {
    const { core, second } = await twoInspections();
    await core.invoke('settings.set', { reviewer: 'Ana Souza' });
    const summary = await core.invoke('inspections.summary', { inspectionId: second.importId });
    const tube1 = summary.tubeStates.find((t) => t.tube === 'R01C001');
    await core.invoke('review.accept', { imageIds: [tube1!.imageId] });

    const pt = await core.invoke('inspections.report', {
      inspectionId: second.importId,
      language: 'pt-BR',
      timeZone: 'America/Sao_Paulo',
    });
    expect(pt.html).toContain('Relatório de inspeção: REBOILER2_SEPT');
    expect(pt.html).toContain('Ana Souza: 1 foto');
    expect(pt.html).toMatch(/data-tube="R01C001" data-kind="worsened"/);
    expect(pt.html).toContain('piorou');
    // Flagged tubes carry their photo inline.
    const flagged = summary.tubeStates.filter((t) => t.flagged).length;
    expect(
      pt.html.match(/<tr data-tube="R\d+C\d+"><td><img src="data:image\/webp;base64,/g),
    ).toHaveLength(flagged);
    // No raw ISO timestamp reaches the reader; the start is written in São Paulo time.
    expect(pt.html).not.toMatch(/\d{4}-\d{2}-\d{2}T\d{2}:\d{2}/);
    expect(pt.html).toContain('20/09/2026');

    const en = await core.invoke('inspections.report', {
      inspectionId: second.importId,
      language: 'en',
      timeZone: 'America/Sao_Paulo',
    });
    expect(en.html).toContain('Inspection report: REBOILER2_SEPT');
    expect(en.html).toContain('got worse');
    expect(en.html).toContain('9/20/26');
    expect(en.fileName).toBe(`inspection-${second.importId}-reboiler2-sept`);
  }, 240_000);
});

/** English output (the assertions read it); a test may pass another language. */
const cli = (library: string, args: string[], env: NodeJS.ProcessEnv = {}) =>
  runCli(library, args, { env: { INSPECTION_DESK_LANGUAGE: 'en', ...env } });

describe('inspection commands', () => {
  it('lists, renames and compares inspections, shows a tube and writes the report as PDF or HTML', async () => {
    const { root, libraryDir, core, first, second } = await twoInspections();
    await core.close();
    cores.splice(0);

    const list = await cli(libraryDir, ['inspections', 'list']);
    expect(list.code).toBe(0);
    expect(list.stdout).toContain('REBOILER2_MARCH');
    expect(list.stdout).toContain('REBOILER2_SEPT');

    const renamed = await cli(libraryDir, [
      'inspections',
      'rename',
      'reboiler2_sept',
      'Reboiler 2, September',
    ]);
    expect(renamed.stdout).toBe(
      `Inspection #${second.importId} is now called "Reboiler 2, September".\n`,
    );

    const tube = await cli(libraryDir, ['tube', 'R01C002', '--json']);
    expect(tube.code).toBe(0);
    const history = JSON.parse(tube.stdout) as { entries: { state: { label: string } }[] };
    expect(history.entries.map((e) => e.state.label)).toEqual(['clogged', 'clear']);

    const csvFile = path.join(root, 'changes.csv');
    const compared = await cli(libraryDir, [
      'compare-inspections',
      String(first.importId),
      'Reboiler 2, September',
      '--csv',
      csvFile,
    ]);
    expect(compared.code).toBe(0);
    expect(compared.stdout).toContain('6 tubes changed, 14 unchanged');
    expect(readFileSync(csvFile, 'utf8').split('\n').slice(0, 3)).toEqual([
      'tube,row,col,change,before_label,before_reviewed,before_image_id,before_file,after_label,after_reviewed,after_image_id,after_file',
      expect.stringMatching(
        /^R01C001,1,1,worsened,clear,false,\d+,R01C001_.*\.JPG,clogged,false,\d+,R01C001_.*\.JPG$/,
      ),
      expect.stringMatching(/^R01C002,1,2,cleared,clogged,/),
    ]);

    const badTube = await cli(libraryDir, ['tube', 'IMG_0042']);
    expect(badTube.code).toBe(1);
    expect(badTube.stderr).toContain('"IMG_0042" is not a tube');

    const pdf = path.join(root, 'report.pdf');
    const printed = await cli(libraryDir, [
      'report',
      String(second.importId),
      '--out',
      pdf,
      '--language',
      'en',
    ]);
    expect(printed.stderr).toContain(`Wrote the report of inspection #${second.importId}`);
    expect(readFileSync(pdf).subarray(0, 5).toString()).toBe('%PDF-');

    const noChromium = path.join(root, 'fallback.pdf');
    const fallback = await cli(
      libraryDir,
      ['report', String(second.importId), '--out', noChromium],
      { INSPECTION_DESK_CHROMIUM: '' },
    );
    expect(fallback.code).toBe(0);
    expect(fallback.stderr.trim().split('\n')).toHaveLength(1);
    expect(fallback.stderr).toContain('No Chromium found');
    expect(existsSync(noChromium)).toBe(false);
    expect(readFileSync(path.join(root, 'fallback.html'), 'utf8')).toContain('<h1>');
  }, 300_000);
});
