/**
 * The reboiler's tube sheet as the robot saw it: one cell per photographed tube at its
 * row and column, colored by label (solid = reviewed, pale = model only). Click a tube
 * to open its photo.
 */
import { LabelSwatch } from '../../components/LabelChip.js';
import { labelColor } from '../../components/label-colors.js';
import { useI18n } from '../../i18n/i18n.js';
import type { LibrarySummary } from '../../../electron/contract.js';

type Tube = LibrarySummary['tubes'][number];

export function TubeSheetMap(props: { tubes: Tube[]; onOpen(imageId: number): void }) {
  const { t } = useI18n();
  const rows = Math.max(...props.tubes.map((tube) => tube.row));
  const cols = Math.max(...props.tubes.map((tube) => tube.col));
  const minRow = Math.min(...props.tubes.map((tube) => tube.row));
  const minCol = Math.min(...props.tubes.map((tube) => tube.col));
  const nRows = rows - minRow + 1;
  const nCols = cols - minCol + 1;
  const cell = Math.max(4, Math.min(28, Math.floor(1100 / nCols)));
  const labels = [...new Set(props.tubes.map((tube) => tube.label))];
  return (
    <figure className="tube-map" data-testid="tube-map">
      <div className="tube-map__scroll">
        <svg
          width={nCols * cell + 40}
          height={nRows * cell + 24}
          role="img"
          aria-label={t('summary.tubeMap')}
        >
          {Array.from({ length: nCols }, (_, c) =>
            (c + minCol) % 5 === 0 || nCols <= 20 ? (
              <text
                key={c}
                x={40 + c * cell + cell / 2}
                y={14}
                textAnchor="middle"
                className="tube-map__axis"
              >
                {c + minCol}
              </text>
            ) : null,
          )}
          {Array.from({ length: nRows }, (_, r) =>
            (r + minRow) % 5 === 0 || nRows <= 20 ? (
              <text
                key={r}
                x={34}
                y={24 + r * cell + cell / 2 + 4}
                textAnchor="end"
                className="tube-map__axis"
              >
                {r + minRow}
              </text>
            ) : null,
          )}
          {props.tubes.map((tube) => {
            const color = labelColor(tube.label);
            return (
              <rect
                key={tube.imageId}
                className="tube-map__cell"
                data-testid="tube-cell"
                x={40 + (tube.col - minCol) * cell + 1}
                y={24 + (tube.row - minRow) * cell + 1}
                width={cell - 2}
                height={cell - 2}
                rx={Math.min(4, cell / 4)}
                fill={color.solid}
                fillOpacity={tube.reviewed ? 1 : 0.4}
                stroke={color.solid}
                strokeWidth={tube.reviewed ? 0 : 1}
                onClick={() => props.onOpen(tube.imageId)}
              >
                <title>
                  {t('summary.tubeTitle', {
                    row: tube.row,
                    col: tube.col,
                    label: tube.label ?? t('label.none'),
                    state: t(tube.reviewed ? 'summary.reviewed' : 'summary.modelOnly'),
                  })}
                </title>
              </rect>
            );
          })}
        </svg>
      </div>
      <figcaption className="legend">
        {labels.map((label) => (
          <span key={label ?? ''}>
            <LabelSwatch label={label} /> {label ?? t('label.none')}
          </span>
        ))}
        <span className="muted">{t('summary.tubeLegend')}</span>
      </figcaption>
    </figure>
  );
}
