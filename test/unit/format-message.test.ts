import { describe, expect, it } from 'vitest';
import { formatMessage } from '../../electron/shared/format-message.js';

describe('formatMessage: # in nested plurals and selects', () => {
  const photosInTubes =
    '{photos, plural, one {# photo in {tubes, plural, one {# tube} other {# tubes}}} other {# photos in {tubes, plural, one {# tube} other {# tubes}}}}';

  it('counts each noun with its own number when a plural sits in a plural branch', () => {
    expect(formatMessage('en', photosInTubes, { photos: 12, tubes: 1 })).toBe(
      '12 photos in 1 tube',
    );
    expect(formatMessage('en', photosInTubes, { photos: 1, tubes: 3 })).toBe('1 photo in 3 tubes');
    expect(formatMessage('pt-BR', photosInTubes, { photos: 1500, tubes: 2 })).toBe(
      '1.500 photos in 2 tubes',
    );
  });

  it('keeps the outer number after a nested plural closes', () => {
    const template = '{n, plural, other {{m, plural, other {# inner}} then # outer}}';
    expect(formatMessage('en', template, { n: 7, m: 2 })).toBe('2 inner then 7 outer');
  });

  it('gives a select inside a plural branch the plural number', () => {
    const template =
      '{n, plural, one {{label, select, clear {# clear photo} other {# {label} photo}}} other {{label, select, clear {# clear photos} other {# {label} photos}}}}';
    expect(formatMessage('en', template, { n: 3, label: 'clear' })).toBe('3 clear photos');
    expect(formatMessage('en', template, { n: 1, label: 'blocked' })).toBe('1 blocked photo');
    expect(formatMessage('pt-BR', template, { n: 2500, label: 'clear' })).toBe(
      '2.500 clear photos',
    );
  });

  it('picks a select branch by value and falls back to other', () => {
    const template = '{who, select, self {You} other {{who}}} reviewed it';
    expect(formatMessage('en', template, { who: 'self' })).toBe('You reviewed it');
    expect(formatMessage('en', template, { who: 'Ana' })).toBe('Ana reviewed it');
  });

  it('leaves # as text outside any plural and in values', () => {
    expect(formatMessage('en', 'Tube #{id}', { id: 4 })).toBe('Tube #4');
    expect(
      formatMessage('en', '{n, plural, other {# of {name}}}', { n: 2, name: 'R07#1.jpg' }),
    ).toBe('2 of R07#1.jpg');
  });
});

describe('formatMessage: Portuguese counts', () => {
  const decisions = '{n, plural, one {# decisão} other {# decisões}}';

  it('says nothing in the plural ("0 decisões"), one in the singular', () => {
    expect(formatMessage('pt-BR', decisions, { n: 0 })).toBe('0 decisões');
    expect(formatMessage('pt-BR', decisions, { n: 1 })).toBe('1 decisão');
    expect(formatMessage('pt-BR', decisions, { n: 2 })).toBe('2 decisões');
  });

  it('still lets an exact =0 branch speak first', () => {
    const template = '{n, plural, =0 {nenhuma decisão} one {# decisão} other {# decisões}}';
    expect(formatMessage('pt-BR', template, { n: 0 })).toBe('nenhuma decisão');
  });
});
