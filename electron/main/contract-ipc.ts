/**
 * The whole contract over IPC, bound generically: one handler answers every method with
 * an `InvokeReply`, and every core event goes to the window on one channel. There is no
 * per-method code here; the core validates arguments and names.
 */
import { ipcMain, type WebContents } from 'electron';
import {
  IPC_EVENT_CHANNEL,
  IPC_INVOKE_CHANNEL,
  eventNames,
  type InvokeReply,
} from '../contract.js';
import type { Core } from '../core/app.js';
import { CoreError, serializeError } from '../core/errors.js';
import type { EventBus } from '../core/events.js';
import { isAppUrl } from './app-origin.js';

/** What the sender check reads of an IPC event's frame. */
export interface SenderFrameInfo {
  url: string;
  parent: unknown;
}

/**
 * Whether an IPC message comes from our own page's main frame. Anything else (a subframe,
 * even one on our origin; a frame that somehow navigated elsewhere; a destroyed frame)
 * is refused before reaching the core, as VS Code's validateEvent does.
 */
export function isTrustedSender(event: {
  senderFrame: SenderFrameInfo | null | undefined;
}): boolean {
  const frame = event.senderFrame;
  return !!frame && frame.parent === null && isAppUrl(frame.url);
}

/** Throws when `event` is not from our page; used by every desktop handler. */
export function assertTrustedSender(event: {
  senderFrame: SenderFrameInfo | null | undefined;
}): void {
  if (!isTrustedSender(event)) {
    throw new Error(`Refused an IPC call from ${event.senderFrame?.url ?? 'an unknown frame'}.`);
  }
}

/**
 * Runs one contract call and turns the outcome into a value: Electron would otherwise
 * reduce a thrown CoreError to a bare message and lose its code and details.
 */
export async function replyToInvoke(
  core: Pick<Core, 'invokeUnknown'>,
  method: unknown,
  args: unknown,
): Promise<InvokeReply> {
  try {
    if (typeof method !== 'string') {
      throw new CoreError('UNKNOWN_METHOD', { key: 'main.methodNotString' });
    }
    return { ok: true, result: await core.invokeUnknown(method, args) };
  } catch (error) {
    const serialized = serializeError(error);
    // A CoreError is the user's to act on; anything else is a bug worth a log line.
    if (serialized.code === 'INTERNAL') console.error(`${String(method)} failed:`, error);
    return { ok: false, error: serialized };
  }
}

/** Registers the one contract handler; returns the function that removes it. */
export function bindContractIpc(core: Pick<Core, 'invokeUnknown'>): () => void {
  ipcMain.handle(IPC_INVOKE_CHANNEL, (event, method: unknown, args: unknown) => {
    assertTrustedSender(event);
    return replyToInvoke(core, method, args);
  });
  return () => ipcMain.removeHandler(IPC_INVOKE_CHANNEL);
}

/** Sends every contract event to `contents` until the returned function is called. */
export function forwardCoreEvents(
  events: EventBus,
  contents: Pick<WebContents, 'send' | 'isDestroyed'>,
): () => void {
  const unsubscribers = eventNames.map((name) =>
    events.on(name, (payload) => {
      if (!contents.isDestroyed()) contents.send(IPC_EVENT_CHANNEL, name, payload);
    }),
  );
  return () => {
    for (const unsubscribe of unsubscribers) unsubscribe();
  };
}
