/**
 * A local server must not be drivable by a website the inspector happens to visit:
 * - DNS rebinding: a page on evil.example whose name resolves to 127.0.0.1 sends
 *   `Host: evil.example`; only our own host names are answered.
 * - Cross-site requests: a page can POST to 127.0.0.1 without reading the answer; the
 *   browser always sends `Origin` then, and only our own origin is accepted.
 * Plus the response headers that keep the served UI from loading anything foreign.
 */
import type { IncomingMessage, OutgoingHttpHeaders } from 'node:http';
import os from 'node:os';
import { SECURITY_HEADERS as SHARED_SECURITY_HEADERS } from '../shared/content-security.js';
import type { CoreMessage } from '../shared/core-messages/index.js';

/** Applied to every response: the same headers the desktop's app:// protocol sends. */
export const SECURITY_HEADERS: OutgoingHttpHeaders = { ...SHARED_SECURITY_HEADERS };

const LOOPBACK_NAMES = ['127.0.0.1', 'localhost', '[::1]'];
const WILDCARD_HOSTS = new Set(['0.0.0.0', '::', '']);

/** Formats an address as it appears in a Host header (IPv6 in brackets). */
function hostForHeader(host: string): string {
  return host.includes(':') && !host.startsWith('[') ? `[${host}]` : host;
}

/**
 * The `host[:port]` values a request may carry. Loopback names always; the bound host
 * when it is a specific address; every local interface address when the user chose to
 * listen on all of them.
 */
export function allowedHosts(boundHost: string, port: number): Set<string> {
  const names = new Set(LOOPBACK_NAMES);
  if (WILDCARD_HOSTS.has(boundHost)) {
    for (const list of Object.values(os.networkInterfaces())) {
      for (const address of list ?? []) names.add(hostForHeader(address.address));
    }
    names.add(os.hostname().toLowerCase());
  } else {
    names.add(hostForHeader(boundHost.toLowerCase()));
  }
  const allowed = new Set<string>();
  for (const name of names) {
    allowed.add(`${name}:${port}`);
    if (port === 80) allowed.add(name);
  }
  return allowed;
}

/** Why a request is refused (a catalog message), or null when it may proceed. */
export function refusalReason(req: IncomingMessage, allowed: Set<string>): CoreMessage | null {
  const host = req.headers.host?.toLowerCase();
  if (!host || !allowed.has(host)) {
    return { key: 'transport.forbidden.host', values: { host: req.headers.host ?? '' } };
  }
  const origin = req.headers.origin;
  if (origin !== undefined && !isOwnOrigin(origin, allowed)) {
    return { key: 'transport.forbidden.origin', values: { origin } };
  }
  return null;
}

function isOwnOrigin(origin: string, allowed: Set<string>): boolean {
  let url: URL;
  try {
    url = new URL(origin);
  } catch {
    return false; // includes the literal "null" origin of sandboxed frames and file:// pages
  }
  return url.protocol === 'http:' && url.pathname === '/' && allowed.has(url.host.toLowerCase());
}
