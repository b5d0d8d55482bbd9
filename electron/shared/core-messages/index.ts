/**
 * The catalog of core messages in both languages, shared by the core (which throws
 * `CoreError`s carrying a key and its values), the CLI (which prints them in the
 * library's language) and the renderer (which shows them in the UI's language).
 * Runtime-neutral: no Node, no Electron, no DOM.
 */
import { formatMessage, type MessageValues } from '../format-message.js';
import type { Language } from '../language.js';
import { coreEn, type CoreMessageKey, type CoreMessages } from './en.js';
import { corePtBR } from './pt-BR.js';

export type { CoreMessageKey, CoreMessages };

const catalogs: Record<Language, CoreMessages> = { en: coreEn, 'pt-BR': corePtBR };

/** A message to show a user: its key in the catalog and the values it needs. */
export interface CoreMessage {
  key: CoreMessageKey;
  values?: MessageValues;
}

export function isCoreMessageKey(key: unknown): key is CoreMessageKey {
  return typeof key === 'string' && Object.prototype.hasOwnProperty.call(coreEn, key);
}

/** The message in `language`. */
export function renderCoreMessage(language: Language, message: CoreMessage): string {
  return formatMessage(language, catalogs[language][message.key], message.values);
}
