/** What the CLI prints: progress lines, tables, sizes and durations, without a terminal. */
import { describe, expect, it } from 'vitest';
import type { JobProgress } from '../../electron/contract.js';
import {
  formatBytes,
  formatClock,
  formatDuration,
  formatPercent,
  renderTable,
} from '../../electron/cli/format.js';
import {
  createProgressReporter,
  renderProgressBar,
  renderProgressLine,
} from '../../electron/cli/progress-bar.js';
import { describeFileError, renderImportSummary } from '../../electron/cli/commands/import.js';
import { renderCounts } from '../../electron/cli/commands/export.js';

function progress(overrides: Partial<JobProgress> = {}): JobProgress {
  return {
    jobId: 'import-1',
    kind: 'import',
    phase: 'importing',
    done: 500,
    total: 2000,
    bytesDone: 1.5 * 1024 ** 3,
    bytesTotal: 6 * 1024 ** 3,
    rate: 45.26,
    etaSeconds: 1500 / 45.26,
    counters: {},
    ...overrides,
  };
}

const photos = { language: 'en' as const };

describe('progress bar (terminal)', () => {
  it('shows files done/total, percent, rate, ETA and bytes on one line that fits', () => {
    const line = renderProgressBar(progress(), 120, photos);
    expect(line).toContain('500/2,000');
    expect(line).toContain('25%');
    expect(line).toContain('45.3 photos/s');
    expect(line).toContain('ETA 0:33');
    expect(line).toContain('1.5 GB of 6.0 GB');
    expect(line.length).toBeLessThan(120);
    const bar = /\[(█*)(░*)\]/.exec(line)!;
    expect(bar[1]!.length / (bar[1]!.length + bar[2]!.length)).toBeCloseTo(0.25, 1);
  });

  it('drops the least useful parts on a narrow terminal instead of wrapping', () => {
    const line = renderProgressBar(progress(), 60, photos);
    expect(line.length).toBeLessThan(60);
    expect(line).toContain('500/2,000');
    expect(line).not.toContain('GB');
  });

  it('counts without a bar while the total is unknown (scanning)', () => {
    const line = renderProgressBar(
      progress({ phase: 'scanning', total: null, etaSeconds: null, bytesTotal: null }),
      100,
      photos,
    );
    expect(line).toMatch(/^scanning\s+500 photos/);
    expect(line).not.toContain('[');
  });
});

describe('progress lines (log file or pipe)', () => {
  it('reads as a sentence-like log line', () => {
    expect(renderProgressLine(progress(), photos)).toBe(
      'importing: 500/2,000 (25%), 45.3 photos/s, ETA 0:33, 1.5 GB of 6.0 GB',
    );
  });

  it('drops the ETA once the job has stopped', () => {
    expect(renderProgressLine(progress({ phase: 'cancelled' }), photos)).toBe(
      'cancelled: 500/2,000 (25%), 45.3 photos/s, 1.5 GB of 6.0 GB',
    );
  });

  it('prints on phase changes and every few seconds, not on every event', () => {
    const written: string[] = [];
    let now = 0;
    const reporter = createProgressReporter(
      { write: (t) => written.push(t), isTTY: false, columns: 80 },
      photos,
      { lineEveryMs: 5000, now: () => now },
    );
    reporter.update(progress({ phase: 'scanning', done: 0, total: null }));
    for (let i = 1; i <= 50; i++) {
      now = i * 200; // 10 s of events, 5 per second
      reporter.update(progress({ done: i * 10 }));
    }
    reporter.finish();
    // scanning, importing (phase change at 0.2 s), 5.2 s, 10.2 s... then the final state.
    expect(written.length).toBeGreaterThanOrEqual(3);
    expect(written.length).toBeLessThanOrEqual(5);
    expect(written.at(-1)).toContain('500/2,000');
    expect(written.every((l) => l.endsWith('\n') && !l.includes('\r'))).toBe(true);
  });

  it('redraws in place on a terminal and ends the line when finished', () => {
    const written: string[] = [];
    const reporter = createProgressReporter(
      { write: (t) => written.push(t), isTTY: true, columns: 100 },
      photos,
    );
    reporter.update(progress());
    reporter.interrupt('Cancelling...');
    reporter.finish();
    const text = written.join('');
    expect(text.startsWith('\r')).toBe(true);
    expect(text).toContain('\r\x1b[KCancelling...\n');
    expect(text.endsWith('\n')).toBe(true);
  });
});

describe('progress in Portuguese (a pt-BR library)', () => {
  const pt = { language: 'pt-BR' as const };

  it('names the phase, the unit and the bytes in Portuguese, with pt-BR numbers', () => {
    expect(renderProgressLine(progress(), pt)).toBe(
      'importando: 500/2.000 (25%), 45,3 fotos/s, faltam 0:33, 1,5 GB de 6,0 GB',
    );
    expect(
      renderProgressLine(
        progress({ phase: 'scanning', done: 1, total: null, etaSeconds: null, rate: 0 }),
        pt,
      ),
    ).toBe('procurando: 1 foto, 1,5 GB de 6,0 GB');
  });

  it('shows a phase it has no words for as its id rather than nothing', () => {
    expect(renderProgressLine(progress({ phase: 'defragmenting' }), pt)).toMatch(
      /^defragmenting: 500\/2\.000/,
    );
  });
});

describe('tables and values', () => {
  it('aligns columns, right-aligns numbers and cuts long names', () => {
    const table = renderTable(
      [
        { header: 'ID', align: 'right' },
        { header: 'FILE', maxWidth: 12 },
        { header: 'CONF', align: 'right' },
      ],
      [
        ['7', 'R01C001_20260312-101500.JPG', '97.3%'],
        ['123', 'a.jpg', '5.0%'],
      ],
    );
    expect(table.split('\n')).toEqual([
      ' ID  FILE           CONF',
      '---  ------------  -----',
      '  7  R01C001_202…  97.3%',
      '123  a.jpg          5.0%',
      '',
    ]);
  });

  it('formats sizes, durations, clocks and percentages for people', () => {
    expect(formatBytes(0)).toBe('0 bytes');
    expect(formatBytes(1536)).toBe('1.5 KB');
    expect(formatBytes(3.2 * 1024 ** 3)).toBe('3.2 GB');
    expect(formatDuration(850)).toBe('850 ms');
    expect(formatDuration(12_340)).toBe('12.3 s');
    expect(formatDuration(125_000)).toBe('2 min 05 s');
    expect(formatDuration(3_720_000)).toBe('1 h 02 min');
    expect(formatClock(7)).toBe('0:07');
    expect(formatClock(3723)).toBe('1:02:03');
    expect(formatPercent(0.9731)).toBe('97.3%');
    expect(formatPercent(null)).toBe('-');
  });
});

describe('import summary', () => {
  const summary = {
    importId: 3,
    source: '/media/SD',
    status: 'done' as const,
    startedAt: '2026-03-12T10:00:00.000Z',
    finishedAt: '2026-03-12T10:01:00.000Z',
    filesSeen: 2004,
    imported: 1990,
    duplicates: 12,
    alreadyDone: 0,
    errors: 2,
    bytes: 3 * 1024 ** 3,
    classified: 1990,
    durationMs: 72_000,
    errorList: [
      {
        path: 'DCIM/100/IMG_0042.JPG',
        code: 'UNREADABLE_IMAGE',
        message: '`DCIM/100/IMG_0042.JPG` is not a readable image (truncated JPEG); skipped.',
      },
      { path: 'DCIM/100/IMG_0043.JPG', code: 'EMPTY_FILE', message: 'empty file' },
    ],
  };

  it('says what was imported, skipped and unreadable, and why', () => {
    const text = renderImportSummary(summary);
    expect(text).toContain('Imported 1,990 new photos from /media/SD (3.0 GB) in 1 min 12 s.');
    expect(text).toMatch(/Duplicates skipped\s+12/);
    expect(text).toContain(
      '  `DCIM/100/IMG_0042.JPG` is not a readable image (truncated JPEG); skipped.',
    );
    expect(text).toContain('  DCIM/100/IMG_0043.JPG: empty file');
  });

  it('tells how to resume a cancelled import', () => {
    expect(renderImportSummary({ ...summary, status: 'cancelled' })).toContain(
      'Run the same command again to resume',
    );
  });

  it('reads in Portuguese for a pt-BR library, numbers written the pt-BR way', () => {
    const text = renderImportSummary(summary, 'pt-BR');
    expect(text).toContain('Importadas 1.990 fotos novas de /media/SD (3,0 GB) em 1 min 12 s.');
    expect(text).toMatch(/Duplicatas ignoradas\s+12\n/);
    expect(text).toMatch(/Já importadas\s+0 \(numa importação anterior desta pasta\)/);
    expect(text).toContain('Arquivos ilegíveis (ignorados; o resto do cartão foi importado):');
    expect(renderImportSummary({ ...summary, imported: 1 }, 'pt-BR')).toContain(
      'Importada 1 foto nova de /media/SD',
    );
    expect(renderImportSummary({ ...summary, status: 'cancelled' }, 'pt-BR')).toContain(
      'Rode o mesmo comando de novo para retomar',
    );
  });

  it('does not repeat a path the message already names', () => {
    expect(describeFileError(summary.errorList[0]!)).toBe(summary.errorList[0]!.message);
  });
});

describe('export counts', () => {
  it('shows photos per label and split (train, val, test) with totals', () => {
    const text = renderCounts({
      dest: '/out',
      total: 10,
      // In whatever order the core gives them: printed train, val, test.
      counts: { test: { clogged: 1 }, train: { clear: 6, clogged: 2 }, val: { clear: 1 } },
      files: [],
      unlabeled: 0,
    });
    expect(text.split('\n').slice(0, 5)).toEqual([
      'LABEL    TRAIN  VAL  TEST  TOTAL',
      '-------  -----  ---  ----  -----',
      'clear        6    1     0      7',
      'clogged      2    0     1      3',
      'total        8    1     1     10',
    ]);
  });

  it('heads the table in Portuguese, keeping the split folder names', () => {
    const text = renderCounts(
      { dest: '/out', total: 1200, counts: { train: { clear: 1200 } }, files: [], unlabeled: 0 },
      'pt-BR',
    );
    expect(text.split('\n').slice(0, 4)).toEqual([
      'RÓTULO  FOTOS',
      '------  -----',
      'clear   1.200',
      'total   1.200',
    ]);
  });
});
