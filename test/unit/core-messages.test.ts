import { describe, expect, it } from 'vitest';
import { CoreError, deserializeError, serializeError } from '../../electron/core/errors.js';
import { renderWireMessage } from '../../electron/shared/core-messages/index.js';
import { coreEn } from '../../electron/shared/core-messages/en.js';
import { corePtBR } from '../../electron/shared/core-messages/pt-BR.js';
import { formatMessage } from '../../electron/shared/format-message.js';

describe('formatMessage', () => {
  it('fills placeholders and formats numbers the way each language writes them', () => {
    expect(formatMessage('pt-BR', '{n} fotos de {who}', { n: 1234.5, who: 'Ana' })).toBe(
      '1.234,5 fotos de Ana',
    );
    expect(formatMessage('en', '{n} photos', { n: 1234.5 })).toBe('1,234.5 photos');
  });

  it('picks the plural form the language needs, so nobody reads "1 files"', () => {
    const files = '{count, plural, =0 {no files} one {# file} other {# files}}';
    expect(formatMessage('en', files, { count: 1 })).toBe('1 file');
    expect(formatMessage('en', files, { count: 2 })).toBe('2 files');
    expect(formatMessage('en', files, { count: 0 })).toBe('no files');
    const arquivos = '{count, plural, one {# arquivo} other {# arquivos}} de {who}';
    expect(formatMessage('pt-BR', arquivos, { count: 1, who: 'Ana' })).toBe('1 arquivo de Ana');
    expect(formatMessage('pt-BR', arquivos, { count: 1500, who: 'Ana' })).toBe(
      '1.500 arquivos de Ana',
    );
  });

  it('leaves an unknown placeholder visible instead of printing "undefined"', () => {
    expect(formatMessage('en', 'Photo {id} of {total}', { id: 3 })).toBe('Photo 3 of {total}');
  });
});

describe('core messages', () => {
  it('has a Portuguese text for every English key, using the same placeholders', () => {
    for (const key of Object.keys(coreEn) as (keyof typeof coreEn)[]) {
      // Placeholders only: a plural branch's text (`one {has}`) is words, not a name.
      const names = (text: string) =>
        [...text.matchAll(/(?<!(?:zero|one|two|few|many|other|=\d+)\s*)\{(\w+)\s*[,}]/g)]
          .map((m) => m[1])
          .sort();
      expect(corePtBR[key], key).toBeTruthy();
      expect(names(corePtBR[key]), key).toEqual(names(coreEn[key]));
    }
  });

  it('has an English text for every Portuguese key, and no key of one without the other', () => {
    const en = Object.keys(coreEn).sort();
    const pt = Object.keys(corePtBR).sort();
    expect(pt.filter((key) => !en.includes(key))).toEqual([]);
    expect(en.filter((key) => !pt.includes(key))).toEqual([]);
  });

  it('renders nested messages (field problems) in the reader language', () => {
    const error = new CoreError('MODEL_INVALID', {
      key: 'models.manifest.invalid',
      values: {
        source: 'model.json',
        problems: [
          { key: 'validation.missing', values: { field: 'labels' } },
          {
            key: 'validation.tooSmall.number',
            values: { field: 'input.width', minimum: 1, got: '0' },
          },
        ],
      },
    });
    expect(error.message).toBe(
      'model.json: labels is missing; input.width must be at least 1 (got 0)',
    );
    const pt = serializeError(error, 'pt-BR');
    expect(pt.message).toBe(
      'model.json tem campos a corrigir: falta labels; input.width deve ser no mínimo 1 (recebido: 0)',
    );
    // A receiver in another language renders the same key and values again.
    expect(renderWireMessage('en', pt.messageKey, pt.messageValues)).toBe(error.message);
    expect(deserializeError(JSON.parse(JSON.stringify(pt))).messageIn('pt-BR')).toBe(pt.message);
  });

  it('sends a core error in the language asked, with its key so a UI can render it again', () => {
    const error = new CoreError('JOB_RUNNING', { key: 'jobs.alreadyRunning.import' });
    expect(error.message).toMatch(/already running/);
    const pt = serializeError(error, 'pt-BR');
    expect(pt.message).toMatch(/Já há uma importação em andamento/);
    expect(pt.messageKey).toBe('jobs.alreadyRunning.import');
    expect(serializeError(new Error('boom'), 'pt-BR').message).toMatch(/^Erro inesperado: boom\./);
  });
});
