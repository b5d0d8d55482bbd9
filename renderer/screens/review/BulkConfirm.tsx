/**
 * Asks before a decision on more than a few photos: how many, as what, and what they
 * are labeled now. Enter (on the focused confirm button) goes ahead, Esc cancels.
 */
import type { DecisionPreview } from '../../../electron/contract.js';
import { Modal } from '../../components/Modal.js';
import { useI18n } from '../../i18n/i18n.js';

export function BulkConfirm(props: {
  kind: 'label' | 'accept' | 'unsure';
  label: string | null;
  count: number;
  preview: DecisionPreview | null;
  labelName(label: string | null): string;
  onConfirm(): void;
  onCancel(): void;
}) {
  const { t } = useI18n();
  const title =
    props.kind === 'accept'
      ? t('bulk.acceptTitle', { n: props.count })
      : props.kind === 'unsure'
        ? t('bulk.unsureTitle', { n: props.count })
        : t('bulk.labelTitle', { n: props.count, label: props.labelName(props.label) });
  return (
    <Modal
      title={title}
      onClose={props.onCancel}
      testId="bulk-confirm"
      initialFocus="[data-confirm]"
    >
      <p>{t('bulk.now')}</p>
      {props.preview ? (
        <ul className="bulk-split" data-testid="bulk-split">
          {props.preview.byLabel.map((row) => (
            <li key={row.label ?? ''}>
              {t('bulk.splitRow', {
                n: row.count,
                label: row.label === null ? t('bulk.notReviewed') : props.labelName(row.label),
              })}
            </li>
          ))}
        </ul>
      ) : (
        <p className="muted">{t('common.loading')}</p>
      )}
      <div className="modal__actions">
        <button type="button" className="btn" onClick={props.onCancel}>
          {t('action.cancel')}
        </button>
        <button
          type="button"
          className="btn btn--primary"
          data-confirm
          data-testid="bulk-confirm-yes"
          onClick={props.onConfirm}
        >
          {props.kind === 'accept'
            ? t('bulk.acceptConfirm', { n: props.count })
            : props.kind === 'unsure'
              ? t('bulk.unsureConfirm', { n: props.count })
              : t('bulk.labelConfirm', { n: props.count })}
        </button>
      </div>
    </Modal>
  );
}
