/**
 * Where each tube is drawn on a tube sheet, for the summary's map (SVG in the renderer)
 * and the report's map (SVG in the core). Runtime-neutral: no Node, no DOM.
 *
 * Without a layout the sheet is rows × columns from the photographed positions. A
 * `grid` layout may stagger every other row by half a pitch; a `positions` layout (a
 * small JSON of tube centres, e.g. concentric rings) places each tube where the real
 * sheet has it, and tubes it does not list are still drawn, on a row below it, so no
 * photo is ever hidden by a wrong layout.
 */
import type { TubeLayout } from '../contract.js';

export interface PlacedTube {
  row: number;
  col: number;
  /** Centre, in drawing units (the tube pitch is about 1). */
  x: number;
  y: number;
}

export interface SheetGeometry<T extends { row: number; col: number }> {
  /** Every tube with its centre; `tube` is null for layout positions nobody photographed. */
  cells: { tube: T | null; place: PlacedTube }[];
  /** Drawn diameter of a tube. */
  diameter: number;
  /** Bounding box of the drawing, including half a tube of margin. */
  minX: number;
  minY: number;
  width: number;
  height: number;
  /** Axis labels, when the sheet is a grid. */
  rowLabels: { row: number; y: number }[];
  colLabels: { col: number; x: number }[];
}

const key = (row: number, col: number) => `${row}:${col}`;

/** Places `tubes` on the sheet `layout` describes (rows × columns when null). */
export function placeTubes<T extends { row: number; col: number }>(
  tubes: readonly T[],
  layout: TubeLayout | null,
): SheetGeometry<T> {
  if (layout?.kind === 'positions') return placeByPositions(tubes, layout);
  return placeOnGrid(tubes, layout?.kind === 'grid' ? layout.pitch : 'square');
}

function placeOnGrid<T extends { row: number; col: number }>(
  tubes: readonly T[],
  pitch: 'square' | 'staggered',
): SheetGeometry<T> {
  if (tubes.length === 0) return emptyGeometry();
  const rows = tubes.map((t) => t.row);
  const cols = tubes.map((t) => t.col);
  const minRow = Math.min(...rows);
  const maxRow = Math.max(...rows);
  const minCol = Math.min(...cols);
  const maxCol = Math.max(...cols);
  const shift = (row: number) => (pitch === 'staggered' && (row - minRow) % 2 === 1 ? 0.5 : 0);
  // A staggered pitch packs rows closer (equilateral triangles).
  const rowStep = pitch === 'staggered' ? Math.sqrt(3) / 2 : 1;
  const cells = tubes.map((tube) => ({
    tube,
    place: {
      row: tube.row,
      col: tube.col,
      x: tube.col - minCol + shift(tube.row),
      y: (tube.row - minRow) * rowStep,
    },
  }));
  const labelEvery = (n: number) => (n <= 20 ? 1 : n <= 60 ? 5 : 10);
  const rowEvery = labelEvery(maxRow - minRow + 1);
  const colEvery = labelEvery(maxCol - minCol + 1);
  const rowLabels: { row: number; y: number }[] = [];
  for (let row = minRow; row <= maxRow; row++) {
    if (row === minRow || row % rowEvery === 0)
      rowLabels.push({ row, y: (row - minRow) * rowStep });
  }
  const colLabels: { col: number; x: number }[] = [];
  for (let col = minCol; col <= maxCol; col++) {
    if (col === minCol || col % colEvery === 0) colLabels.push({ col, x: col - minCol });
  }
  const extra = pitch === 'staggered' && maxRow > minRow ? 0.5 : 0;
  return {
    cells,
    diameter: 0.86,
    minX: -0.5,
    minY: -0.5,
    width: maxCol - minCol + 1 + extra,
    height: (maxRow - minRow) * rowStep + 1,
    rowLabels,
    colLabels,
  };
}

function placeByPositions<T extends { row: number; col: number }>(
  tubes: readonly T[],
  layout: Extract<TubeLayout, { kind: 'positions' }>,
): SheetGeometry<T> {
  const byKey = new Map(tubes.map((t) => [key(t.row, t.col), t]));
  const spacing = closestSpacing(layout.tubes);
  // Normalise so that the closest two tubes are one unit apart, like the grid.
  const scale = spacing > 0 ? 1 / spacing : 1;
  const diameter = layout.diameter !== undefined ? layout.diameter * scale : 0.8;
  const cells: SheetGeometry<T>['cells'] = layout.tubes.map((p) => ({
    tube: byKey.get(key(p.row, p.col)) ?? null,
    place: { row: p.row, col: p.col, x: p.x * scale, y: p.y * scale },
  }));
  const xs = cells.map((c) => c.place.x);
  const ys = cells.map((c) => c.place.y);
  let minX = Math.min(...xs);
  let maxX = Math.max(...xs);
  const minY = Math.min(...ys);
  let maxY = Math.max(...ys);
  // Photographed tubes the layout does not know: a row under the drawing, never dropped.
  const listed = new Set(layout.tubes.map((p) => key(p.row, p.col)));
  const strays = tubes.filter((t) => !listed.has(key(t.row, t.col)));
  if (strays.length > 0) {
    const perRow = Math.max(1, Math.floor(maxX - minX) + 1);
    strays.forEach((tube, i) => {
      cells.push({
        tube,
        place: {
          row: tube.row,
          col: tube.col,
          x: minX + (i % perRow),
          y: maxY + 1.5 + Math.floor(i / perRow),
        },
      });
    });
    maxX = Math.max(maxX, minX + Math.min(strays.length, perRow) - 1);
    maxY = maxY + 1.5 + Math.floor((strays.length - 1) / perRow);
  }
  const margin = Math.max(0.5, diameter / 2 + 0.1);
  minX -= margin;
  return {
    cells,
    diameter,
    minX,
    minY: minY - margin,
    width: maxX + margin - minX,
    height: maxY - minY + 2 * margin,
    rowLabels: [],
    colLabels: [],
  };
}

function closestSpacing(points: readonly { x: number; y: number }[]): number {
  // Sorted by x, each point only needs comparing with its next few neighbours for a good
  // estimate; exactness does not matter, only a sensible drawing scale.
  const sorted = [...points].sort((a, b) => a.x - b.x);
  let best = Infinity;
  for (let i = 0; i < sorted.length; i++) {
    for (let j = i + 1; j < Math.min(sorted.length, i + 12); j++) {
      const a = sorted[i] as { x: number; y: number };
      const b = sorted[j] as { x: number; y: number };
      const d = Math.hypot(a.x - b.x, a.y - b.y);
      if (d > 0 && d < best) best = d;
    }
  }
  return Number.isFinite(best) ? best : 1;
}

function emptyGeometry<T extends { row: number; col: number }>(): SheetGeometry<T> {
  return {
    cells: [],
    diameter: 0.86,
    minX: 0,
    minY: 0,
    width: 1,
    height: 1,
    rowLabels: [],
    colLabels: [],
  };
}

/**
 * The cell to move to from `from` when an arrow key is pressed: the nearest cell whose
 * centre lies in that direction (within a 45° cone), so arrows walk grids, staggered
 * rows and rings alike. Null at the edge.
 */
export function neighbourInDirection(
  places: readonly { x: number; y: number }[],
  from: number,
  direction: 'left' | 'right' | 'up' | 'down',
): number | null {
  const origin = places[from];
  if (!origin) return null;
  let best: number | null = null;
  let bestScore = Infinity;
  places.forEach((p, i) => {
    if (i === from) return;
    const dx = p.x - origin.x;
    const dy = p.y - origin.y;
    const along =
      direction === 'left' ? -dx : direction === 'right' ? dx : direction === 'up' ? -dy : dy;
    const across = direction === 'left' || direction === 'right' ? Math.abs(dy) : Math.abs(dx);
    if (along <= 1e-9 || across > along) return;
    // Prefer staying on the same line: sideways distance weighs more than forward distance.
    const score = along + 2 * across;
    if (score < bestScore) {
      bestScore = score;
      best = i;
    }
  });
  return best;
}
