/**
 * The photo's tube in every inspection that photographed it, side by side with their
 * labels, oldest first: was this tube already clogged at the last stop? The photo on
 * screen is outlined. Read-only: the decision keys act on the photo in the view.
 */
import { ConfidenceBar } from '../../components/ConfidenceBar.js';
import { LabelChip } from '../../components/LabelChip.js';
import { useI18n } from '../../i18n/i18n.js';
import { useInvoke } from '../../state/use-invoke.js';

export function TubeHistory(props: { imageId: number; row: number | null; col: number | null }) {
  const { t, format } = useI18n();
  const known = props.row !== null && props.col !== null;
  const history = useInvoke(
    'inspections.tubeHistory',
    { row: props.row ?? 0, col: props.col ?? 0 },
    { enabled: known, reloadOn: ['review', 'import', 'classify', 'models'] },
  );
  if (!known) return null;
  const data = history.data;
  const entries =
    data && data.row === props.row && data.col === props.col ? data.entries : undefined;
  return (
    <section className="side-section" data-testid="tube-history">
      <h3>{t('inspections.historyTitle', { tube: data?.tube ?? '' })}</h3>
      {!entries ? (
        <p className="muted">{t('common.loading')}</p>
      ) : entries.length <= 1 ? (
        <p className="muted">{t('inspections.historyOnlyThis')}</p>
      ) : (
        <div className="tube-history__strip">
          {entries.map(({ inspection, state }) => (
            <figure
              key={inspection.id}
              className={`tube-history__item ${state.imageId === props.imageId ? 'tube-history__item--current' : ''}`}
              data-testid="tube-history-item"
              data-current={state.imageId === props.imageId}
            >
              <img
                src={state.thumbUrl}
                alt={`${state.tube} · ${inspection.title}`}
                loading="lazy"
              />
              <figcaption>
                <strong>{inspection.title}</strong>
                <br />
                <span className="muted">{format.dateTime(state.capturedAt)}</span>
              </figcaption>
              <LabelChip label={state.label} reviewed={state.reviewed} size="sm" />
              {!state.reviewed && <ConfidenceBar confidence={state.confidence} />}
            </figure>
          ))}
        </div>
      )}
    </section>
  );
}
