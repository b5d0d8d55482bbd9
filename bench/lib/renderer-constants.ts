/**
 * Constants of the renderer the benchmark must match (the grid's page size), read from
 * the renderer's own module at run time so the bench asks what the UI asks.
 */
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { REPO_ROOT } from './paths.js';

const FALLBACK_PAGE_SIZE = 200;

/** Rows per `library.list` call of the review grid. */
export async function gridPageSize(): Promise<number> {
  const file = path.join(REPO_ROOT, 'renderer/state/image-pages.ts');
  try {
    // A computed specifier: the renderer is typed for the browser, not for this program.
    const module = (await import(pathToFileURL(file).href)) as { PAGE_SIZE?: unknown };
    if (typeof module.PAGE_SIZE === 'number' && module.PAGE_SIZE > 0) return module.PAGE_SIZE;
  } catch {
    // Renderer missing or mid-edit: use the contract's default page size.
  }
  return FALLBACK_PAGE_SIZE;
}
