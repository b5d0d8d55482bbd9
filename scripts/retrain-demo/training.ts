/**
 * Runs the real `models/training/train.py` with Debian's Python, streaming its output.
 */
import { spawn, spawnSync } from 'node:child_process';
import path from 'node:path';
import { createInterface } from 'node:readline';
import { DemoError } from './errors.js';
import { REPO_ROOT } from './options.js';

/** Debian's Python: a pyenv or virtualenv `python3` first on the PATH would not see its torch. */
export const PYTHON = '/usr/bin/python3';
export const TRAIN_SCRIPT = path.join(REPO_ROOT, 'models', 'training', 'train.py');
const PREFIX = '  train.py | ';

/** Fails with the install command when PyTorch, torchvision or onnx cannot be imported. */
export function checkTrainingPython(): void {
  const probe = spawnSync(PYTHON, ['-c', 'import torch, torchvision, onnx'], {
    encoding: 'utf8',
  });
  if (probe.status === 0) return;
  const why = probe.error
    ? `${PYTHON} cannot be run (${probe.error.message})`
    : `${PYTHON} cannot import torch, torchvision and onnx:\n${probe.stderr.trim().split('\n').slice(-1)[0] ?? ''}`;
  throw new DemoError(
    `${why}\nTraining needs them (from Debian, no PyPI). Install them with:\n` +
      '  sudo apt-get install -y python3-torch python3-torchvision python3-onnx\n' +
      'then run the demo again. See models/training/README.md.',
  );
}

/** Runs train.py with these arguments; resolves when it succeeded, else throws its exit code. */
export async function runTrainPy(args: string[]): Promise<void> {
  console.log(
    `  $ ${[PYTHON, path.relative(REPO_ROOT, TRAIN_SCRIPT), ...args].map(quote).join(' ')}`,
  );
  const child = spawn(PYTHON, [TRAIN_SCRIPT, ...args], {
    cwd: REPO_ROOT,
    env: { ...process.env, PYTHONUNBUFFERED: '1' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const streams = [child.stdout, child.stderr].map(
    (stream) =>
      new Promise<void>((resolve) => {
        const lines = createInterface({ input: stream });
        lines.on('line', (line) => console.log(`${PREFIX}${line}`));
        lines.on('close', resolve);
      }),
  );
  const exit = await new Promise<{ code: number | null; signal: NodeJS.Signals | null }>(
    (resolve, reject) => {
      child.on('error', reject);
      child.on('close', (code, signal) => resolve({ code, signal }));
    },
  );
  await Promise.all(streams);
  if (exit.code === 0) return;
  const how = exit.signal ? `was stopped by ${exit.signal}` : `exited with code ${exit.code}`;
  throw new DemoError(
    `train.py ${how}; its output above says why. Nothing was registered; the library and the export are kept.`,
    exit.code ?? 1,
  );
}

function quote(arg: string): string {
  return /^[\w@%+=:,./-]+$/.test(arg) ? arg : `'${arg.replace(/'/g, `'\\''`)}'`;
}
