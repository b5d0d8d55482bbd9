/**
 * Where to import from. In the desktop app: the native folder dialog and the mounted SD
 * cards as buttons. In a browser the page cannot see the server's disks, so the inspector
 * types the folder path on the computer that runs Inspection Desk.
 */
import { useEffect, useState } from 'react';
import { FolderField } from '../../components/FolderField.js';
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

  const folder = (
    <FolderField
      purpose="import"
      value={props.value}
      onChange={props.onChange}
      disabled={props.disabled}
      choose={t('import.chooseFolder')}
      label={t('import.pathLabel')}
      placeholder={t('import.pathPlaceholder')}
      hint={t('import.pathHint')}
      testId="import-path"
      pathTestId="import-source"
    />
  );
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
        {folder}
      </div>
    );
  }
  return folder;
}
