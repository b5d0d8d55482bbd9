import { useI18n, type MessageKey } from '../i18n/i18n.js';
import { useLabelName } from '../state/label-names.js';
import { Modal } from './Modal.js';

const groups: { title: MessageKey; keys: [string[], MessageKey][] }[] = [
  {
    title: 'shortcuts.review',
    keys: [
      [['1', '2', '…'], 'shortcuts.setLabel'],
      [['Space'], 'shortcuts.accept'],
      [['U'], 'shortcuts.unsure'],
      [['Z'], 'shortcuts.undo'],
      [['Shift', 'Z'], 'shortcuts.redo'],
      [['H'], 'shortcuts.decisions'],
      [['Enter'], 'shortcuts.open'],
      [['Esc'], 'shortcuts.close'],
      [['Esc'], 'shortcuts.toGrid'],
    ],
  },
  {
    title: 'shortcuts.move',
    keys: [
      [['←', '→'], 'shortcuts.leftRight'],
      [['↑', '↓'], 'shortcuts.upDown'],
      [['Home', 'End'], 'shortcuts.homeEnd'],
      [['PgUp', 'PgDn'], 'shortcuts.pages'],
    ],
  },
  {
    title: 'shortcuts.select',
    keys: [
      [['X'], 'shortcuts.toggle'],
      [['Shift', '←↑↓→'], 'shortcuts.extend'],
      [['Ctrl', '←↑↓→'], 'shortcuts.keepSelection'],
      [['Shift', 'click'], 'shortcuts.range'],
      [['Ctrl', 'click'], 'shortcuts.add'],
      [['Ctrl', 'A'], 'shortcuts.all'],
    ],
  },
  {
    title: 'shortcuts.photo',
    keys: [
      [['+', '−'], 'shortcuts.zoom'],
      [['0'], 'shortcuts.fit'],
      [['←↑↓→'], 'shortcuts.pan'],
      [['PgUp', 'PgDn'], 'shortcuts.photoPages'],
      [['N'], 'shortcuts.note'],
      [['?'], 'shortcuts.help'],
    ],
  },
];

/** Every keyboard shortcut, opened with `?`. */
export function ShortcutsOverlay(props: { labels: string[]; onClose: () => void }) {
  const { t } = useI18n();
  const labelName = useLabelName();
  return (
    <Modal title={t('shortcuts.title')} onClose={props.onClose} wide testId="shortcuts">
      {props.labels.length > 0 && (
        <p className="shortcuts__labels">
          {props.labels.slice(0, 9).map((label, i) => (
            <span key={label} className="key-hint">
              <kbd>{i + 1}</kbd> {labelName(label)}
            </span>
          ))}
        </p>
      )}
      <div className="shortcuts">
        {groups.map((group) => (
          <section key={group.title}>
            <h3>{t(group.title)}</h3>
            <dl>
              {group.keys.map(([keys, description]) => (
                <div key={`${keys.join('+')}-${description}`}>
                  <dt>
                    {keys.map((key) => (
                      <kbd key={key}>{key}</kbd>
                    ))}
                  </dt>
                  <dd>{t(description)}</dd>
                </div>
              ))}
            </dl>
          </section>
        ))}
      </div>
    </Modal>
  );
}
