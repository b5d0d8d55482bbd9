import type { ContractClient, DesktopExtras } from '../../electron/contract.js';

/** Which way the renderer reaches the core. */
export type TransportKind = 'ipc' | 'http';

/** Whether live events currently arrive (the SSE stream can drop when the server stops). */
export type ConnectionState = 'connected' | 'reconnecting';

/**
 * What the desktop app's menu asks the window to show. The Electron shell sends these as
 * a `menu.command` event over the bridge (not a contract event: only the desktop has a menu).
 */
export type MenuCommand = 'import' | 'export' | 'shortcuts';
export const MENU_COMMAND_EVENT = 'menu.command';

/** The client every screen uses: the typed contract plus what only the desktop can do. */
export interface DeskClient extends ContractClient {
  readonly transport: TransportKind;
  /** Native dialogs, removable drives and the file manager; null in a browser. */
  readonly desktop: DesktopExtras | null;
  /** Subscribes to connection changes of the event stream; returns the unsubscribe function. */
  onConnection(listener: (state: ConnectionState) => void): () => void;
  /** Subscribes to the desktop menu's commands (never called in a browser). */
  onMenuCommand(listener: (command: MenuCommand) => void): () => void;
}
