/**
 * What every domain's handlers receive: the open library, the event bus, the job
 * registry and the injectable clock. Domains keep their own services (model sessions,
 * prepared statements) keyed on this object.
 */
import type { MethodName, Args, Result } from '../contract.js';
import type { Db, LibraryPaths } from './library/database.js';
import type { EventBus } from './events.js';
import type { JobRegistry } from './jobs/registry.js';
import type { IngestDeps } from './ingest/run-import.js';

export interface CoreOptions {
  /** Library folder; created when missing. */
  libraryDir: string;
  /**
   * Model folders registered on first open (the shipped default model). The first one
   * becomes active when the library has no active model.
   */
  defaultModelDirs?: string[];
  /** Reviewer recorded on decisions when the caller gives none and settings have none. */
  defaultReviewer?: string;
  /** Injectable for tests. */
  clock?: () => Date;
  /**
   * better-sqlite3's compiled module for this runtime (the desktop app's Electron build);
   * node_modules' own build, made for Node, when absent. See openDatabase.
   */
  nativeBinding?: string;
  /**
   * The hub's SQL migrations (`hub/migrations`); found from the checkout when absent. The
   * packaged desktop app gives `resources/hub/migrations`.
   */
  hubMigrationsDir?: string;
  /** Where the core reports what it recovered from (default: console.warn). */
  logger?: CoreLogger;
  /**
   * Test-only: replaces import side effects (tests hold an import at a known file to
   * cancel or reload during it deterministically, see test/e2e/desk.ts).
   */
  ingestDeps?: Partial<IngestDeps>;
}

/**
 * Warnings the core cannot return to a caller (a model that failed to load during an
 * import, leftovers cleaned after a crash). Injected, so a shell decides where they go
 * and tests can assert on them.
 */
export interface CoreLogger {
  warn(message: string, error?: unknown): void;
}

export const consoleLogger: CoreLogger = {
  warn: (message, error) =>
    error === undefined ? console.warn(message) : console.warn(message, error),
};

export interface CoreContext {
  readonly db: Db;
  readonly paths: LibraryPaths;
  readonly events: EventBus;
  readonly jobs: JobRegistry;
  readonly options: CoreOptions;
  readonly logger: CoreLogger;
  /** Current time; tests inject a fixed clock. */
  now(): Date;
  /** The reviewer recorded on a decision when the call names none. */
  reviewer(explicit?: string): string;
}

export type Handler<M extends MethodName> = (args: Args<M>) => Promise<Result<M>> | Result<M>;
export type HandlerMap<K extends MethodName> = { [M in K]: Handler<M> };
export type Handlers = HandlerMap<MethodName>;
