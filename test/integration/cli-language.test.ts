/**
 * The CLI speaks one language per run (issue 11): the library's setting (pt-BR in a new
 * library), or $INSPECTION_DESK_LANGUAGE. The real bin in a child process, a real
 * library on disk and a generated SD card; stderr is a pipe, so progress comes as lines.
 */
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { ImportSummary } from '../../electron/contract.js';
import { makeSdCard } from '../fixtures/sd-card.js';
import { runCli } from '../helpers/run-cli.js';
import { useTempDirs } from '../helpers/temp-dir.js';

const tempDir = useTempDirs();
/** A few CLI runs, each a fresh Node process (tsx, sharp), on a loaded machine. */
const FLOW_TIMEOUT = 240_000;

/** Runs the CLI with no language override unless `language` is given. */
const cli = (library: string, args: string[], language = '') =>
  runCli(library, args, { env: { INSPECTION_DESK_LANGUAGE: language } });

/** Words of the English output that must not show up in a Portuguese run. */
const ENGLISH = [
  'Importing',
  'Imported',
  'importing:',
  'scanning:',
  'photos',
  'Duplicates',
  'Unreadable',
  'Already imported',
  'Files seen',
  // The unreadable files' reasons come from the core's catalog too.
  'skipped',
  'is empty',
  'Error:',
];
/** Words of the Portuguese output that must not show up in an English run. */
const PORTUGUESE = [
  'Importando',
  'Importadas',
  'importando:',
  'procurando:',
  'fotos',
  'Duplicatas',
  'ilegíveis',
  'Já importadas',
  'Arquivos vistos',
  'ignorado',
  'está vazio',
  'Erro:',
];

async function newCard(root: string) {
  return makeSdCard(path.join(root, 'SD_CARD'), { photos: 12, width: 160, height: 120 });
}

describe('the language of the CLI', () => {
  it(
    'imports in Portuguese on a new library: progress, summary, no English word',
    async () => {
      const root = tempDir();
      const library = path.join(root, 'library');
      const card = await newCard(root);
      const run = await cli(library, ['import', card.root, '--no-classify']);
      expect(run.code).toBe(0);
      expect(run.stderr).toContain(`Importando ${card.root} para ${library}\n`);
      // Progress lines (stderr is a pipe): the phase and the counts, in Portuguese.
      // (A fast import may go from scanning straight to its final line: either counts.)
      expect(run.stderr).toMatch(/^(importando|concluído): \d+\/\d+ \(\d+%\)/m);
      const imported = card.expected.imported;
      expect(run.stdout).toContain(`Importadas ${imported} fotos novas de ${card.root} (`);
      expect(run.stdout).toMatch(
        new RegExp(`Duplicatas ignoradas\\s+${card.expected.duplicates}\\n`),
      );
      expect(run.stdout).toMatch(new RegExp(`Arquivos ilegíveis\\s+${card.expected.errors}\\n`));
      expect(run.stdout).toContain(
        'Arquivos ilegíveis (ignorados; o resto do cartão foi importado):',
      );
      expect(run.stdout).toMatch(/está vazio \(0 bytes\): o robô provavelmente não terminou/);
      const everything = run.stdout + run.stderr;
      for (const word of ENGLISH) expect(everything, word).not.toContain(word);

      // The same card again: nothing new, still in Portuguese, and --json untouched.
      const again = await cli(library, ['import', card.root, '--no-classify']);
      expect(again.stdout).toMatch(/^Nada novo: os \d+ arquivos de .* já tinham sido importados\./);
      const json = await cli(library, ['import', card.root, '--no-classify', '--json']);
      const summary = JSON.parse(json.stdout) as ImportSummary;
      expect(summary).toMatchObject({ status: 'done', imported: 0 });

      // A table and its headers follow the library too; the override wins over it.
      const imports = await cli(library, ['imports']);
      expect(imports.stdout).toMatch(/^ID\s+INÍCIO\s+SITUAÇÃO\s+ORIGEM\s+IMPORTADAS/);
      expect(imports.stdout).toContain('concluída');
      const english = await cli(library, ['imports'], 'en');
      expect(english.stdout).toMatch(/^ID\s+STARTED\s+STATUS\s+SOURCE\s+IMPORTED/);
      expect(english.stdout).not.toContain('concluída');
      expect(english.stdout).toMatch(/is empty \(0 bytes\): the robot probably did not finish/);
    },
    FLOW_TIMEOUT,
  );

  it(
    'imports in English once the library is set to English, with no Portuguese word',
    async () => {
      const root = tempDir();
      const library = path.join(root, 'library');
      const card = await newCard(root);
      const set = await cli(library, ['settings', '--language', 'en']);
      expect(set.code).toBe(0);
      // The settings it printed are already in the language just chosen.
      expect(set.stdout).toMatch(/^reviewer\s.*\nlanguage\s+en\n$/);

      const run = await cli(library, ['import', card.root, '--no-classify']);
      expect(run.code).toBe(0);
      expect(run.stderr).toContain(`Importing ${card.root} into ${library}\n`);
      expect(run.stderr).toMatch(/^(importing|done): \d+\/\d+ \(\d+%\)/m);
      const imported = card.expected.imported;
      expect(run.stdout).toContain(`Imported ${imported} new photos from ${card.root} (`);
      expect(run.stdout).toMatch(
        new RegExp(`Duplicates skipped\\s+${card.expected.duplicates}\\n`),
      );
      const everything = run.stdout + run.stderr;
      for (const word of PORTUGUESE) expect(everything, word).not.toContain(word);

      // The override wins over the library's setting, errors included.
      const missing = path.join(root, 'no-card');
      const failed = await cli(library, ['import', missing], 'pt-BR');
      expect(failed.code).toBe(1);
      expect(failed.stderr).toMatch(/^Erro: /);
      expect(failed.stderr).not.toContain('Error:');
    },
    FLOW_TIMEOUT,
  );

  it('refuses an unknown $INSPECTION_DESK_LANGUAGE with exit 2 and the choices', async () => {
    const library = path.join(tempDir(), 'library');
    const run = await cli(library, ['summary'], 'fr');
    expect(run.code).toBe(2);
    expect(run.stderr).toBe('Error: INSPECTION_DESK_LANGUAGE must be pt-BR or en, got "fr".\n');
  });
});
