import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { TubeLayout } from '../../electron/contract.js';
import { tubeId } from '../../electron/shared/tube-id.js';
import { neighbourInDirection, placeTubes } from '../../electron/shared/tube-layout.js';
import {
  confusionCellFilter,
  histogramBarFilter,
} from '../../renderer/screens/summary/plot-filters.js';

const grid = (rows: number, cols: number) =>
  Array.from({ length: rows * cols }, (_, i) => ({
    row: 1 + Math.floor(i / cols),
    col: 1 + (i % cols),
  }));

describe('tube sheet layout', () => {
  it('names tubes as the robot does', () => {
    expect(tubeId(7, 10)).toBe('R07C010');
    expect(tubeId(112, 1234)).toBe('R112C1234');
  });

  it('draws rows × columns from the photographed positions, with every tube inside the drawing', () => {
    const g = placeTubes(grid(3, 4), null);
    expect(g.cells).toHaveLength(12);
    for (const { place } of g.cells) {
      expect(place.x - g.diameter / 2).toBeGreaterThanOrEqual(g.minX);
      expect(place.x + g.diameter / 2).toBeLessThanOrEqual(g.minX + g.width);
      expect(place.y + g.diameter / 2).toBeLessThanOrEqual(g.minY + g.height);
    }
    expect(g.colLabels.map((l) => l.col)).toEqual([1, 2, 3, 4]);
  });

  it('shifts every other row by half a pitch on a staggered sheet', () => {
    const g = placeTubes(grid(2, 3), { kind: 'grid', pitch: 'staggered' });
    const second = g.cells.filter((c) => c.place.row === 2).map((c) => c.place.x);
    expect(second).toEqual([0.5, 1.5, 2.5]);
  });

  it('places tubes where a positions layout (the shipped rings example) puts them, and keeps unknown tubes', () => {
    const layout = TubeLayout.parse(
      JSON.parse(readFileSync('resources/tube-layouts/rings-example.json', 'utf8')),
    );
    const photographed = [
      { row: 1, col: 1 },
      { row: 2, col: 1 },
      { row: 9, col: 9 },
    ];
    const g = placeTubes(photographed, layout);
    expect(g.cells).toHaveLength(62); // 61 layout positions + the stray tube below them
    expect(g.cells.filter((c) => c.tube !== null)).toHaveLength(3);
    const stray = g.cells.find((c) => c.tube?.row === 9);
    const maxLayoutY = Math.max(...g.cells.filter((c) => c !== stray).map((c) => c.place.y));
    expect(stray!.place.y).toBeGreaterThan(maxLayoutY);
  });

  it('walks a grid and a ring with the arrow keys to the nearest tube in that direction', () => {
    const g = placeTubes(grid(3, 3), null);
    const places = g.cells.map((c) => c.place);
    const at = (row: number, col: number) =>
      places.findIndex((p) => p.row === row && p.col === col);
    expect(neighbourInDirection(places, at(2, 2), 'right')).toBe(at(2, 3));
    expect(neighbourInDirection(places, at(2, 2), 'up')).toBe(at(1, 2));
    expect(neighbourInDirection(places, at(2, 3), 'right')).toBeNull();
    const ring = [0, 1, 2, 3].map((k) => ({
      x: Math.cos((k * Math.PI) / 2),
      y: Math.sin((k * Math.PI) / 2),
    }));
    expect(neighbourInDirection(ring, 0, 'left')).toBe(2);
    expect(neighbourInDirection(ring, 0, 'down')).toBe(1);
  });
});

describe('clickable plots', () => {
  it('turn a confusion-matrix cell and a histogram bar into the grid filter of those photos', () => {
    expect(confusionCellFilter('clogged', 'clear', { importId: 2 })).toEqual({
      importId: 2,
      reviewed: true,
      label: 'clogged',
      predicted: 'clear',
    });
    const bar = histogramBarFilter('clear', 7);
    expect(bar.minConfidence).toBe(0.7);
    expect(bar.maxConfidence).toBeLessThan(0.8);
    expect(bar.maxConfidence).toBeGreaterThan(0.7999);
    expect(histogramBarFilter('clear', 9).maxConfidence).toBe(1);
  });
});
