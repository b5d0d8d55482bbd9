/**
 * Child processes of the benchmark. Every measured run gets a fresh process (clean RSS,
 * cold caches of the app's own, the same state for both sides of a ratio), started
 * with tsx like `npm run serve` starts the server, and driven by request/reply messages
 * over the IPC channel.
 */
import { fork, type ChildProcess } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { PROFILES_DIR, REPO_ROOT } from './paths.js';

/** Request name -> [arguments, result] of one kind of child. */
export type Protocol = Record<string, [unknown, unknown]>;

interface RequestMessage {
  id: number;
  name: string;
  args: unknown;
}

type ReplyMessage =
  { id: number; ok: true; result: unknown } | { id: number; ok: false; error: string };

export interface ChildOptions {
  /** Extra Node flags, e.g. `--cpu-prof`. */
  execArgv?: string[];
  /**
   * Write CPU profiles of the child into bench/.work/profiles/<name>-<time>/ (one file
   * per thread: the main thread's is the one named `CPU.*.<pid>.0.*`).
   */
  profileName?: string;
  env?: NodeJS.ProcessEnv;
}

export interface Child<P extends Protocol> {
  readonly pid: number;
  request<K extends keyof P & string>(name: K, args: P[K][0]): Promise<P[K][1]>;
  /** Asks the child to exit (SIGTERM after `graceMs`), and waits for it. */
  stop(graceMs?: number): Promise<void>;
}

export function startChild<P extends Protocol>(
  script: string,
  args: string[] = [],
  options: ChildOptions = {},
): Child<P> {
  const execArgv = ['--import', 'tsx', ...(options.execArgv ?? [])];
  if (options.profileName) {
    const dir = path.join(PROFILES_DIR, `${options.profileName}-${Date.now()}`);
    mkdirSync(dir, { recursive: true });
    execArgv.push('--cpu-prof', `--cpu-prof-dir=${dir}`);
  }
  const child: ChildProcess = fork(script, args, {
    cwd: REPO_ROOT,
    execArgv,
    env: { ...process.env, ...options.env },
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  let nextId = 1;
  const pending = new Map<number, { resolve(v: unknown): void; reject(e: Error): void }>();
  let exited: Error | null = null;
  const exit = new Promise<void>((resolve) => {
    child.once('exit', (code, signal) => {
      exited = new Error(`bench child ${script} exited (code ${code}, signal ${signal})`);
      for (const p of pending.values()) p.reject(exited);
      pending.clear();
      resolve();
    });
  });
  child.on('message', (raw) => {
    const message = raw as ReplyMessage;
    const waiter = pending.get(message.id);
    if (!waiter) return;
    pending.delete(message.id);
    if (message.ok) waiter.resolve(message.result);
    else waiter.reject(new Error(message.error));
  });

  return {
    pid: child.pid ?? -1,
    request(name, requestArgs) {
      if (exited) return Promise.reject(exited);
      const id = nextId++;
      return new Promise((resolve, reject) => {
        pending.set(id, { resolve: resolve as (v: unknown) => void, reject });
        const message: RequestMessage = { id, name, args: requestArgs };
        child.send(message);
      });
    },
    async stop(graceMs = 10_000) {
      if (exited) return;
      child.send({ id: 0, name: '__exit', args: null } satisfies RequestMessage);
      const timer = setTimeout(() => child.kill('SIGTERM'), graceMs);
      await exit;
      clearTimeout(timer);
    },
  };
}

/** Handlers of a child: one per request name. */
export type Handlers<P extends Protocol> = {
  [K in keyof P]: (args: P[K][0]) => Promise<P[K][1]> | P[K][1];
};

/**
 * Child side: answers requests until the parent asks it to exit; `onExit` runs first
 * (close servers, flush profiles: --cpu-prof writes on a normal exit only).
 */
export function serveRequests<P extends Protocol>(
  handlers: Handlers<P>,
  onExit: () => Promise<void> = async () => undefined,
): void {
  if (!process.send) throw new Error('This script is a bench child: run it through npm run bench.');
  const send = (message: ReplyMessage): void => {
    process.send?.(message);
  };
  process.on('message', (raw) => {
    const message = raw as RequestMessage;
    if (message.name === '__exit') {
      void onExit().finally(() => process.exit(0));
      return;
    }
    const handler = handlers[message.name as keyof P];
    if (!handler) {
      send({ id: message.id, ok: false, error: `unknown request ${message.name}` });
      return;
    }
    Promise.resolve()
      .then(() => handler(message.args as P[keyof P][0]))
      .then(
        (result) => send({ id: message.id, ok: true, result }),
        (error: unknown) =>
          send({
            id: message.id,
            ok: false,
            error: error instanceof Error ? (error.stack ?? error.message) : String(error),
          }),
      );
  });
  process.on('disconnect', () => {
    void onExit().finally(() => process.exit(0));
  });
}
