/** What an export will write (or wrote): files at the top of the folder and counts per split and label. */
import type { ExportPlan } from '../../../electron/contract.js';
import { LabelChip } from '../../components/LabelChip.js';
import { useI18n } from '../../i18n/i18n.js';

export function ExportPlanView(props: { plan: ExportPlan; written?: boolean }) {
  const { t, format } = useI18n();
  const { plan } = props;
  const splits = Object.keys(plan.counts);
  const labels = [
    ...new Set(splits.flatMap((split) => Object.keys(plan.counts[split] ?? {}))),
  ].sort();
  const hasSplit = !(splits.length === 1 && splits[0] === 'all');
  return (
    <div className="plan" data-testid="export-plan">
      <p className="plan__total">
        {t(props.written ? 'export.writtenTotal' : 'export.planTotal', {
          count: format.number(plan.total),
        })}{' '}
        <code className="mono">{plan.dest}</code>
      </p>
      {(plan.unsure?.leftOut ?? 0) > 0 && (
        <p className="inline-warn" data-testid="export-unsure-left-out">
          {t('export.unsureLeftOut', { n: plan.unsure?.leftOut ?? 0 })}
        </p>
      )}
      {(plan.unsure?.included ?? 0) > 0 && (
        <p className="muted" data-testid="export-unsure-included">
          {t('export.unsureIncluded', { n: plan.unsure?.included ?? 0 })}
        </p>
      )}
      {plan.unlabeled > 0 && (
        <p className="inline-warn">
          {t('export.unlabeled', { count: format.number(plan.unlabeled) })}
        </p>
      )}
      <div className="two-col two-col--tight">
        <table className="table table--compact" data-testid="export-counts">
          <thead>
            <tr>
              <th>{t('summary.label')}</th>
              {splits.map((split) => (
                <th key={split} className="num">
                  {hasSplit ? split : t('export.photos')}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {labels.map((label) => (
              <tr key={label}>
                <td>
                  <LabelChip label={label} size="sm" />
                </td>
                {splits.map((split) => (
                  <td key={split} className="num">
                    {format.number(plan.counts[split]?.[label] ?? 0)}
                  </td>
                ))}
              </tr>
            ))}
          </tbody>
        </table>
        <div>
          <h3>{t(props.written ? 'export.filesWritten' : 'export.files')}</h3>
          <ul className="file-list" data-testid="export-files">
            {plan.files.map((file) => (
              <li key={file} className="mono">
                {file}
              </li>
            ))}
          </ul>
        </div>
      </div>
    </div>
  );
}
