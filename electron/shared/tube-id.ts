/**
 * How people name a tube: "R07C010" (row 7, column 10), as the inspection robot names
 * its photos. Shared by the core, the CLI and the renderer so every screen and the report
 * write the same name.
 */
export function tubeId(row: number, col: number): string {
  return `R${String(row).padStart(2, '0')}C${String(col).padStart(3, '0')}`;
}
