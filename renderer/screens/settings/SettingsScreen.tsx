/** Settings: who is reviewing (recorded on every decision), the language, and the library in use. */
import { useState } from 'react';
import { useI18n, type Language } from '../../i18n/i18n.js';
import { useSettings } from '../../state/settings.js';
import { useInvoke } from '../../state/use-invoke.js';
import { SyncStatusCard } from './SyncStatusCard.js';

const languages: { id: Language; name: string }[] = [
  { id: 'pt-BR', name: 'Português (Brasil)' },
  { id: 'en', name: 'English' },
];

export function SettingsScreen() {
  const { t, format } = useI18n();
  const { settings, update } = useSettings();
  const info = useInvoke('library.info', {}, { reloadOn: ['import'] });
  // What the inspector typed, until it is saved; null shows the saved name. A failed save
  // (the server stopped, say) keeps what was typed, so nothing has to be typed again.
  const [typed, setTyped] = useState<string | null>(null);
  const reviewer = typed ?? settings?.reviewer ?? '';
  const [saved, setSaved] = useState(false);

  const changed = reviewer.trim() !== (settings?.reviewer ?? '') && reviewer.trim() !== '';
  return (
    <div className="screen screen--page" data-testid="screen-settings">
      <div className="page">
        <h1>{t('settings.title')}</h1>
        <section className="card">
          <h2>{t('settings.reviewer')}</h2>
          <form
            className="inline-form"
            onSubmit={(event) => {
              event.preventDefault();
              void update({ reviewer: reviewer.trim() }).then((ok) => {
                setSaved(ok);
                if (ok) setTyped(null);
              });
            }}
          >
            <input
              type="text"
              value={reviewer}
              maxLength={100}
              data-testid="settings-reviewer"
              placeholder={t('settings.reviewerPlaceholder')}
              onChange={(e) => {
                setTyped(e.target.value);
                setSaved(false);
              }}
            />
            <button
              type="submit"
              className="btn btn--primary"
              disabled={!changed}
              data-testid="settings-reviewer-save"
            >
              {t('action.save')}
            </button>
            {saved && !changed && <span className="ok">✓ {t('settings.saved')}</span>}
          </form>
          <p className="muted small">{t('settings.reviewerHint')}</p>
        </section>
        <section className="card">
          <h2>{t('settings.language')}</h2>
          <div className="segmented" role="radiogroup" aria-label={t('settings.language')}>
            {languages.map((language) => (
              <label
                key={language.id}
                className={`segmented__option ${settings?.language === language.id ? 'segmented__option--on' : ''}`}
              >
                <input
                  type="radio"
                  name="language"
                  value={language.id}
                  checked={settings?.language === language.id}
                  data-testid={`settings-language-${language.id}`}
                  onChange={() => void update({ language: language.id })}
                />
                {language.name}
              </label>
            ))}
          </div>
        </section>
        <section className="card">
          <h2>{t('settings.library')}</h2>
          {info.data && (
            <dl className="meta">
              <div>
                <dt>{t('settings.libraryPath')}</dt>
                <dd className="meta__mono" data-testid="settings-library-path">
                  {info.data.path}
                </dd>
              </div>
              <div>
                <dt>{t('settings.libraryPhotos')}</dt>
                <dd>
                  {t('settings.libraryCounts', {
                    images: format.number(info.data.images),
                    reviewed: format.number(info.data.reviewed),
                  })}
                </dd>
              </div>
              <div>
                <dt>{t('settings.activeModel')}</dt>
                <dd className="meta__mono">{info.data.activeModelId ?? t('settings.noModel')}</dd>
              </div>
            </dl>
          )}
          <p className="muted small">{t('settings.libraryHint')}</p>
        </section>
        <SyncStatusCard />
      </div>
    </div>
  );
}
