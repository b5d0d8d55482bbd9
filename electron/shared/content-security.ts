/**
 * The one Content-Security-Policy and set of security headers for every page and photo
 * Inspection Desk serves: by the HTTP server (browser) and by the desktop's app://
 * protocol (Electron). Both serve the same renderer, so they must allow the same things;
 * two copies had already drifted apart. Runtime-neutral: strings only.
 */

/** The page may load only its own scripts, styles, images and API; nothing foreign. */
export const CONTENT_SECURITY_POLICY = [
  "default-src 'self'",
  "img-src 'self' data: blob:",
  "style-src 'self' 'unsafe-inline'",
  "script-src 'self'",
  "connect-src 'self'",
  "object-src 'none'",
  "base-uri 'self'",
  // Every form is handled by script (submit is prevented); none may navigate anywhere.
  "form-action 'none'",
  "frame-ancestors 'none'",
].join('; ');

/** Sent with every response, by both shells. */
export const SECURITY_HEADERS: Readonly<Record<string, string>> = {
  'Content-Security-Policy': CONTENT_SECURITY_POLICY,
  'X-Content-Type-Options': 'nosniff',
  'X-Frame-Options': 'DENY',
  'Referrer-Policy': 'no-referrer',
  // Photos and API answers may not be embedded by other sites.
  'Cross-Origin-Resource-Policy': 'same-origin',
};
