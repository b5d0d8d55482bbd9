/**
 * The browser transport: `POST /api/rpc/<method>` with JSON arguments, answered by
 * `{result}` or `{error}`, and the contract's events over Server-Sent Events at
 * `GET /api/events`.
 */
import {
  eventNames,
  type ArgsIn,
  type EventName,
  type Events,
  type MethodName,
  type Result,
} from '../../electron/contract.js';
import { ContractError, isSerializedError } from './contract-error.js';
import { ListenerSet } from './listeners.js';
import { failedStatus, serverUnreachable, unreadableAnswer } from './transport-errors.js';
import type { ConnectionState, DeskClient } from './transport.js';

export interface HttpTransportOptions {
  /** Origin of the server; defaults to the page's own origin. */
  baseUrl?: string;
}

export function createHttpClient(options: HttpTransportOptions = {}): DeskClient {
  const base = options.baseUrl ?? window.location.origin;
  const listeners = new Map<EventName, ListenerSet<unknown>>();
  const connection = new ListenerSet<ConnectionState>();
  let source: EventSource | null = null;
  let everConnected = false;
  let state: ConnectionState = 'reconnecting';

  function setState(next: ConnectionState): void {
    if (next === state) return;
    state = next;
    connection.emit(next);
  }

  function openStream(): void {
    if (source) return;
    source = new EventSource(new URL('/api/events', base));
    source.onopen = () => {
      setState('connected');
      // Events sent while the stream was down are lost: tell every view to reload.
      if (everConnected) {
        listeners.get('library.changed')?.emit({ imageIds: [], reason: 'import' });
      }
      everConnected = true;
    };
    source.onerror = () => {
      // EventSource reconnects on its own; we only reflect the state.
      setState('reconnecting');
    };
    for (const name of eventNames) {
      source.addEventListener(name, (event: MessageEvent<string>) => {
        let payload: unknown;
        try {
          payload = JSON.parse(event.data);
        } catch {
          console.error(`Unreadable ${name} event`, event.data);
          return;
        }
        listeners.get(name)?.emit(payload);
      });
    }
  }

  async function invoke<M extends MethodName>(method: M, args?: ArgsIn<M>): Promise<Result<M>> {
    let response: Response;
    try {
      response = await fetch(new URL(`/api/rpc/${method}`, base), {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(args ?? {}),
      });
    } catch (error) {
      throw serverUnreachable(error);
    }
    let body: unknown;
    try {
      body = await response.json();
    } catch {
      throw unreadableAnswer(method, response.status);
    }
    const envelope = body as { result?: unknown; error?: unknown };
    if (envelope.error !== undefined) {
      if (isSerializedError(envelope.error)) throw new ContractError(envelope.error);
      throw new ContractError({ code: 'INTERNAL', message: JSON.stringify(envelope.error) });
    }
    if (!response.ok) {
      throw failedStatus(method, response.status);
    }
    return envelope.result as Result<M>;
  }

  openStream();

  return {
    transport: 'http',
    desktop: null,
    invoke,
    on<E extends EventName>(event: E, listener: (payload: Events[E]) => void): () => void {
      let set = listeners.get(event);
      if (!set) {
        set = new ListenerSet<unknown>();
        listeners.set(event, set);
      }
      return set.add(listener as (payload: unknown) => void);
    },
    onConnection(listener) {
      listener(state);
      return connection.add(listener);
    },
    onMenuCommand() {
      // A browser has no application menu.
      return () => {};
    },
  };
}
