/**
 * The core: opens a library and exposes the whole contract as one `invoke`, with
 * arguments validated once here and typed errors for every failure. The Electron, HTTP
 * and CLI shells are thin adapters over this object.
 */
import os from 'node:os';
import { isMethodName, methods, type ArgsIn, type MethodName, type Result } from '../contract.js';
import type { ClassifyOutcome } from '../contract.js';
import { consoleLogger, type CoreContext, type CoreOptions, type Handlers } from './context.js';
import { CoreError } from './errors.js';
import { renderCoreMessage } from '../shared/core-messages/index.js';
import { issueMessages } from './validation-messages.js';
import { createEventBus, type EventBus } from './events.js';
import { createExportHandlers } from './export/handlers.js';
import { createImproveHandlers } from './improve/handlers.js';
import { createIngestHandlers } from './ingest/handlers.js';
import { recoverInterruptedImports } from './ingest/recover.js';
import { removeDeadPartialFolders } from './export/partial-folders.js';
import { createInspectionHandlers } from './inspections/handlers.js';
import { createJobRegistry } from './jobs/registry.js';
import { createJobHandlers } from './jobs/handlers.js';
import { openDatabase } from './library/database.js';
import { createLibraryHandlers } from './library/handlers.js';
import { createModelHandlers, installDefaultModels } from './models/handlers.js';
import { classifyImageBuffer } from './models/classify-buffer.js';
import { getActiveModel, releaseModels } from './models/registry.js';
import { createReviewHandlers } from './review/handlers.js';
import { createSettingsHandlers, readSettings } from './settings/handlers.js';
import { createStatsHandlers } from './stats/handlers.js';
import { createSyncHandlers } from './sync/handlers.js';
import type { Language } from '../shared/language.js';

export interface Core {
  readonly context: CoreContext;
  readonly events: EventBus;
  /** Validates `args` against the contract and runs the method. Throws CoreError. */
  invoke<M extends MethodName>(method: M, args?: ArgsIn<M>): Promise<Result<M>>;
  /** Untyped entry for shells that receive a method name off the wire. */
  invokeUnknown(method: string, args: unknown): Promise<unknown>;
  /** The library's language setting: the language of messages sent to its users. */
  language(): Language;
  /** Classifies one uploaded image with the active model (the REST endpoint). */
  classifyImage(bytes: Buffer): Promise<ClassifyOutcome>;
  /**
   * Opens the active model's session in the background, so the first import classifies
   * from its first photo instead of waiting for the inference thread and the session
   * (~0.1-0.4 s). Long-running shells call it once they are up; the CLI does not. A model
   * that fails to load is reported by the import or classification that needs it.
   */
  preloadActiveModel(): Promise<void>;
  close(): Promise<void>;
}

/** Merges domain handler maps, refusing two domains that claim the same method. */
function mergeHandlers(parts: Partial<Handlers>[]): Handlers {
  const merged: Partial<Record<MethodName, unknown>> = {};
  for (const part of parts) {
    for (const name of Object.keys(part) as MethodName[]) {
      if (merged[name]) throw new Error(`Two domains register the method ${name}`);
      merged[name] = part[name];
    }
  }
  const missing = (Object.keys(methods) as MethodName[]).filter((name) => !merged[name]);
  if (missing.length > 0) throw new Error(`No handler for: ${missing.join(', ')}`);
  return merged as Handlers;
}

export async function createCore(options: CoreOptions): Promise<Core> {
  const { db, paths } = openDatabase(
    options.libraryDir,
    options.nativeBinding === undefined ? {} : { nativeBinding: options.nativeBinding },
  );
  const events = createEventBus();
  const now = options.clock ?? (() => new Date());
  const jobs = createJobRegistry(events, now);
  const fallbackReviewer = options.defaultReviewer ?? safeUserName();
  const context: CoreContext = {
    db,
    paths,
    events,
    jobs,
    options,
    logger: options.logger ?? consoleLogger,
    now,
    reviewer(explicit) {
      return explicit?.trim() || readSettings(db).reviewer || fallbackReviewer;
    },
  };

  await installDefaultModels(context);
  await recoverAfterCrash(context);

  const handlers = mergeHandlers([
    createLibraryHandlers(context),
    createStatsHandlers(context),
    createIngestHandlers(context, options.ingestDeps),
    createReviewHandlers(context),
    createModelHandlers(context),
    createExportHandlers(context),
    createJobHandlers(context),
    createSettingsHandlers(context),
    createImproveHandlers(context),
    createSyncHandlers(context),
    createInspectionHandlers(context),
  ]);

  async function invokeUnknown(method: string, args: unknown): Promise<unknown> {
    if (!isMethodName(method)) {
      throw new CoreError(
        'UNKNOWN_METHOD',
        { key: 'app.unknownMethod', values: { method } },
        {
          known: Object.keys(methods),
        },
      );
    }
    const parsed = methods[method].args.safeParse(args ?? {});
    if (!parsed.success) {
      const issues = issueMessages(parsed.error, {
        root: { key: 'validation.arguments' },
        input: args ?? {},
      });
      throw new CoreError(
        'INVALID_ARGUMENT',
        {
          key: 'app.invalidArguments',
          values: { method, issues },
        },
        {
          // English, for scripts and logs; the message above reads in the user's language.
          issues: parsed.error.issues.map((issue, i) => ({
            path: issue.path.map(String),
            message: renderCoreMessage('en', issues[i]!),
          })),
        },
      );
    }
    const handler = handlers[method] as (a: unknown) => unknown;
    return handler(parsed.data);
  }

  let closed = false;
  let preloading: Promise<unknown> = Promise.resolve();
  return {
    context,
    events,
    invoke: (method, args) => invokeUnknown(method, args) as Promise<never>,
    invokeUnknown,
    language: () => (closed ? 'en' : readSettings(db).language),
    classifyImage: (bytes) => classifyImageBuffer(context, bytes),
    async preloadActiveModel() {
      if (closed) return;
      const loading = getActiveModel(context).then(
        () => undefined,
        () => undefined,
      );
      preloading = loading;
      await loading;
    },
    async close() {
      if (closed) return;
      closed = true;
      await jobs.shutdown();
      // A session still opening would otherwise be left out of the release below.
      await preloading;
      // Native onnxruntime sessions hold memory outside the JS heap: free them first.
      await releaseModels(context);
      db.close();
    },
  };
}

/**
 * Cleans what a killed import or export of any process left behind (see
 * ingest/recover.ts, export/partial-folders.ts). Never stops the library from opening.
 */
async function recoverAfterCrash(ctx: CoreContext): Promise<void> {
  try {
    const imports = await recoverInterruptedImports(ctx);
    const partials = await removeDeadPartialFolders(ctx.paths);
    if (imports.interrupted.length > 0) {
      ctx.logger.warn(
        `Import ${imports.interrupted.join(', ')} was interrupted (the app was closed or crashed); import the same card again to finish it.`,
      );
    }
    if (imports.orphansRemoved + imports.tempRemoved + partials.length > 0) {
      ctx.logger.warn(
        `Cleaned up after an interrupted run: ${imports.tempRemoved} temp folder(s), ${imports.orphansRemoved} uncommitted photo file(s), ${partials.length} partial export folder(s).`,
      );
    }
  } catch (error) {
    ctx.logger.warn(
      'Clean-up after an interrupted run failed; it is retried at the next start:',
      error,
    );
  }
}

function safeUserName(): string {
  try {
    return os.userInfo().username || 'inspector';
  } catch {
    return 'inspector';
  }
}
