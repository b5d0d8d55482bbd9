/**
 * Tube positions from the names the inspection robot gives its photos.
 *
 * Accepted patterns (case-insensitive; separators are one optional ` `, `_` or `-`):
 *
 * | in the file name                    | example                         |
 * |-------------------------------------|---------------------------------|
 * | R<row>C<col>, ROW<row>COL<col>      | `R12C034_20260312-101502.JPG`, `R12_C34.jpg`, `row12_col34.png`, `Row 12 Col 34.jpg` |
 * | L<row>T<col>, LINHA<row>TUBO<col>   | `L12T034.jpg`, `linha_12_tubo_34.jpg` (pt-BR: linha = row, tubo = tube) |
 * | TUBE_<row>_<col>, TUBO_<row>_<col>  | `tube_12_34.jpg`, `TUBO-12-34.JPG` (the separator between the numbers is required) |
 * | <row>-<col> as the WHOLE name       | `12-34.jpg`, `012-0034.JPG`     |
 *
 * and split over a folder and a file: a folder named `R12`, `ROW_12`, `L12` or
 * `LINHA_12` holding files that start with `C034`, `COL_34`, `T034`, `TUBE_34` or `TUBO_34`.
 *
 * Row and column are 1 to 4 digits. The letters must not be glued to a preceding
 * letter or digit (`ERROR12C3` is not row 12) and the column must not run on into more
 * digits. Being conservative matters more than catching every naming scheme: a wrong
 * tube position misleads the inspection report, a missing one only leaves a cell empty.
 * So `IMG_0042`, `DSC01234`, `20260312-101502` and `0042_0043` give no position.
 */

export interface TubePosition {
  row: number;
  col: number;
}

const SEP = '[ _-]?';
const NUM = '(\\d{1,4})';
/** Not glued to a preceding letter or digit. */
const START = '(?<![\\p{L}\\p{N}])';
/** The column does not run on into more digits. */
const END = '(?!\\d)';

const IN_NAME: readonly RegExp[] = [
  new RegExp(`${START}R(?:OW)?${SEP}${NUM}${SEP}C(?:OL)?${SEP}${NUM}${END}`, 'iu'),
  new RegExp(`${START}L(?:INHA)?${SEP}${NUM}${SEP}T(?:UBO)?${SEP}${NUM}${END}`, 'iu'),
  new RegExp(`${START}TUB[EO]${SEP}${NUM}[ _-]${NUM}${END}`, 'iu'),
  /^(\d{1,3})-(\d{1,4})$/u,
];

const ROW_FOLDER = new RegExp(`^(?:R|ROW|L|LINHA)${SEP}${NUM}$`, 'iu');
const COL_FILE = new RegExp(`^(?:C|COL|T|TUBE|TUBO)${SEP}${NUM}${END}`, 'iu');

/**
 * The tube position a photo's path names, or null when it names none unambiguously.
 * `relPath` is '/'-separated, relative to the imported folder.
 */
export function parseTubePosition(relPath: string): TubePosition | null {
  const parts = relPath.split('/');
  const fileName = parts[parts.length - 1] ?? '';
  const stem = stripExtension(fileName);

  for (const pattern of IN_NAME) {
    const match = pattern.exec(stem);
    if (match) return position(match[1], match[2]);
  }

  const folder = parts.length >= 2 ? parts[parts.length - 2] : undefined;
  const rowMatch = folder === undefined ? null : ROW_FOLDER.exec(folder);
  const colMatch = rowMatch ? COL_FILE.exec(stem) : null;
  if (rowMatch && colMatch) return position(rowMatch[1], colMatch[1]);
  return null;
}

function stripExtension(fileName: string): string {
  const dot = fileName.lastIndexOf('.');
  return dot > 0 ? fileName.slice(0, dot) : fileName;
}

function position(row: string | undefined, col: string | undefined): TubePosition | null {
  if (row === undefined || col === undefined) return null;
  return { row: Number.parseInt(row, 10), col: Number.parseInt(col, 10) };
}
