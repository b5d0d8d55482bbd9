/** The review screen: filters, counts, the grid and the photo view over the whole library. */
import { useCallback, useState } from 'react';
import { useI18n } from '../../i18n/i18n.js';
import { hasFilter, type ReviewQuery } from '../../state/review-query.js';
import { useSettings } from '../../state/settings.js';
import { useInvoke } from '../../state/use-invoke.js';
import type { Screen } from '../../app/routes.js';
import { FilterBar } from './FilterBar.js';
import { ReviewWorkspace } from './ReviewWorkspace.js';

export function ReviewScreen(props: {
  query: ReviewQuery;
  onQueryChange(query: ReviewQuery): void;
  keysEnabled: boolean;
  onShowShortcuts(): void;
  onNavigate(screen: Screen): void;
}) {
  const { t } = useI18n();
  const { settings } = useSettings();
  const labels = useInvoke('library.labels', {}, { reloadOn: ['models', 'import', 'classify'] });
  // The progress counter follows the core's library.changed events, which every decision
  // sends once it is on disk: it is re-read after each one (events that come in a burst
  // share one read), so the count never trails the decisions the inspector made.
  const info = useInvoke(
    'library.info',
    {},
    { reloadOn: ['import', 'review', 'classify', 'models'], throttleMs: 0 },
  );
  // The filter bar's lists cost the server tens of ms at 100,000 photos: asked for once
  // the first photos are on screen, unless the filter needs their names right away.
  const [gridSettled, setGridSettled] = useState(false);
  const onGridSettled = useCallback(() => setGridSettled(true), []);
  const { importId, modelId } = props.query.filter;
  const imports = useInvoke(
    'library.imports',
    {},
    { reloadOn: ['import'], enabled: gridSettled || importId !== undefined },
  );
  const models = useInvoke(
    'models.list',
    {},
    { reloadOn: ['models'], enabled: gridSettled || modelId !== undefined },
  );
  const filtered = hasFilter(props.query.filter);

  const empty = filtered ? (
    <div className="empty" data-testid="review-empty">
      <h2>{t('review.noMatch')}</h2>
      <button
        type="button"
        className="btn btn--primary"
        onClick={() => props.onQueryChange({ ...props.query, filter: {} })}
      >
        {t('filter.clear')}
      </button>
    </div>
  ) : (
    <div className="empty" data-testid="review-empty">
      <h2>{t('review.emptyLibrary')}</h2>
      <p>{t('review.emptyHint')}</p>
      <button type="button" className="btn btn--primary" onClick={() => props.onNavigate('import')}>
        {t('nav.import')}
      </button>
    </div>
  );

  return (
    <div className="screen screen--review" data-testid="screen-review">
      {settings && settings.reviewer.trim() === '' && (
        <div className="banner banner--info">
          <span>{t('review.noReviewer')}</span>
          <button
            type="button"
            className="btn btn--small"
            onClick={() => props.onNavigate('settings')}
          >
            {t('nav.settings')}
          </button>
        </div>
      )}
      <FilterBar
        query={props.query}
        labels={labels.data ?? []}
        imports={imports.data ?? []}
        models={models.data ?? []}
        onChange={props.onQueryChange}
      />
      <ReviewWorkspace
        key={JSON.stringify(props.query)}
        query={props.query}
        labels={labels.data ?? []}
        activeModelId={info.data?.activeModelId ?? null}
        libraryTotal={info.data?.images ?? null}
        libraryReviewed={info.data?.reviewed ?? null}
        libraryUnsure={info.data?.unsure ?? null}
        keysEnabled={props.keysEnabled}
        onShowShortcuts={props.onShowShortcuts}
        onSettled={onGridSettled}
        emptyState={empty}
      />
    </div>
  );
}
