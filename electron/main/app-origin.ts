/**
 * The window's one origin, `app://desk`: the renderer and the library's photos are
 * served from it, so no `file://` URL ever reaches the page and `'self'` in the CSP
 * means exactly our own content.
 */

export const APP_SCHEME = 'app';
export const APP_HOST = 'desk';
export const APP_ORIGIN = `${APP_SCHEME}://${APP_HOST}`;
/** What the window loads. */
export const APP_ENTRY_URL = `${APP_ORIGIN}/index.html`;

/**
 * Whether a URL belongs to our page. Compares scheme and host, because Node's URL gives
 * custom schemes the opaque origin "null", which would match any other custom scheme.
 */
export function isAppUrl(url: string | null | undefined): boolean {
  if (!url) return false;
  try {
    const parsed = new URL(url);
    return parsed.protocol === `${APP_SCHEME}:` && parsed.host === APP_HOST;
  } catch {
    return false;
  }
}
