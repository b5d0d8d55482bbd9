/**
 * The UI's two languages. `en.ts` defines every key; `pt-BR.ts` must translate every one
 * of them (its type is `Messages`), so a missing translation fails the build.
 */
import { createContext, useContext, useMemo, type ReactNode } from 'react';
import { en, type MessageKey, type Messages } from './en.js';
import { createFormatters, type Formatters, type Language } from './format.js';
import {
  renderWireMessage,
  type WireMessageValues,
} from '../../electron/shared/core-messages/index.js';
import { ptBR } from './pt-BR.js';
import { formatMessage } from '../../electron/shared/format-message.js';

export type { Language, MessageKey };

const dictionaries: Record<Language, Messages> = { 'pt-BR': ptBR, en };

/** Values substituted for `{name}` placeholders. */
export type MessageValues = Record<string, string | number>;

/** What the core reports about a failure (a SerializedError or a ContractError). */
export interface ReportedError {
  code: string;
  message: string;
  messageKey?: string | undefined;
  messageValues?: WireMessageValues | undefined;
}

export interface I18n {
  language: Language;
  t(key: MessageKey, values?: MessageValues): string;
  /** A core error's message in this language (as sent when the core gave no catalog key). */
  errorText(error: ReportedError): string;
  format: Formatters;
}

/** Replaces `{name}` placeholders; an unknown placeholder stays visible so it gets noticed. */
export function interpolate(template: string, values?: MessageValues): string {
  if (!values) return template;
  return template.replace(/\{(\w+)\}/g, (whole, name: string) =>
    name in values ? String(values[name]) : whole,
  );
}

export function createI18n(language: Language): I18n {
  const messages = dictionaries[language];
  return {
    language,
    // formatMessage: `{n, plural, one {...} other {...}}` picks the language's plural form.
    t: (key, values) => formatMessage(language, messages[key], values),
    errorText: (error) =>
      renderWireMessage(language, error.messageKey, error.messageValues) ?? error.message,
    format: createFormatters(language),
  };
}

const I18nContext = createContext<I18n>(createI18n('pt-BR'));

export function I18nProvider(props: { language: Language; children: ReactNode }) {
  const value = useMemo(() => createI18n(props.language), [props.language]);
  return <I18nContext.Provider value={value}>{props.children}</I18nContext.Provider>;
}

export function useI18n(): I18n {
  return useContext(I18nContext);
}
