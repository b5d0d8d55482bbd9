/**
 * The catalog of core messages in both languages, shared by the core (which throws
 * `CoreError`s carrying a key and its values), the CLI (which prints them in the
 * library's language) and the renderer (which shows them in the UI's language).
 * Runtime-neutral: no Node, no Electron, no DOM.
 */
import { formatMessage, type MessageValue, type MessageValues } from '../format-message.js';
import type { Language } from '../language.js';
import type { WireMessage, WireMessageValue, WireMessageValues } from '../../contract.js';
import { coreEn, type CoreMessageKey, type CoreMessages } from './en.js';
import { corePtBR } from './pt-BR.js';

export type { CoreMessageKey, CoreMessages };

const catalogs: Record<Language, CoreMessages> = { en: coreEn, 'pt-BR': corePtBR };

/**
 * A value of a message: text, a number, or messages of their own (the field problems of
 * a model.json, each rendered in the reader's language and joined with "; ").
 */
export type CoreMessageValue = MessageValue | CoreMessage | readonly CoreMessage[];
export type CoreMessageValues = Readonly<Record<string, CoreMessageValue>>;

/** A message to show a user: its key in the catalog and the values it needs. */
export interface CoreMessage {
  key: CoreMessageKey;
  values?: CoreMessageValues;
}

// A message as it crosses a transport (JSON): keys are checked when it is rendered.
export type { WireMessage, WireMessageValue, WireMessageValues };

export function isCoreMessageKey(key: unknown): key is CoreMessageKey {
  return typeof key === 'string' && Object.prototype.hasOwnProperty.call(coreEn, key);
}

/** A nested message of another version's catalog: its key stays visible rather than nothing. */
function renderNested(language: Language, message: WireMessage): string {
  if (!isCoreMessageKey(message.key)) return String(message.key);
  return formatMessage(
    language,
    catalogs[language][message.key],
    flatten(language, message.values),
  );
}

function flatten(language: Language, values: WireMessageValues | undefined): MessageValues {
  const flat: Record<string, MessageValue> = {};
  for (const [name, value] of Object.entries(values ?? {})) {
    if (typeof value === 'string' || typeof value === 'number') flat[name] = value;
    else if (Array.isArray(value)) {
      flat[name] = (value as readonly WireMessage[])
        .map((part) => renderNested(language, part))
        .join('; ');
    } else if (value !== null && typeof value === 'object') {
      flat[name] = renderNested(language, value as WireMessage);
    }
  }
  return flat;
}

/** The message in `language`. */
export function renderCoreMessage(language: Language, message: CoreMessage): string {
  return renderNested(language, message);
}

/** A message that came over a wire, in `language`; null when its key is not in the catalog. */
export function renderWireMessage(
  language: Language,
  key: string | undefined,
  values: WireMessageValues | undefined,
): string | null {
  return isCoreMessageKey(key) ? renderNested(language, { key, values: values ?? {} }) : null;
}

function valueFromWire(value: WireMessageValue): CoreMessageValue {
  if (typeof value === 'string' || typeof value === 'number') return value;
  if (Array.isArray(value)) {
    return (value as readonly WireMessage[]).map(
      (part) =>
        coreMessageFromWire(part.key, part.values) ?? {
          key: 'message.unknown',
          values: { key: String(part.key) },
        },
    );
  }
  const message = value as WireMessage;
  return coreMessageFromWire(message.key, message.values) ?? String(message.key);
}

/** A message that came over a wire as a typed CoreMessage; null when its key is unknown. */
export function coreMessageFromWire(
  key: string | undefined,
  values: WireMessageValues | undefined,
): CoreMessage | null {
  if (!isCoreMessageKey(key)) return null;
  const typed: Record<string, CoreMessageValue> = {};
  for (const [name, value] of Object.entries(values ?? {})) typed[name] = valueFromWire(value);
  return { key, values: typed };
}
