/**
 * A folder on the computer that runs Inspection Desk (a card to import, where to export,
 * a model to add). In the desktop app: the native folder dialog and the chosen path. In a
 * browser the page cannot see the server's disks, so the inspector types the path.
 */
import { useI18n } from '../i18n/i18n.js';
import { useClient } from '../state/client-context.js';
import { useReportError } from '../state/errors.js';

export function FolderField(props: {
  purpose: 'import' | 'export' | 'model';
  value: string;
  onChange(path: string): void;
  disabled?: boolean;
  /** The dialog button's text (desktop). */
  choose: string;
  /** The typed field's label (browser); none where a legend already names it. */
  label?: string;
  placeholder?: string;
  hint: string;
  /** The typed field (browser) and the chosen path (desktop). */
  testId: string;
  pathTestId?: string;
}) {
  const { t } = useI18n();
  const desktop = useClient().desktop;
  const report = useReportError();
  if (desktop) {
    return (
      <div className="source__row">
        <button
          type="button"
          className="btn"
          disabled={props.disabled}
          onClick={() =>
            void desktop.pickFolder(props.purpose).then(
              (path) => path && props.onChange(path),
              (error: unknown) => report(error),
            )
          }
        >
          {props.choose}
        </button>
        <code className="source__path" data-testid={props.pathTestId}>
          {props.value || t('import.noFolder')}
        </code>
      </div>
    );
  }
  return (
    <label className="field field--wide">
      {props.label !== undefined && <span className="field__label">{props.label}</span>}
      <input
        type="text"
        value={props.value}
        disabled={props.disabled}
        placeholder={props.placeholder}
        data-testid={props.testId}
        spellCheck={false}
        onChange={(e) => props.onChange(e.target.value)}
      />
      <span className="field__hint">{props.hint}</span>
    </label>
  );
}
