import type { ConfusionMatrix as Matrix } from '../../../electron/contract.js';
import { LabelChip } from '../../components/LabelChip.js';
import { useI18n } from '../../i18n/i18n.js';

/**
 * Rows: what the reviewer decided (truth); columns: what the model said. The diagonal
 * (agreement) is green, mistakes red, shaded by how many photos fall in the cell. With
 * `onCell`, a cell is a button that shows its photos in the review grid.
 */
export function ConfusionMatrix(props: {
  matrix: Matrix;
  onCell?(truth: string, predicted: string): void;
}) {
  const { t, format } = useI18n();
  const { labels, counts } = props.matrix;
  const max = Math.max(1, ...counts.flat());
  return (
    <div className="table-scroll">
      <table className="confusion" data-testid="confusion-matrix">
        <thead>
          <tr>
            <th className="confusion__corner">
              <span>{t('summary.truth')} ↓</span>
              <span>{t('summary.predicted')} →</span>
            </th>
            {labels.map((label) => (
              <th key={label} scope="col">
                <LabelChip label={label} reviewed={false} size="sm" />
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {labels.map((truth, r) => (
            <tr key={truth}>
              <th scope="row">
                <LabelChip label={truth} size="sm" />
              </th>
              {labels.map((predicted, c) => {
                const count = counts[r]?.[c] ?? 0;
                const strength = count === 0 ? 0 : 0.15 + 0.6 * (count / max);
                const hue = r === c ? '27, 122, 58' : '179, 38, 30';
                return (
                  <td
                    key={predicted}
                    className="confusion__cell"
                    style={{
                      background: `rgba(${hue}, ${strength})`,
                      color: strength > 0.5 ? '#fff' : undefined,
                    }}
                    title={t('summary.cellTitle', { truth, predicted, count })}
                  >
                    {props.onCell && count > 0 ? (
                      <button
                        type="button"
                        className="cell-button"
                        data-testid="confusion-cell"
                        aria-label={t('inspections.showCell', { truth, predicted, count })}
                        onClick={() => props.onCell?.(truth, predicted)}
                      >
                        {format.number(count)}
                      </button>
                    ) : (
                      format.number(count)
                    )}
                  </td>
                );
              })}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
