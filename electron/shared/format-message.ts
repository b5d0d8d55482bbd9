/**
 * Fills a message template, shared by the renderer, the core and the CLI so that every
 * message a user reads follows one syntax in both languages:
 *
 * - `{name}` is replaced by the value (numbers formatted for the language: 1.234,5 in pt-BR);
 * - `{name, plural, one {# file} other {# files}}` picks the branch `Intl.PluralRules`
 *   gives for the number, and `#` inside it is the formatted number. Branches may hold
 *   placeholders of their own. `=0 {...}` matches an exact value first.
 * - `{name, select, a {...} other {...}}` picks the branch named by the value.
 *
 * As in ICU, `#` is the number of the innermost enclosing plural: a plural nested in a
 * plural branch has its own `#`, a select nested in one keeps the outer plural's.
 * Outside any plural `#` is plain text.
 *
 * An unknown placeholder stays visible (`{name}`) so a missing value gets noticed.
 */
import type { Language } from './language.js';

export type MessageValue = string | number;
export type MessageValues = Readonly<Record<string, MessageValue>>;

const numberFormats = new Map<Language, Intl.NumberFormat>();
const pluralRules = new Map<Language, Intl.PluralRules>();

function formatNumber(language: Language, value: number): string {
  let format = numberFormats.get(language);
  if (!format) {
    format = new Intl.NumberFormat(language, { maximumFractionDigits: 2 });
    numberFormats.set(language, format);
  }
  return format.format(value);
}

function pluralCategory(language: Language, value: number): string {
  // CLDR's Portuguese puts 0 in `one` ("0 foto", "0 decisão"); Brazilian readers and the
  // style guides they follow count nothing in the plural ("0 fotos"), as English does.
  if (language === 'pt-BR' && value === 0) return 'other';
  let rules = pluralRules.get(language);
  if (!rules) {
    rules = new Intl.PluralRules(language);
    pluralRules.set(language, rules);
  }
  return rules.select(value);
}

function formatValue(language: Language, value: MessageValue): string {
  return typeof value === 'number' ? formatNumber(language, value) : value;
}

/** Index of the `}` closing the `{` at `open`, or -1. */
function closingBrace(text: string, open: number): number {
  let depth = 0;
  for (let i = open; i < text.length; i++) {
    if (text[i] === '{') depth++;
    else if (text[i] === '}' && --depth === 0) return i;
  }
  return -1;
}

/** `one {...} other {...}` → { one: '...', other: '...' }. */
function parseBranches(text: string): Map<string, string> | null {
  const branches = new Map<string, string>();
  let i = 0;
  while (i < text.length) {
    while (i < text.length && /\s/.test(text[i]!)) i++;
    if (i >= text.length) break;
    const open = text.indexOf('{', i);
    if (open < 0) return null;
    const selector = text.slice(i, open).trim();
    const close = closingBrace(text, open);
    if (!selector || close < 0) return null;
    branches.set(selector, text.slice(open + 1, close));
    i = close + 1;
  }
  return branches;
}

function formatPlural(
  language: Language,
  name: string,
  body: string,
  values: MessageValues | undefined,
  whole: string,
): string {
  const raw = values?.[name];
  const branches = parseBranches(body);
  if (typeof raw !== 'number' || !branches) return whole;
  const branch =
    branches.get(`=${raw}`) ?? branches.get(pluralCategory(language, raw)) ?? branches.get('other');
  if (branch === undefined) return whole;
  return formatWith(language, branch, values, formatNumber(language, raw));
}

function formatSelect(
  language: Language,
  name: string,
  body: string,
  values: MessageValues | undefined,
  whole: string,
  hash: string | undefined,
): string {
  const raw = values?.[name];
  const branches = parseBranches(body);
  if (raw === undefined || !branches) return whole;
  const branch = branches.get(String(raw)) ?? branches.get('other');
  if (branch === undefined) return whole;
  return formatWith(language, branch, values, hash);
}

/** Literal text with `#` standing for the enclosing plural's number, when there is one. */
function literal(text: string, hash: string | undefined): string {
  return hash === undefined ? text : text.replace(/#/g, hash);
}

function formatWith(
  language: Language,
  template: string,
  values: MessageValues | undefined,
  hash: string | undefined,
): string {
  let out = '';
  let i = 0;
  while (i < template.length) {
    const open = template.indexOf('{', i);
    if (open < 0) {
      out += literal(template.slice(i), hash);
      break;
    }
    out += literal(template.slice(i, open), hash);
    const close = closingBrace(template, open);
    if (close < 0) {
      out += template.slice(open);
      break;
    }
    const whole = template.slice(open, close + 1);
    const inner = template.slice(open + 1, close);
    const argument = /^\s*(\w+)\s*,\s*(plural|select)\s*,([\s\S]*)$/.exec(inner);
    if (argument?.[2] === 'plural') {
      out += formatPlural(language, argument[1]!, argument[3]!, values, whole);
    } else if (argument) {
      out += formatSelect(language, argument[1]!, argument[3]!, values, whole, hash);
    } else if (/^\w+$/.test(inner) && values && inner in values) {
      // A value is text, never a template: a `#` or `{` in a photo name stays as written.
      out += formatValue(language, values[inner]!);
    } else {
      out += whole;
    }
    i = close + 1;
  }
  return out;
}

export function formatMessage(
  language: Language,
  template: string,
  values?: MessageValues,
): string {
  return formatWith(language, template, values, undefined);
}
