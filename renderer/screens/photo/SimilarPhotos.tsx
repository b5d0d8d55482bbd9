/**
 * "More like this" in the photo view: the nearest photos by embedding, and, when the
 * most similar reviewed photos mostly carry another label, why this one may be mislabeled.
 */
import { useEffect, useState } from 'react';
import type { SimilarResult } from '../../../electron/contract.js';
import { LabelChip } from '../../components/LabelChip.js';
import { useI18n } from '../../i18n/i18n.js';
import { useClient } from '../../state/client-context.js';

/** Waits this long on a photo before searching: arrow keys step through photos fast. */
const SETTLE_MS = 150;

export function SimilarPhotos(props: { imageId: number; revision: number }) {
  const { t, format } = useI18n();
  const client = useClient();
  const [result, setResult] = useState<SimilarResult | null>(null);
  const [missing, setMissing] = useState(false);

  useEffect(() => {
    let live = true;
    const timer = setTimeout(() => {
      client.invoke('library.similar', { imageId: props.imageId, limit: 8 }).then(
        (found) => {
          if (!live) return;
          setResult(found);
          setMissing(false);
        },
        // No embedding yet (or no model): the section says so instead of raising an alarm.
        () => {
          if (!live) return;
          setResult(null);
          setMissing(true);
        },
      );
    }, SETTLE_MS);
    return () => {
      live = false;
      clearTimeout(timer);
    };
  }, [client, props.imageId, props.revision]);

  return (
    <section className="side-section similar" data-testid="photo-similar">
      <h3>{t('similar.title')}</h3>
      {missing && <p className="muted small">{t('similar.none')}</p>}
      {result?.vote && (
        <p
          className={
            result.likelyMislabeled ? 'similar__reason similar__reason--warn' : 'similar__reason'
          }
          data-testid="similar-reason"
        >
          {result.likelyMislabeled && <strong>{t('similar.likelyMislabeled')}: </strong>}
          {t('similar.reason', {
            agreeing: result.vote.agreeing,
            neighbours: result.vote.neighbours,
            label: result.vote.label,
          })}
        </p>
      )}
      {result && result.items.length > 0 && (
        <ul className="similar__grid">
          {result.items.map((item) => (
            <li
              key={item.id}
              className="similar__item"
              title={item.originalName}
              data-testid="similar-item"
            >
              <img src={item.thumbUrl} alt={item.originalName} loading="lazy" />
              <span className="similar__meta">
                {item.effectiveLabel && <LabelChip label={item.effectiveLabel} size="sm" />}
                <span className="muted small">{format.percent(item.similarity)}</span>
              </span>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
