/**
 * Guards for every web contents the app ever creates (the window, a frame, anything a
 * bug or a compromised page manages to open), installed once through
 * `web-contents-created` rather than on the main window only: no navigation or redirect
 * off `app://desk`, no webviews, no new windows. Links leave the app only through
 * `openExternalIfAllowed`, to the user's browser, and only as https.
 */
import { app, shell, type WebContents } from 'electron';
import { isAppUrl } from './app-origin.js';

/**
 * Whether `url` may be handed to the operating system: an https link without
 * credentials. Never file:, never a custom scheme (ms-msdt:, smb:, a protocol handler
 * that runs a program), never plain http.
 */
export function isAllowedExternalLink(url: string): boolean {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return false;
  }
  return (
    parsed.protocol === 'https:' &&
    parsed.hostname !== '' &&
    parsed.username === '' &&
    parsed.password === ''
  );
}

/** Opens an allowed link in the user's browser; returns whether it did. */
export function openExternalIfAllowed(url: string): boolean {
  if (!isAllowedExternalLink(url)) return false;
  void shell.openExternal(url);
  return true;
}

/** The guards themselves, for one web contents. */
export function hardenWebContents(contents: WebContents): void {
  contents.on('will-navigate', (event, url) => {
    if (isAppUrl(url)) return;
    event.preventDefault();
    openExternalIfAllowed(url);
  });
  // Also fired for subframes, which will-navigate does not see.
  contents.on('will-frame-navigate', (details) => {
    if (!isAppUrl(details.url)) details.preventDefault();
  });
  contents.on('will-redirect', (event, url) => {
    if (!isAppUrl(url)) event.preventDefault();
  });
  contents.on('will-attach-webview', (event) => event.preventDefault());
  contents.setWindowOpenHandler(({ url }) => {
    openExternalIfAllowed(url);
    return { action: 'deny' };
  });
}

/** Applies `hardenWebContents` to every web contents from now on. Call before any window. */
export function guardEveryWebContents(): void {
  app.on('web-contents-created', (_event, contents) => hardenWebContents(contents));
}
