import { UNSURE_ANSWER } from '../../electron/contract.js';
import { useI18n } from '../i18n/i18n.js';
import { useLabelName } from '../state/label-names.js';
import { labelColor } from './label-colors.js';
import { UnsureChip } from './UnsureChip.js';

/**
 * A label as a colored chip. Solid when a person decided it, pale with a dashed border
 * when it is only the model's guess, so the two never look alike. It reads the label's
 * display name in the UI's language (the id on hover); `raw` shows the id itself.
 */
export function LabelChip(props: {
  label: string | null;
  reviewed?: boolean;
  size?: 'sm' | 'md';
  raw?: boolean;
}) {
  const { t } = useI18n();
  const labelName = useLabelName();
  const name =
    props.label === null || props.raw ? (props.label ?? t('label.none')) : labelName(props.label);
  // The unsure answer (history, bulk previews) is not a label: it has its own look.
  if (props.label === UNSURE_ANSWER) return <UnsureChip size={props.size} />;
  const color = labelColor(props.label);
  const reviewed = props.reviewed ?? true;
  const style = reviewed
    ? { background: color.solid, color: color.onSolid, borderColor: color.solid }
    : { background: color.soft, color: color.onSoft, borderColor: color.solid };
  return (
    <span
      className={`label-chip label-chip--${props.size ?? 'md'} ${reviewed ? '' : 'label-chip--guess'}`}
      style={style}
      data-label={props.label ?? ''}
      title={props.label !== null && name !== props.label ? props.label : undefined}
    >
      {name}
    </span>
  );
}

/** A small color swatch for legends and chart keys. */
export function LabelSwatch(props: { label: string | null }) {
  return <span className="label-swatch" style={{ background: labelColor(props.label).solid }} />;
}
