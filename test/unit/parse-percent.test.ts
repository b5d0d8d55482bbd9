import { describe, expect, it } from 'vitest';
import { parsePercent } from '../../renderer/screens/review/parse-percent.js';

describe('parsePercent', () => {
  it('reads the decimal comma and point, a trailing %, and fractions as fractions', () => {
    expect(parsePercent('97,5')).toBe(0.975);
    expect(parsePercent('97.5')).toBe(0.975);
    expect(parsePercent('90 %')).toBe(0.9);
    expect(parsePercent('0.9')).toBe(0.9);
    expect(parsePercent('0,95')).toBe(0.95);
    expect(parsePercent('1')).toBe(0.01);
    expect(parsePercent('97,')).toBe(0.97);
    expect(parsePercent('')).toBeUndefined();
  });

  it('refuses what is no percent, instead of filtering on nonsense', () => {
    expect(parsePercent('150')).toBe('invalid');
    expect(parsePercent('-5')).toBe('invalid');
    expect(parsePercent('abc')).toBe('invalid');
    expect(parsePercent('9,7,5')).toBe('invalid');
  });
});
