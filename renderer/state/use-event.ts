import { useEffect, useRef } from 'react';
import type { EventName, Events } from '../../electron/contract.js';
import { useClient } from './client-context.js';

/** Subscribes to a contract event for the component's lifetime; the latest callback is used. */
export function useContractEvent<E extends EventName>(
  event: E,
  listener: (payload: Events[E]) => void,
): void {
  const client = useClient();
  const latest = useRef(listener);
  useEffect(() => {
    latest.current = listener;
  });
  useEffect(() => client.on(event, (payload) => latest.current(payload)), [client, event]);
}
