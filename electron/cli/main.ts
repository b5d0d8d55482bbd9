/**
 * Entry point of `inspection-desk` (bin/inspection-desk.mjs) and `npm run cli`.
 * `--version` is answered before the runner is loaded: the runner pulls in the core and
 * with it sharp, exifr and SQLite's native modules, most of a command's start-up time.
 * (In the esbuild bundle the runner is a separate chunk, loaded only here.)
 */
import { appVersion } from '../core/app-version.js';

const argv = process.argv.slice(2);
if (argv.length === 1 && argv[0] === '--version') {
  process.stdout.write(`${appVersion()}\n`);
} else {
  const [{ runCli }, { processTerminal }] = await Promise.all([
    import('./run.js'),
    import('./terminal.js'),
  ]);
  process.exitCode = await runCli(argv, processTerminal());
}
