/**
 * The language the CLI writes its human-readable output in (progress, summaries, tables,
 * notes and errors): `$INSPECTION_DESK_LANGUAGE` when set (scripts and tests that want a
 * fixed language), else the opened library's setting, else English (a command that opens
 * no library). `--json` output is never translated: its keys and codes are an API.
 */
import { renderCoreMessage, type CoreMessageKey } from '../shared/core-messages/index.js';
import type { MessageValues } from '../shared/format-message.js';
import { isLanguage, LANGUAGES, type Language } from '../shared/language.js';

export const LANGUAGE_ENV = 'INSPECTION_DESK_LANGUAGE';

/** The keys of the catalog's `// cli` block. */
export type CliMessageKey = Extract<CoreMessageKey, `cli.${string}`>;

/** A bad `$INSPECTION_DESK_LANGUAGE`: the runner prints it and exits with 2. */
export class LanguageEnvError extends Error {
  constructor(value: string) {
    super(`${LANGUAGE_ENV} must be ${LANGUAGES.join(' or ')}, got "${value}".`);
    this.name = 'LanguageEnvError';
  }
}

/** The override from the environment; undefined when unset or empty. */
export function languageOverride(env: NodeJS.ProcessEnv = process.env): Language | undefined {
  const value = env[LANGUAGE_ENV];
  if (value === undefined || value === '') return undefined;
  if (!isLanguage(value)) throw new LanguageEnvError(value);
  return value;
}

/** A `cli.*` message in `language`. */
export function cliText(language: Language, key: CliMessageKey, values?: MessageValues): string {
  return renderCoreMessage(language, { key, ...(values && { values }) });
}
