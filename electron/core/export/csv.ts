/** RFC 4180 CSV: fields with a comma, quote or line break are quoted, quotes doubled. */

export type CsvValue = string | number | boolean | null | undefined;

export function csvField(value: CsvValue): string {
  if (value === null || value === undefined) return '';
  const text = String(value);
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/** One record, CRLF-terminated as RFC 4180 asks (Python's csv and pandas read it as is). */
export function csvRow(values: readonly CsvValue[]): string {
  return `${values.map(csvField).join(',')}\r\n`;
}

export function csvDocument(
  header: readonly string[],
  rows: readonly (readonly CsvValue[])[],
): string {
  return [csvRow(header), ...rows.map(csvRow)].join('');
}

/**
 * Text a spreadsheet must show as text: a cell starting with =, +, -, @ (or a tab or
 * carriage return) is run as a formula by Excel and LibreOffice (CSV injection: a file
 * named `=HYPERLINK(...)` on a card). A leading apostrophe keeps it text, as OWASP
 * advises. Used for columns that are only read by people (the card path), never for the
 * paths a training script opens.
 */
export function spreadsheetText(value: string | null | undefined): string | null {
  if (value === null || value === undefined) return null;
  return /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
}
