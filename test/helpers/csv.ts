import { expect } from 'vitest';

/**
 * Reads an export's CSV back the way RFC 4180 says (quoted fields, doubled quotes, CRLF
 * records), so a note with commas, quotes and line breaks comes back whole; a file that
 * does not end its last record, or a row with the wrong number of fields, fails the test.
 */
export function parseCsv<K extends string = string>(text: string): Record<K, string>[] {
  const records: string[][] = [];
  let field = '';
  let record: string[] = [];
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i] as string;
    if (quoted) {
      if (ch === '"' && text[i + 1] === '"') {
        field += '"';
        i++;
      } else if (ch === '"') quoted = false;
      else field += ch;
    } else if (ch === '"') quoted = true;
    else if (ch === ',') {
      record.push(field);
      field = '';
    } else if (ch === '\r' && text[i + 1] === '\n') {
      record.push(field);
      records.push(record);
      record = [];
      field = '';
      i++;
    } else field += ch;
  }
  expect(field, 'the CSV ends with a line break').toBe('');
  const [header, ...rows] = records;
  return rows.map((r) => {
    expect(r.length).toBe(header?.length);
    return Object.fromEntries((header ?? []).map((h, i) => [h, r[i] ?? ''])) as Record<K, string>;
  });
}
