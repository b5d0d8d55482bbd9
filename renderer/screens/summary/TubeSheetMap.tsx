/**
 * The reboiler's tube sheet: one cell per photographed tube, where the real sheet has it
 * (rows × columns from the photos, or the library's layout: staggered pitch, rings),
 * coloured by label (solid = reviewed, pale = model only), or by what changed when two
 * inspections are compared. The drawing scales to its card, so nothing is clipped.
 *
 * Every cell is a button: click it, or reach it with the keyboard (Tab enters the map on
 * one cell, the arrows move to the nearest cell in that direction, Home/End jump to the
 * first/last) and press Enter to open its photo. One cell is in the tab order at a time
 * (roving tabindex), so Tab leaves the map instead of walking 2,000 tubes.
 */
import { useMemo, useRef, useState, type KeyboardEvent } from 'react';
import type { LibrarySummary, TubeChangeKind, TubeLayout } from '../../../electron/contract.js';
import { tubeId } from '../../../electron/shared/tube-id.js';
import { neighbourInDirection, placeTubes } from '../../../electron/shared/tube-layout.js';
import { LabelSwatch } from '../../components/LabelChip.js';
import { labelColor } from '../../components/label-colors.js';
import { useI18n } from '../../i18n/i18n.js';
import type { MessageKey } from '../../i18n/i18n.js';

export type Tube = LibrarySummary['tubes'][number];

/** Colours of a compared map: what got worse stands out most. */
export const changeColors: Record<TubeChangeKind, string> = {
  worsened: '#b3261e',
  cleared: '#1b7a3a',
  changed: '#b26a00',
  added: '#1f5fbf',
  missing: '#6b7280',
};

export const changeKindKeys: Record<TubeChangeKind, MessageKey> = {
  worsened: 'inspections.kind.worsened',
  cleared: 'inspections.kind.cleared',
  changed: 'inspections.kind.changed',
  added: 'inspections.kind.added',
  missing: 'inspections.kind.missing',
};

const ARROWS: Record<string, 'left' | 'right' | 'up' | 'down'> = {
  ArrowLeft: 'left',
  ArrowRight: 'right',
  ArrowUp: 'up',
  ArrowDown: 'down',
};

/** Largest drawn pitch in CSS pixels: a 4 × 10 sheet should not fill the screen. */
const MAX_PITCH_PX = 30;

export function TubeSheetMap(props: {
  tubes: Tube[];
  layout: TubeLayout | null;
  onOpen(imageId: number): void;
  /** When set, cells are coloured by change (tube id → kind); unchanged tubes fade. */
  changes?: ReadonlyMap<string, TubeChangeKind> | null;
  testId?: string;
}) {
  const { t } = useI18n();
  const { tubes, layout, changes } = props;
  const geometry = useMemo(() => placeTubes(tubes, layout), [tubes, layout]);
  const cells = useMemo(
    () => geometry.cells.filter((c): c is { tube: Tube; place: (typeof c)['place'] } => !!c.tube),
    [geometry],
  );
  const places = useMemo(() => cells.map((c) => c.place), [cells]);
  const [active, setActive] = useState(0);
  const refs = useRef<(SVGGElement | null)[]>([]);
  const current = Math.min(active, Math.max(0, cells.length - 1));

  const focusCell = (index: number) => {
    setActive(index);
    refs.current[index]?.focus();
  };

  function onKeyDown(event: KeyboardEvent<SVGSVGElement>) {
    const direction = ARROWS[event.key];
    let next: number | null = null;
    if (direction) next = neighbourInDirection(places, current, direction);
    else if (event.key === 'Home') next = 0;
    else if (event.key === 'End') next = cells.length - 1;
    else if (event.key === 'Enter' || event.key === ' ') {
      const cell = cells[current];
      if (cell) props.onOpen(cell.tube.imageId);
    } else return;
    event.preventDefault();
    event.stopPropagation();
    if (next !== null) focusCell(next);
  }

  const axis = geometry.rowLabels.length > 0 ? 0.9 : 0;
  const x0 = geometry.minX - axis;
  const y0 = geometry.minY - axis;
  const width = geometry.width + axis;
  const height = geometry.height + axis;
  const r = geometry.diameter / 2;
  const labels = [...new Set(tubes.map((tube) => tube.label))];

  return (
    <figure className="tube-map" data-testid={props.testId ?? 'tube-map'}>
      <svg
        className="tube-map__svg"
        viewBox={`${x0} ${y0} ${width} ${height}`}
        style={{ maxWidth: `${Math.ceil(width * MAX_PITCH_PX)}px` }}
        role="group"
        aria-label={t('summary.tubeMap')}
        onKeyDown={onKeyDown}
      >
        {geometry.colLabels.map((l) => (
          <text
            key={`c${l.col}`}
            x={l.x}
            y={geometry.minY - 0.15}
            textAnchor="middle"
            className="tube-map__axis"
          >
            {l.col}
          </text>
        ))}
        {geometry.rowLabels.map((l) => (
          <text
            key={`r${l.row}`}
            x={geometry.minX - 0.15}
            y={l.y + 0.15}
            textAnchor="end"
            className="tube-map__axis"
          >
            {l.row}
          </text>
        ))}
        {geometry.cells
          .filter((c) => !c.tube)
          .map(({ place }) => (
            <circle
              key={`empty-${place.row}-${place.col}`}
              cx={place.x}
              cy={place.y}
              r={r}
              className="tube-map__empty"
            />
          ))}
        {cells.map(({ tube, place }, index) => {
          const name = tubeId(tube.row, tube.col);
          const change = changes ? (changes.get(name) ?? null) : undefined;
          const fill =
            change === undefined
              ? labelColor(tube.label).solid
              : change === null
                ? '#c9ced6'
                : changeColors[change];
          const opacity = change === undefined ? (tube.reviewed ? 1 : 0.45) : 1;
          const state =
            change === undefined
              ? t(tube.reviewed ? 'summary.reviewed' : 'summary.modelOnly')
              : change === null
                ? t('inspections.unchanged')
                : t(changeKindKeys[change]);
          const title = t('inspections.tubeCellTitle', {
            tube: name,
            label: tube.label ?? t('label.none'),
            state,
          });
          return (
            <g
              key={`${tube.row}-${tube.col}`}
              ref={(element) => {
                refs.current[index] = element;
              }}
              className="tube-map__cell"
              data-testid="tube-cell"
              data-tube={name}
              data-change={change ?? undefined}
              role="button"
              tabIndex={index === current ? 0 : -1}
              aria-label={title}
              onFocus={() => setActive(index)}
              onClick={() => {
                setActive(index);
                props.onOpen(tube.imageId);
              }}
            >
              <title>{title}</title>
              <circle
                cx={place.x}
                cy={place.y}
                r={r}
                fill={fill}
                fillOpacity={opacity}
                stroke={change === undefined ? labelColor(tube.label).solid : fill}
                className="tube-map__dot"
              />
            </g>
          );
        })}
      </svg>
      <figcaption className="legend">
        {!changes &&
          labels.map((label) => (
            <span key={label ?? ''}>
              <LabelSwatch label={label} /> {label ?? t('label.none')}
            </span>
          ))}
        <span className="muted">
          {t(changes ? 'inspections.mapChangesLegend' : 'summary.tubeLegend')}
        </span>
      </figcaption>
    </figure>
  );
}
