/**
 * The real CLI (bin/inspection-desk.mjs) in a child process on a library folder, as an
 * inspector or a script runs it: its exit code, signal, stdout and stderr.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';

const BIN = path.resolve('bin/inspection-desk.mjs');

export interface CliRun {
  code: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
}

export interface CliRunOptions {
  /** Added to this process's environment (INSPECTION_DESK_LANGUAGE, say). */
  env?: NodeJS.ProcessEnv;
  /** Called with the child and its stderr so far on every stderr chunk (to send Ctrl-C). */
  onStderr?: (child: ChildProcess, stderr: string) => void;
}

/** Runs from the library's parent folder, with colour off so the output is plain text. */
export function runCli(
  library: string,
  args: string[],
  options: CliRunOptions = {},
): Promise<CliRun> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [BIN, '--library', library, ...args], {
      cwd: path.dirname(library),
      env: { ...process.env, NO_COLOR: '1', ...options.env },
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => {
      stderr += chunk.toString();
      options.onStderr?.(child, stderr);
    });
    child.on('error', reject);
    child.on('close', (code, signal) => resolve({ code, signal, stdout, stderr }));
  });
}
