/**
 * The CLI runner: finds the command in argv, parses its options, opens the library
 * when the command needs it, and turns every failure into a message and an exit code
 * (0 ok, 1 error, 2 bad usage, 3 disk or folder to fix, 4 library busy, 130 interrupted;
 * see EXIT). With --json the failure is also printed as `{error: {code, message, details}}`.
 */
import path from 'node:path';
import { parseArgs } from 'node:util';
import type { Core } from '../core/app.js';
import { CoreError, serializeError } from '../core/errors.js';
import { defaultLibraryDir } from '../core/library/default-location.js';
import { shippedModelDirs } from '../core/models/shipped.js';
import { appVersion } from '../core/app-version.js';
import { commands } from './commands/index.js';
import {
  EXIT,
  exitCodeFor,
  globalHelp,
  GLOBAL_OPTIONS,
  stringOption,
  UsageError,
  type Command,
  type CommandContext,
} from './command.js';
import type { Terminal } from './terminal.js';
import type { Language } from '../shared/language.js';
import { cliText, languageOverride, LanguageEnvError, type CliMessageKey } from './language.js';
import { isCoreMessageKey } from '../shared/core-messages/index.js';
import type { MessageValues } from '../shared/format-message.js';

export const PROGRAM = 'inspection-desk';

/** Global options that take a value: their value is not the command name. */
const VALUE_OPTIONS = new Set(['--library']);

/** The first word of `tokens` that is not an option, and the tokens around it. */
export function splitCommand(tokens: string[]): { name: string | undefined; rest: string[] } {
  for (let i = 0; i < tokens.length; i++) {
    const token = tokens[i]!;
    if (token === '--') {
      const name = tokens[i + 1];
      return name === undefined
        ? { name: undefined, rest: tokens }
        : { name, rest: [...tokens.slice(0, i + 1), ...tokens.slice(i + 2)] };
    }
    if (VALUE_OPTIONS.has(token)) {
      i++;
      continue;
    }
    if (token.startsWith('-')) continue;
    return { name: token, rest: [...tokens.slice(0, i), ...tokens.slice(i + 1)] };
  }
  return { name: undefined, rest: tokens };
}

/** The one-line summary of a command in `language` (its English text for a key this CLI lacks). */
function summaryOf(command: Command, language: Language): string {
  const key = `cli.help.summary.${command.name.replace(/-(\w)/g, (_, c: string) => c.toUpperCase())}`;
  return isCoreMessageKey(key) ? cliText(language, key as CliMessageKey) : command.summary;
}

export function overviewHelp(language: Language = 'en'): string {
  const t = (key: CliMessageKey, values?: MessageValues) => cliText(language, key, values);
  const width = Math.max(...commands.map((c) => c.name.length));
  const list = commands
    .map((c) => `  ${c.name.padEnd(width)}  ${summaryOf(c, language)}`)
    .join('\n');
  return `${t('cli.help.usage', { program: PROGRAM })}

${t('cli.help.intro')}

${t('cli.help.commands')}
${list}
  ${'help'.padEnd(width)}  ${t('cli.help.helpCommand', { program: PROGRAM })}

${globalHelp(language, { version: true })}
`;
}

/**
 * A command's help page. Its body is written in English, so the page stays English as a
 * whole (the overview and every other output follow the language).
 */
function commandHelp(command: Command): string {
  // Help texts spell usage lines without the program name ("Usage: list ...").
  const help = command.help
    .replace(/^Usage: /m, `Usage: ${PROGRAM} `)
    .replace(/^ {7}(?=[a-z])/gm, `       ${PROGRAM} `);
  return `${help}\n${globalHelp('en')}\n`;
}

type Resolution =
  | { command: Command; rest: string[] }
  | { help: string; error: string | null; errorPrefix?: string };

/** Follows command and sub-command names down to the command that runs. */
function resolveCommand(tokens: string[], language: Language): Resolution {
  const { name, rest } = splitCommand(tokens);
  const wantsHelp = tokens.includes('--help') || tokens.includes('-h');
  const overview = (error: string | null): Resolution => ({
    help: overviewHelp(language),
    error,
    errorPrefix: cliText(language, 'cli.errorPrefix'),
  });
  if (name === undefined) {
    return overview(wantsHelp ? null : cliText(language, 'cli.help.missingCommand'));
  }
  let command = commands.find((c) => c.name === name);
  if (!command) return overview(cliText(language, 'cli.help.unknownCommand', { name }));
  let remaining = rest;
  while (command.subcommands) {
    const next = splitCommand(remaining);
    const sub: Command | undefined = command.subcommands.find((c) => c.name === next.name);
    if (!sub) {
      if (next.name === undefined && wantsHelp) return { help: commandHelp(command), error: null };
      const error =
        next.name === undefined
          ? `Missing sub-command of ${command.name}.`
          : `Unknown sub-command "${command.name} ${next.name}".`;
      return { help: commandHelp(command), error };
    }
    command = sub;
    remaining = next.rest;
  }
  return { command, rest: remaining };
}

/** Runs the CLI on `argv` (without node and script); resolves to the exit code. */
export async function runCli(argv: string[], term: Terminal): Promise<number> {
  if (argv.length === 1 && argv[0] === '--version') {
    term.stdout.write(`${appVersion()}\n`);
    return EXIT.ok;
  }
  // The library is not opened for help and usage: English, or the override.
  let override: Language | undefined;
  try {
    override = languageOverride();
  } catch (error) {
    if (!(error instanceof LanguageEnvError)) throw error;
    term.stderr.write(`Error: ${error.message}\n`);
    return EXIT.usage;
  }
  // `help import` is `import --help`.
  const tokens = argv[0] === 'help' ? [...argv.slice(1), '--help'] : argv;
  const resolved = resolveCommand(tokens, override ?? 'en');
  if ('help' in resolved) {
    if (resolved.error !== null) {
      term.stderr.write(
        `${resolved.errorPrefix ?? 'Error: '}${resolved.error}\n\n${resolved.help}`,
      );
      return EXIT.usage;
    }
    term.stdout.write(resolved.help);
    return EXIT.ok;
  }
  const { command } = resolved;
  let values;
  let positionals: string[];
  try {
    ({ values, positionals } = parseArgs({
      args: resolved.rest,
      options: { ...GLOBAL_OPTIONS, ...command.options },
      allowPositionals: true,
      strict: true,
    }));
  } catch (error) {
    term.stderr.write(`Error: ${(error as Error).message}\n\n${commandHelp(command)}`);
    return EXIT.usage;
  }
  if (values.help === true) {
    term.stdout.write(commandHelp(command));
    return EXIT.ok;
  }

  const libraryDir = path.resolve(stringOption(values, 'library') ?? defaultLibraryDir());
  let opened: Promise<Core> | undefined;
  // The library once open: its language setting is read live (`settings --language`).
  let openCore: Core | undefined;
  const language = (): Language => override ?? openCore?.language() ?? 'en';
  const ctx: CommandContext = {
    term,
    libraryDir,
    core() {
      // Loaded on demand: `--help` should not wait for sharp and onnxruntime to load.
      opened ??= import('../core/app.js')
        .then(({ createCore }) => createCore({ libraryDir, defaultModelDirs: shippedModelDirs() }))
        .then((core) => (openCore = core));
      return opened;
    },
    print: (text) => term.stdout.write(text),
    printJson: (value) => term.stdout.write(`${JSON.stringify(value, null, 2)}\n`),
    note: (text) => term.stderr.write(text),
    language,
    t: (key, messageValues) => cliText(language(), key, messageValues),
  };

  try {
    const code = await command.run!(ctx, { values, positionals });
    return code ?? EXIT.ok;
  } catch (error) {
    if (error instanceof UsageError) {
      term.stderr.write(`Error: ${error.message}\n\n${commandHelp(command)}`);
      return EXIT.usage;
    }
    const serialized = serializeError(error, language());
    if (values.json === true) {
      // Scripts reading --json get the failure as JSON too, with its code.
      const { code, message, details } = serialized;
      ctx.printJson({
        error: details === undefined ? { code, message } : { code, message, details },
      });
    }
    term.stderr.write(`${ctx.t('cli.errorPrefix')}${describeError(error, language())}\n`);
    return exitCodeFor(serialized.code);
  } finally {
    if (opened) {
      await opened.then(
        (core) => core.close(),
        () => undefined,
      );
    }
  }
}

function describeError(error: unknown, language: Language): string {
  if (error instanceof CoreError) return error.messageIn(language);
  if (error instanceof Error) {
    // A bug, not a user mistake: the stack helps whoever reports it.
    return process.env.INSPECTION_DESK_DEBUG ? (error.stack ?? error.message) : error.message;
  }
  return String(error);
}
