/**
 * Child process of desktop-abi.test.ts, run under one runtime (`node --import tsx`):
 * opens a library through the real core and reports which better-sqlite3 binary this
 * process actually mapped.
 *
 *   open-library.ts LIBRARY_DIR desktop        the desktop shell's choice (desktopNativeBinding)
 *   open-library.ts LIBRARY_DIR default        the CLI's and server's (node_modules' build)
 *   open-library.ts LIBRARY_DIR force FILE     a given binary (to prove a wrong one is refused)
 *
 * With SET_REVIEWER=name in the environment it also saves that reviewer in the library's
 * settings, so the other runtime can show it read the same file.
 *
 * Prints one JSON line: { abi, nativeBinding, loaded, summary, settings } or { abi, error }.
 */
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { createCore } from '../../electron/core/app.js';
import { serializeError } from '../../electron/core/errors.js';
import { desktopNativeBinding, NATIVE_BINDING_FILE } from '../../electron/main/locations.js';

const repoRoot = fileURLToPath(new URL('../..', import.meta.url));

/** The better_sqlite3.node files the dynamic loader mapped into this process. */
function loadedBindings(): string[] {
  const report = process.report.getReport() as { sharedObjects?: string[] };
  return (report.sharedObjects ?? []).filter((file) => path.basename(file) === NATIVE_BINDING_FILE);
}

async function main(): Promise<void> {
  const [libraryDir, mode, forced] = process.argv.slice(2);
  if (!libraryDir || !mode)
    throw new Error('usage: open-library.ts LIBRARY_DIR desktop|default|force FILE');
  const nativeBinding =
    mode === 'desktop'
      ? desktopNativeBinding({ appPath: repoRoot, isPackaged: false, resourcesPath: '' })
      : mode === 'force'
        ? forced
        : undefined;
  const abi = process.versions.modules;
  try {
    const core = await createCore({ libraryDir, ...(nativeBinding ? { nativeBinding } : {}) });
    const reviewer = process.env.SET_REVIEWER;
    if (reviewer) await core.invoke('settings.set', { reviewer });
    const summary = await core.invoke('library.summary', {});
    const settings = await core.invoke('settings.get', {});
    await core.close();
    const loaded = loadedBindings();
    console.log(
      JSON.stringify({ abi, nativeBinding: nativeBinding ?? null, loaded, summary, settings }),
    );
  } catch (error) {
    console.log(JSON.stringify({ abi, error: serializeError(error), loaded: loadedBindings() }));
  }
}

await main();
