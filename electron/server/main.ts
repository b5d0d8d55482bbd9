/**
 * `npm run serve`: the HTTP shell on this machine, for the browser UI, scripts and the
 * seeds' classify API. Listens on 127.0.0.1 only unless `--host` says otherwise.
 */
import path from 'node:path';
import { parseArgs } from 'node:util';
import { createCore } from '../core/app.js';
import { serializeError } from '../core/errors.js';
import { defaultLibraryDir } from '../core/library/default-location.js';
import { shippedModelDirs } from '../core/models/shipped.js';
import { DEFAULT_HOST, DEFAULT_PORT, startServer } from './server.js';

const HELP = `Usage: npm run serve -- [options]

Serves Inspection Desk to a browser on this machine.

Options:
  --port N        port to listen on (default: $PORT or ${DEFAULT_PORT}; 0 picks a free one)
  --host ADDR     address to listen on (default: ${DEFAULT_HOST}, this machine only)
  --library DIR   library folder (default: ${defaultLibraryDir()})
  --model DIR     model folder a new library starts with, instead of the shipped one
  -h, --help      show this help
`;

function fail(message: string, exitCode: number): never {
  process.stderr.write(`Error: ${message}\n`);
  process.exit(exitCode);
}

function parsePort(text: string): number {
  if (!/^\d+$/.test(text) || Number(text) > 65535) {
    process.stderr.write(HELP);
    fail(`--port must be a number from 0 to 65535, got "${text}".`, 2);
  }
  return Number(text);
}

async function main(): Promise<void> {
  let values: { port?: string; host?: string; library?: string; model?: string; help?: boolean };
  try {
    ({ values } = parseArgs({
      options: {
        port: { type: 'string' },
        host: { type: 'string' },
        library: { type: 'string' },
        model: { type: 'string' },
        help: { type: 'boolean', short: 'h' },
      },
      strict: true,
      allowPositionals: false,
    }));
  } catch (error) {
    process.stderr.write(HELP);
    fail((error as Error).message, 2);
  }
  if (values.help) {
    process.stdout.write(HELP);
    return;
  }
  const port = parsePort(values.port ?? process.env.PORT ?? String(DEFAULT_PORT));
  const libraryDir = path.resolve(values.library ?? defaultLibraryDir());
  const core = await createCore({
    libraryDir,
    defaultModelDirs: values.model ? [path.resolve(values.model)] : shippedModelDirs(),
  }).catch((error: unknown) => fail(serializeError(error).message, 1));

  const server = await startServer({ core, port, host: values.host ?? DEFAULT_HOST }).catch(
    async (error: unknown) => {
      await core.close();
      const code = (error as NodeJS.ErrnoException).code;
      if (code === 'EADDRINUSE') {
        fail(
          `Port ${port} is already in use: is Inspection Desk already running (open http://${DEFAULT_HOST}:${port})? Otherwise choose another port with --port N, or --port 0 for any free one.`,
          1,
        );
      }
      if (code === 'EACCES')
        fail(`Not allowed to listen on port ${port}; choose one above 1024.`, 1);
      fail(serializeError(error).message, 1);
    },
  );

  process.stdout.write(`Inspection Desk is running at ${server.url}\n`);
  void core.preloadActiveModel();
  process.stdout.write(`Library: ${libraryDir}\nPress Ctrl+C to stop.\n`);

  let stopping = false;
  const stop = (signal: NodeJS.Signals) => {
    if (stopping) {
      // A second Ctrl+C means "now": the library is SQLite in WAL mode, safe to cut.
      process.exit(130);
    }
    stopping = true;
    process.stderr.write(
      `\n${signal}: stopping (running jobs are cancelled; re-run them to resume)...\n`,
    );
    server
      .close()
      .then(() => core.close())
      .then(
        () => process.exit(0),
        (error: unknown) => fail(serializeError(error).message, 1),
      );
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}

await main();
