/**
 * Which inspection the summary, the tube map and the report are about: the whole
 * library, or one inspection (one card, or several grouped and named).
 */
import type { Inspection } from '../../../electron/contract.js';
import { useI18n } from '../../i18n/i18n.js';

export function inspectionLabel(
  inspection: Inspection,
  format: { dateTime(iso: string): string },
): string {
  const when = inspection.capturedFrom ?? inspection.startedAt;
  return `${inspection.title} · ${format.dateTime(when)}`;
}

export function InspectionPicker(props: {
  inspections: Inspection[];
  value: number | null;
  onChange(inspectionId: number | null): void;
}) {
  const { t, format } = useI18n();
  return (
    <label>
      {t('inspections.pick')}
      <select
        data-testid="inspection-picker"
        value={props.value === null ? '' : String(props.value)}
        onChange={(event) =>
          props.onChange(event.target.value === '' ? null : Number(event.target.value))
        }
      >
        <option value="">{t('inspections.wholeLibrary')}</option>
        {[...props.inspections].reverse().map((inspection) => (
          <option key={inspection.id} value={inspection.id}>
            {t('inspections.option', {
              name: inspectionLabel(inspection, format),
              photos: format.number(inspection.photos),
            })}
          </option>
        ))}
      </select>
    </label>
  );
}

/** Another inspection to compare with or group with this one. */
export function OtherInspectionSelect(props: {
  label: string;
  inspections: Inspection[];
  value: number | null;
  onChange(inspectionId: number): void;
  testId: string;
}) {
  const { format } = useI18n();
  return (
    <label>
      {props.label}
      <select
        data-testid={props.testId}
        value={props.value ?? ''}
        onChange={(event) => props.onChange(Number(event.target.value))}
      >
        {props.inspections.map((s) => (
          <option key={s.id} value={s.id}>
            {inspectionLabel(s, format)}
          </option>
        ))}
      </select>
    </label>
  );
}
