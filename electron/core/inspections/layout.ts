/**
 * The tube sheet drawing of this library (a real reboiler's sheet: rings, staggered
 * pitch), kept as JSON in the settings table. Validated on the way in and on the way
 * out, so a hand-edited database cannot break the maps.
 */
import { TubeLayout } from '../../contract.js';
import { CoreError } from '../errors.js';
import type { CoreMessage } from '../../shared/core-messages/index.js';
import { issueMessages } from '../validation-messages.js';
import type { Db } from '../library/database.js';

const LAYOUT_KEY = 'tubeSheetLayout';

export function readLayout(db: Db): TubeLayout | null {
  const json = db.prepare('SELECT value FROM settings WHERE key = ?').pluck().get(LAYOUT_KEY) as
    string | undefined;
  if (!json) return null;
  try {
    const parsed = TubeLayout.safeParse(JSON.parse(json));
    return parsed.success ? parsed.data : null;
  } catch {
    return null;
  }
}

export function writeLayout(db: Db, layout: TubeLayout | null): TubeLayout | null {
  if (layout === null) db.prepare('DELETE FROM settings WHERE key = ?').run(LAYOUT_KEY);
  else {
    db.prepare(
      'INSERT INTO settings (key, value) VALUES (?, ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value',
    ).run(LAYOUT_KEY, JSON.stringify(layout));
  }
  return readLayout(db);
}

/** A layout file's text, checked: a clear error names what is wrong in it. */
export function parseLayoutText(text: string, file: string): TubeLayout {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    throw new CoreError('INVALID_ARGUMENT', notJson(text, file, error as Error));
  }
  const parsed = TubeLayout.safeParse(value);
  if (!parsed.success) {
    throw new CoreError('INVALID_ARGUMENT', {
      key: 'inspections.layoutInvalid',
      values: {
        file,
        detail: issueMessages(parsed.error, { root: { key: 'validation.layout' }, input: value }),
      },
    });
  }
  return parsed.data;
}

/**
 * Where JSON.parse stopped, as line and column (the parser's own sentence is English);
 * its words only when it gives no position.
 */
function notJson(text: string, file: string, error: Error): CoreMessage {
  const position = /position (\d+)/.exec(error.message);
  if (!position) {
    return { key: 'inspections.layoutNotJson', values: { file, detail: error.message } };
  }
  const before = text.slice(0, Number(position[1]));
  const line = before.split('\n').length;
  const column = before.length - before.lastIndexOf('\n');
  return { key: 'inspections.layoutNotJsonAt', values: { file, line, column } };
}
