import type React from 'react';
import { LabelSwatch } from '../../components/LabelChip.js';
import { labelColor } from '../../components/label-colors.js';
import { useI18n } from '../../i18n/i18n.js';

/**
 * The model's confidence over 10 bins (0–10% … 90–100%), stacked by predicted label.
 * With `onBar`, each bar part is a button (click or Enter) showing its photos in the grid.
 */
export function ConfidenceHistogram(props: {
  histogram: { label: string; bins: number[] }[];
  onBar?(label: string, bin: number): void;
}) {
  const { t, format } = useI18n();
  const bins = 10;
  const totals = Array.from({ length: bins }, (_, i) =>
    props.histogram.reduce((sum, series) => sum + (series.bins[i] ?? 0), 0),
  );
  const max = Math.max(1, ...totals);
  const width = 560;
  const height = 120;
  const barWidth = width / bins;
  return (
    <figure className="histogram" data-testid="confidence-histogram">
      <svg
        viewBox={`0 0 ${width} ${height + 24}`}
        // With clickable bars it is a group of buttons: an image must not hold controls.
        role={props.onBar ? 'group' : 'img'}
        aria-label={t('summary.histogram')}
      >
        {Array.from({ length: bins }, (_, i) => {
          let y = height;
          return (
            <g key={i}>
              {props.histogram.map((series) => {
                const value = series.bins[i] ?? 0;
                const h = (value / max) * (height - 16);
                y -= h;
                return (
                  <rect
                    key={series.label}
                    x={i * barWidth + 4}
                    y={y}
                    width={barWidth - 8}
                    height={h}
                    fill={labelColor(series.label).solid}
                    {...(props.onBar && value > 0
                      ? {
                          className: 'histogram__bar',
                          role: 'button',
                          tabIndex: 0,
                          'data-testid': 'histogram-bar',
                          'data-label': series.label,
                          'data-bin': i,
                          'aria-label': t('inspections.showBar', {
                            label: series.label,
                            count: format.number(value),
                            from: i * 10,
                            to: (i + 1) * 10,
                          }),
                          onClick: () => props.onBar?.(series.label, i),
                          onKeyDown: (event: React.KeyboardEvent) => {
                            if (event.key !== 'Enter' && event.key !== ' ') return;
                            event.preventDefault();
                            props.onBar?.(series.label, i);
                          },
                        }
                      : {})}
                  >
                    <title>
                      {`${series.label}: ${format.number(value)} (${i * 10}–${(i + 1) * 10}%)`}
                    </title>
                  </rect>
                );
              })}
              {(totals[i] ?? 0) > 0 && (
                <text
                  x={i * barWidth + barWidth / 2}
                  y={y - 4}
                  textAnchor="middle"
                  className="histogram__count"
                >
                  {format.number(totals[i] ?? 0)}
                </text>
              )}
              <text
                x={i * barWidth + barWidth / 2}
                y={height + 16}
                textAnchor="middle"
                className="histogram__axis"
              >
                {`${i * 10}–${(i + 1) * 10}%`}
              </text>
            </g>
          );
        })}
        <line x1={0} x2={width} y1={height} y2={height} stroke="#8a9099" />
      </svg>
      <figcaption className="legend">
        {props.histogram.map((series) => (
          <span key={series.label}>
            <LabelSwatch label={series.label} /> {series.label}
          </span>
        ))}
        <span className="muted">{t('summary.histogramCaption')}</span>
      </figcaption>
    </figure>
  );
}
