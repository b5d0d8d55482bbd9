import { useI18n } from '../i18n/i18n.js';

/**
 * "Unsure": a reviewer could not tell. Drawn unlike any label chip (outlined, with a
 * question mark, no label colour) so it is never read as a class.
 */
export function UnsureChip(props: { size?: 'sm' | 'md' }) {
  const { t } = useI18n();
  return (
    <span className={`unsure-chip unsure-chip--${props.size ?? 'md'}`} data-unsure="true">
      <span aria-hidden="true" className="unsure-chip__mark">
        ?
      </span>
      {t('unsure.chip')}
    </span>
  );
}
