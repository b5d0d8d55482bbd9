/** The two languages of Inspection Desk: the UI, the CLI and core messages all use them. */
export type Language = 'pt-BR' | 'en';

export const LANGUAGES: readonly Language[] = ['pt-BR', 'en'];

export function isLanguage(value: unknown): value is Language {
  return value === 'pt-BR' || value === 'en';
}
