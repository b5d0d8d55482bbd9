/**
 * The window: providers (client, errors, settings, language, jobs), the top bar, the
 * current screen, and the shortcuts overlay on `?`.
 */
import { useCallback, useEffect, useState, type ReactNode } from 'react';
import type { DeskClient } from '../client/transport.js';
import { ErrorBanners } from '../components/ErrorBanners.js';
import { ShortcutsOverlay } from '../components/ShortcutsOverlay.js';
import { I18nProvider } from '../i18n/i18n.js';
import { ExportScreen } from '../screens/export/ExportScreen.js';
import { ImportScreen } from '../screens/import/ImportScreen.js';
import { ModelsScreen } from '../screens/models/ModelsScreen.js';
import { ReviewScreen } from '../screens/review/ReviewScreen.js';
import { isTypingTarget } from '../screens/review/use-grid-keys.js';
import { SettingsScreen } from '../screens/settings/SettingsScreen.js';
import { SummaryScreen } from '../screens/summary/SummaryScreen.js';
import { ClientProvider, useClient } from '../state/client-context.js';
import { ErrorsProvider, useReportError } from '../state/errors.js';
import { JobsProvider, useRunningJob } from '../state/jobs.js';
import { LabelNamesProvider } from '../state/label-names.js';
import { defaultReviewQuery, type ReviewQuery } from '../state/review-query.js';
import { SettingsProvider, useSettings } from '../state/settings.js';
import { useInvoke } from '../state/use-invoke.js';
import { NavBar } from './NavBar.js';
import { screenFromHash, type Screen } from './routes.js';

function LanguageGate(props: { children: ReactNode }) {
  const { settings } = useSettings();
  const language = settings?.language ?? 'pt-BR';
  useEffect(() => {
    document.documentElement.lang = language;
  }, [language]);
  if (!settings) return <div className="boot">Inspection Desk…</div>;
  return <I18nProvider language={language}>{props.children}</I18nProvider>;
}

function useConnected(): boolean {
  const client = useClient();
  const [connected, setConnected] = useState(true);
  useEffect(() => client.onConnection((state) => setConnected(state === 'connected')), [client]);
  return connected;
}

function Shell() {
  const client = useClient();
  const report = useReportError();
  const [screen, setScreen] = useState<Screen | null>(() => screenFromHash(window.location.hash));
  const [query, setQuery] = useState<ReviewQuery>(defaultReviewQuery);
  const [shortcuts, setShortcuts] = useState(false);
  const [importJob, setImportJob] = useState<string | null>(null);
  const [exportJob, setExportJob] = useState<string | null>(null);
  const [classifyJob, setClassifyJob] = useState<string | null>(null);
  const connected = useConnected();
  const labels = useInvoke('library.labels', {}, { reloadOn: ['models'] });

  // A job running in the core (started before a reload, or from another window) is
  // adopted by its screen: progress and Cancel come back, and its result stays after it ends.
  const runningImport = useRunningJob('import')?.id;
  const runningExport = useRunningJob('export')?.id;
  const runningClassify = useRunningJob('classify')?.id;
  useEffect(() => {
    if (runningImport) setImportJob(runningImport);
  }, [runningImport]);
  useEffect(() => {
    if (runningExport) setExportJob(runningExport);
  }, [runningExport]);
  useEffect(() => {
    if (runningClassify) setClassifyJob(runningClassify);
  }, [runningClassify]);

  // First start: an empty library opens on Import, otherwise on Review.
  useEffect(() => {
    if (screen !== null) return;
    client.invoke('library.info').then(
      (info) => setScreen(info.images === 0 ? 'import' : 'review'),
      (error: unknown) => {
        report(error);
        setScreen('import');
      },
    );
  }, [client, report, screen]);

  useEffect(() => {
    if (screen && window.location.hash !== `#/${screen}`) {
      window.history.replaceState(null, '', `#/${screen}`);
    }
  }, [screen]);

  useEffect(() => {
    const onHash = () => {
      const next = screenFromHash(window.location.hash);
      if (next) setScreen(next);
    };
    window.addEventListener('hashchange', onHash);
    return () => window.removeEventListener('hashchange', onHash);
  }, []);

  useEffect(() => {
    function onKey(event: KeyboardEvent) {
      if (event.key === '?' && !isTypingTarget(event.target)) {
        event.preventDefault();
        setShortcuts((open) => !open);
      }
    }
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, []);

  useEffect(
    () =>
      client.onMenuCommand((command) => {
        if (command === 'shortcuts') setShortcuts(true);
        else setScreen(command);
      }),
    [client],
  );

  const closeShortcuts = useCallback(() => setShortcuts(false), []);
  const reviewWith = useCallback((next: ReviewQuery) => {
    setQuery(next);
    setScreen('review');
  }, []);

  return (
    <div className="app">
      <NavBar current={screen ?? 'review'} onNavigate={setScreen} connected={connected} />
      <ErrorBanners />
      <main className="app__main">
        {screen === 'import' && (
          <ImportScreen
            jobId={importJob}
            onJobStarted={setImportJob}
            onReviewImport={(importId) =>
              reviewWith({ ...defaultReviewQuery, filter: { importId } })
            }
          />
        )}
        {screen === 'review' && (
          <ReviewScreen
            query={query}
            onQueryChange={setQuery}
            keysEnabled={!shortcuts}
            onShowShortcuts={() => setShortcuts(true)}
            onNavigate={setScreen}
          />
        )}
        {screen === 'summary' && (
          <SummaryScreen
            onReviewLabel={(label) => reviewWith({ ...defaultReviewQuery, filter: { label } })}
            onReviewFilter={(filter) => reviewWith({ ...defaultReviewQuery, filter })}
          />
        )}
        {screen === 'export' && (
          <ExportScreen reviewFilter={query.filter} jobId={exportJob} onJobChange={setExportJob} />
        )}
        {screen === 'models' && <ModelsScreen jobId={classifyJob} onJobStarted={setClassifyJob} />}
        {screen === 'settings' && <SettingsScreen />}
      </main>
      {shortcuts && <ShortcutsOverlay labels={labels.data ?? []} onClose={closeShortcuts} />}
    </div>
  );
}

export function App(props: { client: DeskClient }) {
  return (
    <ClientProvider client={props.client}>
      <ErrorsProvider>
        <SettingsProvider>
          <LanguageGate>
            <LabelNamesProvider>
              <JobsProvider>
                <Shell />
              </JobsProvider>
            </LabelNamesProvider>
          </LanguageGate>
        </SettingsProvider>
      </ErrorsProvider>
    </ClientProvider>
  );
}
