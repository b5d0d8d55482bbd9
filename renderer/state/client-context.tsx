import { createContext, useContext, type ReactNode } from 'react';
import type { DeskClient } from '../client/transport.js';

const ClientContext = createContext<DeskClient | null>(null);

export function ClientProvider(props: { client: DeskClient; children: ReactNode }) {
  return <ClientContext.Provider value={props.client}>{props.children}</ClientContext.Provider>;
}

/** The contract client of this window (IPC in Electron, HTTP in a browser). */
export function useClient(): DeskClient {
  const client = useContext(ClientContext);
  if (!client) throw new Error('useClient() outside <ClientProvider>');
  return client;
}
