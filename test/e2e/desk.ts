/**
 * The e2e fixture: every test gets its own Inspection Desk — a fresh library folder, the
 * torch-style fixture model, a generated SD card and the real HTTP server on a free port
 * serving the built renderer — plus helpers to prepare data through the core and to save
 * the per-screen screenshots an engineer looks at.
 */
import { test as base, expect, type Page } from '@playwright/test';
import { existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { ImportSummary } from '../../electron/contract.js';
import { createCore } from '../../electron/core/app.js';
import { defaultIngestDeps } from '../../electron/core/ingest/run-import.js';
import {
  defaultRendererDir,
  startServer,
  type RunningServer,
} from '../../electron/server/server.js';
import { makeSdCard, type SdCardDescription, type SdCardOptions } from '../fixtures/sd-card.js';

export const TORCH_MODEL = path.resolve('test/fixtures/models/torch-style');
export const KERAS_MODEL = path.resolve('test/fixtures/models/keras-style');
export const SCREENS_DIR = path.resolve('test-results/screens');

export interface Desk {
  server: RunningServer;
  url: string;
  /** Temporary folder for this test (library, card, exports live under it). */
  root: string;
  libraryDir: string;
  /** Writes an SD card under `root` and describes what an import must find. */
  makeCard(options?: SdCardOptions): Promise<SdCardDescription>;
  /** Imports a card through the core (for tests that start after the import). */
  importCard(options?: SdCardOptions): Promise<{ card: SdCardDescription; summary: ImportSummary }>;
  /** Saves `test-results/screens/<name>.png` (the screenshots kept as artifacts). */
  screen(page: Page, name: string): Promise<void>;
  /**
   * Holds the next import after `files` more card files are read: the import stays
   * running, at a known count, until `release()` (how tests cancel or reload during an
   * import without racing it on a busy machine). `reached` resolves once it waits there.
   */
  holdImport(files: number): ImportHold;
}

export interface ImportHold {
  reached: Promise<void>;
  release(): void;
}

/** The gate every card read of the test's core passes (open unless a test holds it). */
function createImportGate() {
  let allowed = Infinity;
  let passed = 0;
  let waiters: (() => void)[] = [];
  let onReached: (() => void) | null = null;
  return {
    async pass(): Promise<void> {
      if (passed >= allowed) {
        onReached?.();
        await new Promise<void>((resolve) => waiters.push(resolve));
      }
      passed += 1;
    },
    /** Lets every held read go (at teardown, so the core can close). */
    open(): void {
      allowed = Infinity;
      for (const resolve of waiters.splice(0)) resolve();
    },
    hold(files: number): ImportHold {
      allowed = passed + files;
      const reached = new Promise<void>((resolve) => {
        onReached = resolve;
      });
      return {
        reached,
        release() {
          allowed = Infinity;
          const waiting = waiters;
          waiters = [];
          for (const resolve of waiting) resolve();
        },
      };
    },
  };
}

export const test = base.extend<{ desk: Desk; pageErrors: void }>({
  // Any uncaught error in the page fails the test, whatever it was checking.
  pageErrors: [
    async ({ page }, use) => {
      const errors: string[] = [];
      page.on('pageerror', (error) => errors.push(error.message));
      await use();
      expect(errors).toEqual([]);
    },
    { auto: true },
  ],
  desk: async ({ page }, use, testInfo) => {
    if (!existsSync(path.join(defaultRendererDir(), 'index.html'))) {
      throw new Error(
        'The renderer is not built: run `npm run build:renderer` (npm run test:e2e does).',
      );
    }
    const root = mkdtempSync(path.join(os.tmpdir(), 'desk-e2e-'));
    const libraryDir = path.join(root, 'library');
    const logged: string[] = [];
    const gate = createImportGate();
    const started = await startDesk(libraryDir, logged, gate.pass).catch((error: unknown) => {
      rmSync(root, { recursive: true, force: true });
      throw error;
    });
    const { core, server } = started;
    let cards = 0;
    const desk: Desk = {
      server,
      url: server.url,
      root,
      libraryDir,
      makeCard(options) {
        cards += 1;
        return makeSdCard(path.join(root, `sd-card-${cards}`), options);
      },
      async importCard(options) {
        const card = await desk.makeCard(options);
        const { jobId } = await server.core.invoke('ingest.start', { source: card.root });
        const job = await server.core.invoke('jobs.wait', { jobId, timeoutMs: 90_000 });
        expect(job.status, JSON.stringify(job.error)).toBe('done');
        return { card, summary: job.result as ImportSummary };
      },
      async screen(page, name) {
        mkdirSync(SCREENS_DIR, { recursive: true });
        const file = path.join(SCREENS_DIR, `${name}.png`);
        await page.screenshot({ path: file });
        await testInfo.attach(name, { path: file, contentType: 'image/png' });
      },
      holdImport: (files) => gate.hold(files),
    };
    try {
      await use(desk);
    } finally {
      // The page first: an EventSource reconnecting while the server closes would keep
      // an event stream open that server.close() waits on.
      await page.goto('about:blank');
      gate.open();
      // Named deadlines: a hang on close fails with what hung, not a bare teardown timeout.
      try {
        await withDeadline(server.close(), 20_000, 'server.close()');
        await withDeadline(core.close(), 20_000, 'core.close()');
      } finally {
        rmSync(root, { recursive: true, force: true });
      }
    }
    // A logged failure is a server fault (a 500): the UI must never cause one.
    expect(logged.filter((line) => line.includes(' failed: '))).toEqual([]);
  },
});

export { expect };

/** Opens the library and serves it; closes the library again if the server cannot start. */
async function startDesk(
  libraryDir: string,
  logged: string[],
  beforeRead: () => Promise<void>,
): Promise<{ core: Awaited<ReturnType<typeof createCore>>; server: RunningServer }> {
  const defaults = defaultIngestDeps();
  const core = await createCore({
    libraryDir,
    defaultModelDirs: [TORCH_MODEL],
    ingestDeps: {
      // Every argument passed on: the reader's own checks (the first bytes) still run.
      readSource: async (absPath, inspect) => {
        await beforeRead();
        return defaults.readSource(absPath, inspect);
      },
    },
  });
  try {
    return { core, server: await startServer({ core, port: 0, log: (line) => logged.push(line) }) };
  } catch (error) {
    await core.close();
    throw error;
  }
}

async function withDeadline(work: Promise<void>, ms: number, what: string): Promise<void> {
  let timer: NodeJS.Timeout | undefined;
  const deadline = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`${what} did not finish within ${ms} ms`)), ms);
  });
  try {
    await Promise.race([work, deadline]);
  } finally {
    clearTimeout(timer);
  }
}

/** Opens the app on a screen and waits until it is there. */
export async function openScreen(page: Page, desk: Desk, screen: string): Promise<void> {
  await page.goto(`${desk.url}/#/${screen}`);
  await expect(page.getByTestId(`screen-${screen}`)).toBeVisible();
}

/** Sets the reviewer and language through the core before the page loads. */
export async function setSettings(
  desk: Desk,
  settings: { reviewer?: string; language?: 'pt-BR' | 'en' },
): Promise<void> {
  await desk.server.core.invoke('settings.set', settings);
}
