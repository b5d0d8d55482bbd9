import { useI18n } from '../i18n/i18n.js';

/** Confidence as a percentage with a small bar; low confidence is drawn in amber. */
export function ConfidenceBar(props: { confidence: number | null; compact?: boolean }) {
  const { format, t } = useI18n();
  if (props.confidence === null) {
    return <span className="confidence confidence--none">{t('confidence.none')}</span>;
  }
  const value = Math.max(0, Math.min(1, props.confidence));
  const level = value < 0.6 ? 'low' : value < 0.85 ? 'mid' : 'high';
  return (
    <span
      className={`confidence confidence--${level} ${props.compact ? 'confidence--compact' : ''}`}
      title={t('confidence.title')}
    >
      <span className="confidence__value">{format.percent(value)}</span>
      <span className="confidence__track" aria-hidden="true">
        <span className="confidence__fill" style={{ width: `${value * 100}%` }} />
      </span>
    </span>
  );
}
