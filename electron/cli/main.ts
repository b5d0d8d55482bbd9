/** Entry point of `inspection-desk` (bin/inspection-desk.mjs) and `npm run cli`. */
import { runCli } from './run.js';
import { processTerminal } from './terminal.js';

process.exitCode = await runCli(process.argv.slice(2), processTerminal());
