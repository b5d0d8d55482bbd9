/**
 * Every failure the user should know about ends up here and is shown as a banner until
 * dismissed: nothing the core reports is swallowed.
 */
import { createContext, useCallback, useContext, useMemo, useState, type ReactNode } from 'react';
import { toContractError, type ContractError } from '../client/contract-error.js';

export interface ShownError {
  id: number;
  error: ContractError;
  /** What the user was doing, e.g. "Import" (already translated). */
  context?: string;
}

interface ErrorsApi {
  errors: ShownError[];
  report(error: unknown, context?: string): void;
  dismiss(id: number): void;
}

const ErrorsContext = createContext<ErrorsApi | null>(null);

let nextId = 1;

export function ErrorsProvider(props: { children: ReactNode }) {
  const [errors, setErrors] = useState<ShownError[]>([]);
  const report = useCallback((error: unknown, context?: string) => {
    const contractError = toContractError(error);
    console.error(context ?? 'error', contractError);
    setErrors((current) => {
      // The same message twice in a row (a retried call) is one banner, not a stack.
      const last = current[current.length - 1];
      if (last && last.error.message === contractError.message && last.context === context) {
        return current;
      }
      return [...current.slice(-4), { id: nextId++, error: contractError, context }];
    });
  }, []);
  const dismiss = useCallback((id: number) => {
    setErrors((current) => current.filter((e) => e.id !== id));
  }, []);
  const value = useMemo(() => ({ errors, report, dismiss }), [errors, report, dismiss]);
  return <ErrorsContext.Provider value={value}>{props.children}</ErrorsContext.Provider>;
}

export function useErrors(): ErrorsApi {
  const api = useContext(ErrorsContext);
  if (!api) throw new Error('useErrors() outside <ErrorsProvider>');
  return api;
}

/** The `report` function alone, for components that only raise errors. */
export function useReportError(): ErrorsApi['report'] {
  return useErrors().report;
}
