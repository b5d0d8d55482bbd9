import { describe, expect, it } from 'vitest';
import { en } from '../../renderer/i18n/en.js';
import { ptBR } from '../../renderer/i18n/pt-BR.js';

/** Placeholder names of a template; a plural branch's words (`one {photo}`) are not names. */
function placeholders(text: string): string[] {
  // A set: a language may need the same number twice (agreement in pt-BR).
  const names = text.matchAll(/(?<!(?:zero|one|two|few|many|other|=\d+)\s*)\{(\w+)\s*[,}]/g);
  return [...new Set([...names].map((m) => m[1]!))].sort();
}

describe('UI messages', () => {
  it('has the same keys in pt-BR and en', () => {
    const enKeys = Object.keys(en);
    const ptKeys = Object.keys(ptBR);
    expect(ptKeys.filter((key) => !(key in en))).toEqual([]);
    expect(enKeys.filter((key) => !(key in ptBR))).toEqual([]);
  });

  it('uses the same placeholders in both languages, so no value is lost in translation', () => {
    const differing = (Object.keys(en) as (keyof typeof en)[]).filter(
      (key) => placeholders(en[key]).join() !== placeholders(ptBR[key]).join(),
    );
    expect(differing).toEqual([]);
  });
});
