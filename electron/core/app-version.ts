/**
 * The application version from package.json. Imported as JSON (not read from a path
 * relative to this file) so it stays right inside the Electron bundle too.
 */
import packageJson from '../../package.json' with { type: 'json' };

export function appVersion(): string {
  return packageJson.version;
}
