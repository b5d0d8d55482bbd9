/** The application version, from package.json, for `/api/health` and `--version`. */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

let cached: string | undefined;

export function appVersion(): string {
  if (cached === undefined) {
    const file = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../package.json');
    try {
      cached = (JSON.parse(readFileSync(file, 'utf8')) as { version?: string }).version ?? '0.0.0';
    } catch {
      cached = '0.0.0';
    }
  }
  return cached;
}
