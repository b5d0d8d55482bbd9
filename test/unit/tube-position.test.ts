import { describe, expect, it } from 'vitest';
import { parseTubePosition } from '../../electron/core/ingest/tube-position.js';

describe('tube position from the photo name', () => {
  it.each([
    ['DCIM/100ROBOT/R12C034_20260312-101502.JPG', 12, 34],
    ['R01C001.jpg', 1, 1],
    ['r7c9.jpeg', 7, 9],
    ['R12_C34.jpg', 12, 34],
    ['R12-C034.JPG', 12, 34],
    ['row12_col34.png', 12, 34],
    ['ROW_12_COL_34.jpg', 12, 34],
    ['Row 12 Col 34.jpg', 12, 34],
    ['IMG_R3C4.jpg', 3, 4],
    ['L12T034.jpg', 12, 34],
    ['linha_12_tubo_34.JPG', 12, 34],
    ['tube_12_34.jpg', 12, 34],
    ['TUBO-12-34.JPG', 12, 34],
    ['12-34.jpg', 12, 34],
    ['012-0034.JPG', 12, 34],
    ['R12C034a.jpg', 12, 34],
    // Split over a folder per row and a file per tube.
    ['DCIM/R12/C034.jpg', 12, 34],
    ['ROW_12/TUBE_034.jpg', 12, 34],
    ['LINHA_3/T07.JPG', 3, 7],
  ])('%s is row %i, column %i', (relPath, row, col) => {
    expect(parseTubePosition(relPath)).toEqual({ row, col });
  });

  it.each([
    'DCIM/100ROBOT/IMG_0042.JPG',
    'DSC01234.JPG',
    '20260312-101502.JPG',
    '0042_0043.jpg',
    '2026-0312.jpg',
    'ERROR12C3.jpg',
    'frame_12-34_b.jpg',
    'tube_12.jpg',
    'R12.jpg',
    'C034.jpg',
    'R12C12345.jpg',
    'photos/ROBOT/C034.jpg',
    'R12/IMG_0034.jpg',
    'SCR12C3.png',
  ])('%s names no tube', (relPath) => {
    expect(parseTubePosition(relPath)).toBeNull();
  });

  it('prefers the file name over its folder', () => {
    expect(parseTubePosition('R01/R05C006.jpg')).toEqual({ row: 5, col: 6 });
  });
});
