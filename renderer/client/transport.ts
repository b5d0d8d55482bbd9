import type { ContractClient, DesktopExtras } from '../../electron/contract.js';

/** Which way the renderer reaches the core. */
export type TransportKind = 'ipc' | 'http';

/** Whether live events currently arrive (the SSE stream can drop when the server stops). */
export type ConnectionState = 'connected' | 'reconnecting';

/** The client every screen uses: the typed contract plus what only the desktop can do. */
export interface DeskClient extends ContractClient {
  readonly transport: TransportKind;
  /** Native dialogs, removable drives and the file manager; null in a browser. */
  readonly desktop: DesktopExtras | null;
  /** Subscribes to connection changes of the event stream; returns the unsubscribe function. */
  onConnection(listener: (state: ConnectionState) => void): () => void;
}
