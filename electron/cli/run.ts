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
  GLOBAL_HELP,
  GLOBAL_OPTIONS,
  stringOption,
  UsageError,
  type Command,
  type CommandContext,
} from './command.js';
import type { Terminal } from './terminal.js';
import type { Language } from '../shared/language.js';

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

export function overviewHelp(): string {
  const width = Math.max(...commands.map((c) => c.name.length));
  const list = commands.map((c) => `  ${c.name.padEnd(width)}  ${c.summary}`).join('\n');
  return `Usage: ${PROGRAM} <command> [options]

Inspection Desk from the command line: import SD cards, review and export labeled photos.

Commands:
${list}
  ${'help'.padEnd(width)}  show help for a command: ${PROGRAM} help <command>

${GLOBAL_HELP}
  --version       print the version
`;
}

function commandHelp(command: Command): string {
  // Help texts spell usage lines without the program name ("Usage: list ...").
  const help = command.help
    .replace(/^Usage: /m, `Usage: ${PROGRAM} `)
    .replace(/^ {7}(?=[a-z])/gm, `       ${PROGRAM} `);
  return `${help}\n${GLOBAL_HELP}\n`;
}

type Resolution = { command: Command; rest: string[] } | { help: string; error: string | null };

/** Follows command and sub-command names down to the command that runs. */
function resolveCommand(tokens: string[]): Resolution {
  const { name, rest } = splitCommand(tokens);
  const wantsHelp = tokens.includes('--help') || tokens.includes('-h');
  if (name === undefined) {
    return { help: overviewHelp(), error: wantsHelp ? null : 'Missing command.' };
  }
  let command = commands.find((c) => c.name === name);
  if (!command) return { help: overviewHelp(), error: `Unknown command "${name}".` };
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
  // `help import` is `import --help`.
  const tokens = argv[0] === 'help' ? [...argv.slice(1), '--help'] : argv;
  const resolved = resolveCommand(tokens);
  if ('help' in resolved) {
    if (resolved.error !== null) {
      term.stderr.write(`Error: ${resolved.error}\n\n${resolved.help}`);
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
  const ctx: CommandContext = {
    term,
    libraryDir,
    core() {
      // Loaded on demand: `--help` should not wait for sharp and onnxruntime to load.
      opened ??= import('../core/app.js').then(({ createCore }) =>
        createCore({ libraryDir, defaultModelDirs: shippedModelDirs() }),
      );
      return opened;
    },
    print: (text) => term.stdout.write(text),
    printJson: (value) => term.stdout.write(`${JSON.stringify(value, null, 2)}\n`),
    note: (text) => term.stderr.write(text),
  };

  try {
    const code = await command.run!(ctx, { values, positionals });
    return code ?? EXIT.ok;
  } catch (error) {
    if (error instanceof UsageError) {
      term.stderr.write(`Error: ${error.message}\n\n${commandHelp(command)}`);
      return EXIT.usage;
    }
    const language = opened
      ? await opened.then(
          (core) => core.language(),
          () => 'en' as const,
        )
      : 'en';
    const serialized = serializeError(error, language);
    if (values.json === true) {
      // Scripts reading --json get the failure as JSON too, with its code.
      const { code, message, details } = serialized;
      ctx.printJson({
        error: details === undefined ? { code, message } : { code, message, details },
      });
    }
    term.stderr.write(`Error: ${describeError(error, language)}\n`);
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
