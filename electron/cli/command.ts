/**
 * What a CLI command is: its name, help, options (node:util parseArgs) and a `run`
 * that talks to the core. Plus the small helpers commands share to read options.
 */
import type { ParseArgsConfig } from 'node:util';
import type { Core } from '../core/app.js';
import type { Terminal } from './terminal.js';
import type { Language } from '../shared/language.js';
import type { MessageValues } from '../shared/format-message.js';
import { cliText, type CliMessageKey } from './language.js';

export type OptionsConfig = NonNullable<ParseArgsConfig['options']>;
export type OptionValues = Record<string, string | boolean | (string | boolean)[] | undefined>;

/** Bad command-line input: the command's help is printed and the exit code is 2. */
export class UsageError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'UsageError';
  }
}

/**
 * Exit codes: scripts can tell success, failure, bad usage, a disk or folder to fix, a
 * library busy with another job, and Ctrl-C apart.
 */
export const EXIT = {
  ok: 0,
  error: 1,
  usage: 2,
  /** The disk is full, or a folder cannot be written: fix it, then run the same command. */
  storage: 3,
  /** Another job runs on this library: wait, then run the same command. */
  busy: 4,
  interrupted: 130,
} as const;

/** The exit code for a core error code (see EXIT); 1 for every other failure. */
export function exitCodeFor(code: string | undefined): number {
  switch (code) {
    case 'DISK_FULL':
    case 'DEST_NOT_WRITABLE':
      return EXIT.storage;
    case 'JOB_RUNNING':
    case 'LIBRARY_LOCKED':
      return EXIT.busy;
    default:
      return EXIT.error;
  }
}

export interface CommandContext {
  readonly term: Terminal;
  /** The library folder this run uses (absolute). */
  readonly libraryDir: string;
  /** Opens the library once; closed by the runner when the command ends. */
  core(): Promise<Core>;
  /** Writes to stdout. */
  print(text: string): void;
  /** Writes a value as JSON to stdout (the `--json` output). */
  printJson(value: unknown): void;
  /** Writes a note to stderr (kept out of machine-readable stdout). */
  note(text: string): void;
  /**
   * The language of human-readable output: $INSPECTION_DESK_LANGUAGE, else the opened
   * library's setting (read live, so ask after `core()`), else English.
   */
  language(): Language;
  /** A `cli.*` catalog message in `language()`. */
  t(key: CliMessageKey, values?: MessageValues): string;
}

export interface ParsedInput {
  values: OptionValues;
  positionals: string[];
}

export interface Command {
  name: string;
  /** One line for the command overview. */
  summary: string;
  /** Full help: usage line, description, options. */
  help: string;
  options?: OptionsConfig;
  /** Commands with sub-commands (`models add`, ...) leave `run` to them. */
  subcommands?: Command[];
  run?(ctx: CommandContext, input: ParsedInput): Promise<number | void>;
}

export function stringOption(values: OptionValues, name: string): string | undefined {
  const value = values[name];
  return typeof value === 'string' ? value : undefined;
}

export function flag(values: OptionValues, name: string): boolean {
  return values[name] === true;
}

/** A number option within bounds, or a UsageError naming the option. */
export function numberOption(
  values: OptionValues,
  name: string,
  { min = -Infinity, max = Infinity, integer = false } = {},
): number | undefined {
  const text = stringOption(values, name);
  if (text === undefined) return undefined;
  const value = Number(text);
  if (text.trim() === '' || !Number.isFinite(value) || (integer && !Number.isInteger(value))) {
    throw new UsageError(
      `--${name} must be ${integer ? 'a whole number' : 'a number'}, got "${text}".`,
    );
  }
  if (value < min || value > max) {
    throw new UsageError(`--${name} must be between ${min} and ${max}, got ${text}.`);
  }
  return value;
}

/** One of a fixed set of words, or a UsageError listing them. */
export function choiceOption<T extends string>(
  values: OptionValues,
  name: string,
  choices: readonly T[],
): T | undefined {
  const text = stringOption(values, name);
  if (text === undefined) return undefined;
  if (!(choices as readonly string[]).includes(text)) {
    throw new UsageError(`--${name} must be one of ${choices.join(', ')}, got "${text}".`);
  }
  return text as T;
}

/** Exactly `count` positionals named as in `names`, or a UsageError. */
export function expectPositionals(positionals: string[], names: string[]): string[] {
  if (positionals.length < names.length) {
    throw new UsageError(
      `Missing ${names
        .slice(positionals.length)
        .map((n) => `<${n}>`)
        .join(' ')}.`,
    );
  }
  if (positionals.length > names.length) {
    throw new UsageError(`Unexpected argument "${positionals[names.length]}".`);
  }
  return positionals;
}

/** Options every command accepts. */
export const GLOBAL_OPTIONS: OptionsConfig = {
  library: { type: 'string' },
  help: { type: 'boolean', short: 'h' },
};

export const JSON_OPTION: OptionsConfig = { json: { type: 'boolean' } };

/**
 * Help text lines for the global options, appended to every command's help; the
 * overview adds `--version`, which only works alone.
 */
export function globalHelp(language: Language = 'en', { version = false } = {}): string {
  const t = (key: CliMessageKey) => cliText(language, key);
  const versionLine = version ? `\n  --version       ${t('cli.help.versionOption')}` : '';
  return `${t('cli.help.globalOptions')}
  --library DIR   ${t('cli.help.libraryOption')}
  -h, --help      ${t('cli.help.helpOption')}${versionLine}

${t('cli.help.languageNote')}`;
}
