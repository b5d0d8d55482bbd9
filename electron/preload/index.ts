/**
 * The preload: exposes `window.inspectionDesk` (the contract's `DesktopBridge`) and
 * nothing else. The page never sees `ipcRenderer` or an IPC event object; it may call
 * contract methods by name, listen to events by name, and use the desktop extras.
 *
 * It runs sandboxed, where `require` knows only a few modules: it is bundled to one CJS
 * file that requires 'electron' and nothing more, and imports only types from the
 * contract (whose values would drag zod in).
 */
import { contextBridge, ipcRenderer, type IpcRendererEvent } from 'electron';
import type {
  DesktopBridge,
  InvokeReply,
  IPC_EVENT_CHANNEL,
  IPC_INVOKE_CHANNEL,
} from '../contract.js';
import { DESKTOP_CHANNELS, REPORT_PDF_CHANNEL } from '../shared/desktop-channels.js';

// Checked against the contract by the type checker; no runtime import needed.
const INVOKE_CHANNEL: typeof IPC_INVOKE_CHANNEL = 'desk:invoke';
const EVENT_CHANNEL: typeof IPC_EVENT_CHANNEL = 'desk:event';

/** `domain.verb`, like every contract method and event name. */
const NAME_PATTERN = /^[a-z]+\.[a-zA-Z]+$/;

type Listener = (payload: unknown) => void;

/** One IPC subscription for all listeners: no per-listener IPC wiring, no listener leak warnings. */
const listeners = new Map<string, Set<Listener>>();

function dispatch(_event: IpcRendererEvent, name: unknown, payload: unknown): void {
  if (typeof name !== 'string') return;
  for (const listener of [...(listeners.get(name) ?? [])]) {
    try {
      listener(payload);
    } catch (error) {
      // One failing screen must not keep the event from the others.
      console.error(`A listener of ${name} failed:`, error);
    }
  }
}

function refuse(message: string): Promise<InvokeReply> {
  return Promise.resolve({ ok: false, error: { code: 'UNKNOWN_METHOD', message } });
}

const bridge = {
  invoke(method: string, args: unknown): Promise<InvokeReply> {
    if (typeof method !== 'string' || !NAME_PATTERN.test(method)) {
      return refuse(`"${String(method)}" is not a method name (expected e.g. "library.list").`);
    }
    return ipcRenderer.invoke(INVOKE_CHANNEL, method, args) as Promise<InvokeReply>;
  },
  on(event: string, listener: Listener): () => void {
    if (typeof event !== 'string' || !NAME_PATTERN.test(event)) {
      throw new TypeError(
        `"${String(event)}" is not an event name (expected e.g. "job.progress").`,
      );
    }
    if (typeof listener !== 'function') throw new TypeError('on() needs a listener function.');
    if (listeners.size === 0) ipcRenderer.on(EVENT_CHANNEL, dispatch);
    const set = listeners.get(event) ?? new Set<Listener>();
    set.add(listener);
    listeners.set(event, set);
    let subscribed = true;
    return () => {
      if (!subscribed) return;
      subscribed = false;
      set.delete(listener);
      if (set.size === 0) listeners.delete(event);
      if (listeners.size === 0) ipcRenderer.removeListener(EVENT_CHANNEL, dispatch);
    };
  },
  pickFolder(purpose) {
    return ipcRenderer.invoke(DESKTOP_CHANNELS.pickFolder, purpose) as Promise<string | null>;
  },
  removableDrives() {
    return ipcRenderer.invoke(DESKTOP_CHANNELS.removableDrives) as Promise<
      { path: string; label: string }[]
    >;
  },
  async openFolder(path) {
    await ipcRenderer.invoke(DESKTOP_CHANNELS.openFolder, path);
  },
  saveReportPdf(request) {
    return ipcRenderer.invoke(REPORT_PDF_CHANNEL, request) as Promise<string | null>;
  },
} satisfies DesktopBridge;

contextBridge.exposeInMainWorld('inspectionDesk', bridge);
