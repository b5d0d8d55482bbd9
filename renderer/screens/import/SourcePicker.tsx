/**
 * Where to import from. In the desktop app: the native folder dialog and the mounted SD
 * cards as buttons. In a browser the page cannot see the server's disks, so the inspector
 * types the folder path on the computer that runs Inspection Desk.
 */
import { useEffect, useState } from 'react';
import { useI18n } from '../../i18n/i18n.js';
import { useClient } from '../../state/client-context.js';
import { useReportError } from '../../state/errors.js';

export function SourcePicker(props: {
  value: string;
  onChange(path: string): void;
  disabled: boolean;
}) {
  const { t } = useI18n();
  const client = useClient();
  const report = useReportError();
  const desktop = client.desktop;
  const [drives, setDrives] = useState<{ path: string; label: string }[]>([]);

  useEffect(() => {
    if (!desktop) return;
    let live = true;
    const load = () =>
      desktop.removableDrives().then(
        (found) => {
          if (live) setDrives(found);
        },
        (error: unknown) => report(error),
      );
    void load();
    // Cards get plugged in while the screen is open.
    const timer = setInterval(() => void load(), 5000);
    return () => {
      live = false;
      clearInterval(timer);
    };
  }, [desktop, report]);

  if (desktop) {
    return (
      <div className="source">
        {drives.length > 0 && (
          <div className="source__drives">
            <span className="field__label">{t('import.drives')}</span>
            {drives.map((drive) => (
              <button
                key={drive.path}
                type="button"
                className={`btn btn--drive ${props.value === drive.path ? 'btn--drive-current' : ''}`}
                disabled={props.disabled}
                onClick={() => props.onChange(drive.path)}
              >
                <strong>{drive.label}</strong>
                <span className="muted">{drive.path}</span>
              </button>
            ))}
          </div>
        )}
        <div className="source__row">
          <button
            type="button"
            className="btn"
            disabled={props.disabled}
            onClick={() =>
              void desktop.pickFolder('import').then(
                (path) => path && props.onChange(path),
                (error: unknown) => report(error),
              )
            }
          >
            {t('import.chooseFolder')}
          </button>
          <code className="source__path" data-testid="import-source">
            {props.value || t('import.noFolder')}
          </code>
        </div>
      </div>
    );
  }
  return (
    <label className="field field--wide">
      <span className="field__label">{t('import.pathLabel')}</span>
      <input
        type="text"
        value={props.value}
        disabled={props.disabled}
        placeholder={t('import.pathPlaceholder')}
        data-testid="import-path"
        spellCheck={false}
        onChange={(e) => props.onChange(e.target.value)}
      />
      <span className="field__hint">{t('import.pathHint')}</span>
    </label>
  );
}
