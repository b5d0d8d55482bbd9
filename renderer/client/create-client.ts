import type { DesktopBridge } from '../../electron/contract.js';
import { createHttpClient } from './http-transport.js';
import { createIpcClient } from './ipc-transport.js';
import type { DeskClient } from './transport.js';

declare global {
  interface Window {
    /** Exposed by the Electron preload; absent in a plain browser. */
    inspectionDesk?: DesktopBridge;
  }
}

/** Chooses the transport once, at start-up: IPC inside Electron, HTTP in a browser. */
export function createClient(): DeskClient {
  const bridge = window.inspectionDesk;
  return bridge ? createIpcClient(bridge) : createHttpClient();
}
