/** The library's settings (reviewer name, language), loaded once and shared by every screen. */
import {
  createContext,
  useCallback,
  useContext,
  useEffect,
  useMemo,
  useState,
  type ReactNode,
} from 'react';
import type { ArgsIn, Settings } from '../../electron/contract.js';
import { useClient } from './client-context.js';
import { useReportError } from './errors.js';

interface SettingsApi {
  /** null until loaded. */
  settings: Settings | null;
  /** Saves changes; resolves false (and shows the error) when the core refuses them. */
  update(changes: ArgsIn<'settings.set'>): Promise<boolean>;
}

const SettingsContext = createContext<SettingsApi | null>(null);

export function SettingsProvider(props: { children: ReactNode }) {
  const client = useClient();
  const report = useReportError();
  const [settings, setSettings] = useState<Settings | null>(null);

  useEffect(() => {
    let live = true;
    client.invoke('settings.get').then(
      (loaded) => {
        if (live) setSettings(loaded);
      },
      (error: unknown) => {
        report(error);
        // Fall back to the inspectors' language so the window is still usable.
        if (live) setSettings({ reviewer: '', language: 'pt-BR' });
      },
    );
    return () => {
      live = false;
    };
  }, [client, report]);

  const update = useCallback(
    async (changes: ArgsIn<'settings.set'>) => {
      let before: Settings | null = null;
      // Applied at once (the language switches on click); reverted if the core refuses.
      setSettings((current) => {
        before = current;
        return current ? { ...current, ...changes } : current;
      });
      try {
        setSettings(await client.invoke('settings.set', changes));
        return true;
      } catch (error) {
        setSettings(before);
        report(error);
        return false;
      }
    },
    [client, report],
  );

  const value = useMemo(() => ({ settings, update }), [settings, update]);
  return <SettingsContext.Provider value={value}>{props.children}</SettingsContext.Provider>;
}

export function useSettings(): SettingsApi {
  const api = useContext(SettingsContext);
  if (!api) throw new Error('useSettings() outside <SettingsProvider>');
  return api;
}
