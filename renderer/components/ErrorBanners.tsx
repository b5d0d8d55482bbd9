import { useI18n } from '../i18n/i18n.js';
import { useErrors } from '../state/errors.js';

/** The errors the core reported, newest last, each until the user dismisses it. */
export function ErrorBanners() {
  const { errors, dismiss } = useErrors();
  const { t, errorText } = useI18n();
  if (errors.length === 0) return null;
  return (
    <div className="banners" role="alert" aria-live="assertive">
      {errors.map(({ id, error, context }) => (
        <div
          key={id}
          className="banner banner--error"
          data-testid="error-banner"
          data-code={error.code}
        >
          <span className="banner__icon" aria-hidden="true">
            !
          </span>
          <div className="banner__text">
            <strong>{context ?? t('error.title')}</strong>
            <span>{errorText(error)}</span>
            <span className="banner__code">{error.code}</span>
          </div>
          <button type="button" className="btn btn--ghost" onClick={() => dismiss(id)}>
            {t('action.dismiss')}
          </button>
        </div>
      ))}
    </div>
  );
}
