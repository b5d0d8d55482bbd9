/**
 * The desktop transport: the preload's `window.inspectionDesk` bridge. Errors cross IPC
 * as values (`InvokeReply`) so their code and details survive.
 */
import type {
  ArgsIn,
  DesktopBridge,
  EventName,
  Events,
  MethodName,
  Result,
} from '../../electron/contract.js';
import { ContractError, isSerializedError } from './contract-error.js';
import { callFailed } from './transport-errors.js';
import { MENU_COMMAND_EVENT, type DeskClient, type MenuCommand } from './transport.js';

const menuCommands: readonly string[] = ['import', 'export', 'shortcuts'] satisfies MenuCommand[];

export function createIpcClient(bridge: DesktopBridge): DeskClient {
  return {
    transport: 'ipc',
    desktop: {
      pickFolder: (purpose) => bridge.pickFolder(purpose),
      removableDrives: () => bridge.removableDrives(),
      openFolder: (path) => bridge.openFolder(path),
      saveReportPdf: (request) => bridge.saveReportPdf(request),
    },
    async invoke<M extends MethodName>(method: M, args?: ArgsIn<M>): Promise<Result<M>> {
      const reply = await bridge.invoke(method, args ?? {});
      if (reply.ok) return reply.result as Result<M>;
      if (isSerializedError(reply.error)) throw new ContractError(reply.error);
      throw callFailed(method);
    },
    on<E extends EventName>(event: E, listener: (payload: Events[E]) => void): () => void {
      return bridge.on(event, listener as (payload: unknown) => void);
    },
    onConnection(listener) {
      // IPC does not drop while the window lives.
      listener('connected');
      return () => {};
    },
    onMenuCommand(listener) {
      return bridge.on(MENU_COMMAND_EVENT, (payload) => {
        const command = (payload as { command?: unknown } | null)?.command;
        if (typeof command === 'string' && menuCommands.includes(command)) {
          listener(command as MenuCommand);
        }
      });
    },
  };
}
