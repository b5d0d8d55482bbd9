/** The top bar: the screens, what is running right now, and who is reviewing. */
import { useI18n } from '../i18n/i18n.js';
import { useJobs, type JobView } from '../state/jobs.js';
import { useSettings } from '../state/settings.js';
import { usePhaseName } from '../components/JobProgress.js';
import { screenTitles, screens, type Screen } from './routes.js';

function RunningJob(props: { job: JobView; onOpen(): void }) {
  const { format } = useI18n();
  const phaseName = usePhaseName();
  const p = props.job.progress;
  const fraction = p.total ? p.done / p.total : null;
  return (
    <button type="button" className="nav-job" onClick={props.onOpen} data-testid="nav-job">
      <span className="nav-job__spinner" aria-hidden="true" />
      {phaseName(p.phase)}
      {p.total !== null && ` ${format.number(p.done)}/${format.number(p.total)}`}
      {fraction !== null && (
        <span className="nav-job__bar" aria-hidden="true">
          <span style={{ width: `${fraction * 100}%` }} />
        </span>
      )}
    </button>
  );
}

export function NavBar(props: {
  current: Screen;
  onNavigate(screen: Screen): void;
  connected: boolean;
}) {
  const { t } = useI18n();
  const { jobs } = useJobs();
  const { settings } = useSettings();
  const running = [...jobs.values()].filter((job) => job.status === 'running');
  const jobScreen: Record<JobView['kind'], Screen> = {
    import: 'import',
    classify: 'models',
    export: 'export',
    improve: 'models',
    embeddings: 'models',
    sync: 'settings',
    'bundle-export': 'export',
    'bundle-import': 'import',
  };
  return (
    <header className="nav">
      <div className="nav__brand">
        <span className="nav__logo" aria-hidden="true" />
        Inspection Desk
      </div>
      <nav className="nav__tabs" aria-label={t('nav.title')}>
        {screens.map((screen) => (
          <button
            key={screen}
            type="button"
            className={`nav__tab ${screen === props.current ? 'nav__tab--current' : ''}`}
            aria-current={screen === props.current ? 'page' : undefined}
            data-testid={`nav-${screen}`}
            // A mouse click must not leave the focus on the tab: Space and Enter would
            // press it again instead of reaching the review keys.
            onMouseDown={(event) => event.preventDefault()}
            onClick={() => props.onNavigate(screen)}
          >
            {t(screenTitles[screen])}
          </button>
        ))}
      </nav>
      <div className="nav__status">
        {!props.connected && (
          <span className="nav__offline" role="status">
            {t('nav.reconnecting')}
          </span>
        )}
        {running.map((job) => (
          <RunningJob key={job.id} job={job} onOpen={() => props.onNavigate(jobScreen[job.kind])} />
        ))}
        <button
          type="button"
          className="nav__reviewer"
          onClick={() => props.onNavigate('settings')}
          title={t('settings.reviewer')}
          data-testid="nav-reviewer"
        >
          <span className="muted">{t('nav.reviewerPrefix')}</span>{' '}
          {settings?.reviewer.trim() ? settings.reviewer : t('nav.noReviewer')}
        </button>
      </div>
    </header>
  );
}
