/**
 * Loads one contract call's result for a component and reloads it when its arguments
 * change or when the library changes (photos imported, reviewed, classified).
 */
import { useCallback, useEffect, useRef, useState } from 'react';
import type { ArgsIn, Events, MethodName, Result } from '../../electron/contract.js';
import { useClient } from './client-context.js';
import { useReportError } from './errors.js';
import { useContractEvent } from './use-event.js';

type ChangeReason = Events['library.changed']['reason'];

export interface InvokeOptions {
  /** Skip the call while false (e.g. no model chosen yet). */
  enabled?: boolean;
  /** Reload when `library.changed` reports one of these reasons. */
  reloadOn?: ChangeReason[];
  /** Don't reload more often than this while events pour in during an import. */
  throttleMs?: number;
  /**
   * Wait at least this long after a change before reloading, so a burst of changes (an
   * inspector labeling several photos a second) costs one call, made between key presses.
   */
  delayMs?: number;
}

export interface InvokeState<T> {
  data: T | undefined;
  loading: boolean;
  reload(): void;
}

export function useInvoke<M extends MethodName>(
  method: M,
  args: ArgsIn<M>,
  options: InvokeOptions = {},
): InvokeState<Result<M>> {
  const client = useClient();
  const report = useReportError();
  const { enabled = true, reloadOn = [], throttleMs = 1000, delayMs = 0 } = options;
  const key = JSON.stringify(args ?? {});
  const [data, setData] = useState<Result<M> | undefined>(undefined);
  const [loading, setLoading] = useState(enabled);
  const [version, setVersion] = useState(0);
  const lastReload = useRef(0);
  const pending = useRef<ReturnType<typeof setTimeout> | null>(null);

  useEffect(() => {
    if (!enabled) return;
    let live = true;
    setLoading(true);
    client.invoke(method, JSON.parse(key) as ArgsIn<M>).then(
      (result) => {
        if (!live) return;
        setData(result);
        setLoading(false);
      },
      (error: unknown) => {
        if (!live) return;
        setLoading(false);
        report(error);
      },
    );
    return () => {
      live = false;
    };
  }, [client, method, key, enabled, version, report]);

  useEffect(
    () => () => {
      if (pending.current) clearTimeout(pending.current);
    },
    [],
  );

  const reload = useCallback(() => setVersion((v) => v + 1), []);

  const reasons = reloadOn.join(',');
  useContractEvent('library.changed', (change) => {
    if (!reasons.split(',').includes(change.reason)) return;
    if (pending.current) return;
    const wait = Math.max(delayMs, lastReload.current + throttleMs - Date.now());
    pending.current = setTimeout(() => {
      pending.current = null;
      lastReload.current = Date.now();
      reload();
    }, wait);
  });

  return { data, loading, reload };
}
