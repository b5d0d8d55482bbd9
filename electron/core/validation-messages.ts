/**
 * Zod's issues as catalog messages, so a wrong model.json, tube layout, bundle or method
 * argument is explained in the reader's language: the field path, what it must be (type,
 * bounds, options) and what was found. Zod's own English text is never shown.
 *
 * A schema may give a catalog key as its message:
 * - a `*.expect.*` key names what the field must be ("a whole number of pixels, 1..4096")
 *   and is said as "<field> must be <that> (got <value>)", or "<field> is missing: ...";
 * - any other key is the whole problem, given `{field}` and `{got}`.
 */
import type { z } from 'zod';
import {
  isCoreMessageKey,
  type CoreMessage,
  type CoreMessageKey,
} from '../shared/core-messages/index.js';

type Issue = z.core.$ZodIssue;

/** How the problems of one parse are told: what the root is called, and the parsed input. */
export interface IssueSubject {
  /** Names the whole value when a problem is at its root (a file name, "the arguments"). */
  root: string | CoreMessage;
  /** The value that was parsed, to quote what was found at each path. */
  input: unknown;
}

/** `input.scaling.std[1]`: how a data scientist writes a path into their JSON. */
export function formatPath(path: readonly PropertyKey[]): string {
  let out = '';
  for (const key of path) {
    if (typeof key === 'number') out += `[${key}]`;
    else out += out ? `.${String(key)}` : String(key);
  }
  return out;
}

function valueAt(root: unknown, path: readonly PropertyKey[]): unknown {
  let value = root;
  for (const key of path) {
    if (value === null || typeof value !== 'object') return undefined;
    value = (value as Record<PropertyKey, unknown>)[key];
  }
  return value;
}

/** A short quote of a JSON value (long ones are cut), the same in every language. */
export function describeValue(value: unknown): string {
  const json = JSON.stringify(value);
  if (json === undefined) return String(value);
  return json.length > 60 ? `${json.slice(0, 57)}...` : json;
}

const TYPE_KEYS: Partial<Record<string, CoreMessageKey>> = {
  string: 'validation.type.string',
  number: 'validation.type.number',
  int: 'validation.type.int',
  boolean: 'validation.type.boolean',
  object: 'validation.type.object',
  record: 'validation.type.object',
  array: 'validation.type.array',
  tuple: 'validation.type.array',
  null: 'validation.type.null',
};

function expectedType(expected: string): CoreMessage {
  const key = TYPE_KEYS[expected];
  return key ? { key } : { key: 'validation.type.other', values: { type: expected } };
}

/** A number bound as zod gives it (number or bigint), for the message's number formatting. */
function bound(value: number | bigint): number {
  return Number(value);
}

function sizeKey(
  origin: string,
  side: 'tooSmall' | 'tooBig',
  inclusive: boolean | undefined,
): CoreMessageKey {
  if (origin === 'string') return `validation.${side}.string`;
  if (origin === 'array' || origin === 'set') return `validation.${side}.array`;
  return inclusive === false ? `validation.${side}.numberExclusive` : `validation.${side}.number`;
}

/** One zod issue as a catalog message. */
export function issueMessage(issue: Issue, subject: IssueSubject): CoreMessage {
  const path = formatPath(issue.path);
  const field: string | CoreMessage = path || subject.root;
  const value = valueAt(subject.input, issue.path);
  const got = describeValue(value);
  const missing = value === undefined && issue.path.length > 0;

  if (issue.code === 'unrecognized_keys') {
    return {
      key: 'validation.unknownFields',
      values: {
        field,
        count: issue.keys.length,
        keys: issue.keys.map((k) => `"${k}"`).join(', '),
      },
    };
  }
  // A schema's own catalog key says it best.
  if (isCoreMessageKey(issue.message)) {
    if (issue.message.includes('.expect.')) {
      const expected: CoreMessage = { key: issue.message };
      return missing
        ? { key: 'validation.missingExpected', values: { field, expected } }
        : { key: 'validation.mustBe', values: { field, expected, got } };
    }
    return { key: issue.message, values: { field, got } };
  }
  // zod reports a missing field as a type error; say "missing" rather than "got undefined".
  if (missing && (issue.code === 'invalid_type' || issue.code === 'invalid_value')) {
    return issue.code === 'invalid_type'
      ? {
          key: 'validation.missingExpected',
          values: { field, expected: expectedType(issue.expected) },
        }
      : { key: 'validation.missing', values: { field } };
  }
  switch (issue.code) {
    case 'invalid_type':
      return {
        key: 'validation.mustBe',
        values: { field, expected: expectedType(issue.expected), got },
      };
    case 'too_small':
      return {
        key: sizeKey(issue.origin, 'tooSmall', issue.inclusive),
        values: { field, minimum: bound(issue.minimum), got },
      };
    case 'too_big':
      return {
        key: sizeKey(issue.origin, 'tooBig', issue.inclusive),
        values: { field, maximum: bound(issue.maximum), got },
      };
    case 'invalid_value':
      return {
        key: 'validation.oneOf',
        values: { field, options: issue.values.map((v) => describeValue(v)).join(', '), got },
      };
    case 'invalid_format':
      return { key: 'validation.format', values: { field, got } };
    case 'not_multiple_of':
      return {
        key: 'validation.notMultipleOf',
        values: { field, divisor: bound(issue.divisor), got },
      };
    default:
      return { key: 'validation.invalid', values: { field, got } };
  }
}

/** Every problem of a failed parse, in the order zod found them. */
export function issueMessages(error: z.ZodError, subject: IssueSubject): CoreMessage[] {
  return error.issues.map((issue) => issueMessage(issue, subject));
}
