import { z } from 'zod';
import { describe, expect, it } from 'vitest';
import { issueMessages } from '../../electron/core/validation-messages.js';
import { parseManifest } from '../../electron/core/inference/manifest.js';
import { isCoreError } from '../../electron/core/errors.js';
import { renderCoreMessage } from '../../electron/shared/core-messages/index.js';
import type { Language } from '../../electron/shared/language.js';

const Schema = z
  .object({
    width: z.number().int().min(1).max(4096),
    ratio: z.number().positive(),
    name: z.string().min(2).max(5),
    tags: z.array(z.string()).min(1).max(2),
    layout: z.enum(['NCHW', 'NHWC']),
    id: z.string().regex(/^[a-z]+$/),
    step: z.number().multipleOf(5),
    nested: z.object({ on: z.boolean() }),
  })
  .strict();

const valid = {
  width: 10,
  ratio: 1,
  name: 'abc',
  tags: ['a'],
  layout: 'NCHW',
  id: 'abc',
  step: 10,
  nested: { on: true },
};

/** Every problem of `input`, rendered in `language`. */
function problems(input: unknown, language: Language): string[] {
  const parsed = Schema.safeParse(input);
  if (parsed.success) throw new Error('expected a failure');
  return issueMessages(parsed.error, { root: 'config.json', input }).map((m) =>
    renderCoreMessage(language, m),
  );
}

function oneProblem(change: Record<string, unknown>, language: Language): string {
  const found = problems({ ...valid, ...change }, language);
  expect(found).toHaveLength(1);
  return found[0]!;
}

describe('zod issues as catalog messages', () => {
  it('says a wrong type with the field, what it must be and what was found, in both languages', () => {
    expect(oneProblem({ width: 'wide' }, 'en')).toBe('width must be a number (got "wide")');
    expect(oneProblem({ width: 'wide' }, 'pt-BR')).toBe(
      'width deve ser um número (recebido: "wide")',
    );
    expect(oneProblem({ width: 2.5 }, 'pt-BR')).toBe(
      'width deve ser um número inteiro (recebido: 2.5)',
    );
    expect(oneProblem({ nested: { on: 'yes' } }, 'en')).toBe(
      'nested.on must be true or false (got "yes")',
    );
  });

  it('gives numeric bounds as numbers the reader writes (4.096 in pt-BR), inclusive or not', () => {
    expect(oneProblem({ width: 5000 }, 'en')).toBe('width must be at most 4,096 (got 5000)');
    expect(oneProblem({ width: 5000 }, 'pt-BR')).toBe(
      'width deve ser no máximo 4.096 (recebido: 5000)',
    );
    expect(oneProblem({ width: 0 }, 'pt-BR')).toBe('width deve ser no mínimo 1 (recebido: 0)');
    expect(oneProblem({ ratio: 0 }, 'en')).toBe('ratio must be greater than 0 (got 0)');
    expect(oneProblem({ ratio: 0 }, 'pt-BR')).toBe('ratio deve ser maior que 0 (recebido: 0)');
    expect(oneProblem({ step: 7 }, 'pt-BR')).toBe('step deve ser múltiplo de 5 (recebido: 7)');
  });

  it('counts characters and items with the plural the language needs', () => {
    expect(oneProblem({ name: 'a' }, 'en')).toBe('name must have at least 2 characters (got "a")');
    expect(oneProblem({ name: 'abcdefg' }, 'pt-BR')).toBe(
      'name deve ter no máximo 5 caracteres (recebido: "abcdefg")',
    );
    expect(oneProblem({ tags: [] }, 'pt-BR')).toBe(
      'tags deve ter pelo menos 1 item (recebido: [])',
    );
    expect(oneProblem({ tags: ['a', 'b', 'c'] }, 'en')).toBe(
      'tags must have at most 2 items (got ["a","b","c"])',
    );
  });

  it('lists the allowed options, refuses a bad format, and names missing and unknown fields', () => {
    expect(oneProblem({ layout: 'CHW' }, 'pt-BR')).toBe(
      'layout deve ser um destes: "NCHW", "NHWC" (recebido: "CHW")',
    );
    expect(oneProblem({ id: 'A!' }, 'pt-BR')).toBe(
      'id não está no formato esperado (recebido: "A!")',
    );
    const { width: _dropped, ...noWidth } = valid;
    void _dropped;
    expect(problems(noWidth, 'en')).toEqual(['width is missing: it must be a number']);
    expect(problems(noWidth, 'pt-BR')).toEqual(['falta width: deve ser um número']);
    expect(oneProblem({ colour: 'red' }, 'en')).toBe(
      'config.json has unknown field "colour": remove it or check the spelling',
    );
    expect(problems({ ...valid, a: 1, b: 2 }, 'pt-BR')).toEqual([
      'config.json tem campos desconhecidos "a", "b": remova-os ou confira a grafia',
    ]);
  });

  it('a schema message that is a catalog key says what the field must be, in the reader language', () => {
    const Edge = z.object({ w: z.number({ error: 'models.expect.edge' }) });
    const parsed = Edge.safeParse({ w: 'x' });
    if (parsed.success) throw new Error('expected a failure');
    const [message] = issueMessages(parsed.error, { root: 'model.json', input: { w: 'x' } });
    expect(renderCoreMessage('pt-BR', message!)).toBe(
      'w deve ser um número inteiro de pixels, de 1 a 4096 (recebido: "x")',
    );
    expect(renderCoreMessage('en', message!)).toBe(
      'w must be a whole number of pixels, 1..4096 (got "x")',
    );
  });
});

describe('model.json problems in Portuguese', () => {
  it('reads every field problem in pt-BR, with no English left in it', () => {
    let pt = '';
    try {
      parseManifest({
        schemaVersion: 2,
        id: 'm',
        version: '1',
        name: 'M',
        labels: ['clear'],
        input: {
          name: 'x',
          layout: 'CHW',
          width: 0,
          height: 32,
          colorOrder: 'RGB',
          resize: 'stretch',
          scaling: { kind: 'unit' },
        },
        output: { name: 'y', type: 'probabilities' },
        colour: 1,
      });
    } catch (error) {
      if (!isCoreError(error)) throw error;
      pt = error.messageIn('pt-BR');
      expect(error.message).toContain('input.layout must be "NCHW" or "NHWC" (got "CHW")');
    }
    expect(pt).toContain('model.json tem campos a corrigir:');
    expect(pt).toContain('input.layout deve ser "NCHW" ou "NHWC" (recebido: "CHW")');
    expect(pt).toContain(
      'input.width deve ser um número inteiro de pixels, de 1 a 4096 (recebido: 0)',
    );
    expect(pt).toContain('labels deve ser uma lista de pelo menos 2 nomes de rótulo');
    expect(pt).toContain('model.json tem um campo desconhecido "colour"');
    expect(pt).not.toMatch(/\bmust\b|\bgot\b|missing|unknown field/);
  });
});
