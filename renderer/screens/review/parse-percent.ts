/**
 * Reads a confidence bound typed as a percent, the way an inspector types it: "97,5"
 * (pt-BR decimal comma) or "97.5", "90", "90 %", and a fraction "0.9" / "0,95" (taken
 * as 90 % / 95 %, since nobody filters on 0.9 %). Returns the bound in 0..1, undefined
 * for an empty field, or 'invalid' for text that is no number or is outside 0..100 %.
 */
export function parsePercent(text: string): number | undefined | 'invalid' {
  const raw = text.trim().replace(/\s*%$/, '');
  if (raw === '') return undefined;
  // "97," is "97" on its way to "97,5".
  if (!/^\d+([.,]\d*)?$/.test(raw)) return 'invalid';
  const value = Number(raw.replace(',', '.'));
  const fraction = /[.,]\d/.test(raw) && value <= 1;
  const percent = fraction ? value * 100 : value;
  if (!Number.isFinite(percent) || percent < 0 || percent > 100) return 'invalid';
  return Math.round(percent * 10) / 1000;
}
