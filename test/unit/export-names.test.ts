import { describe, expect, it } from 'vitest';
import { csvDocument, csvField, spreadsheetText } from '../../electron/core/export/csv.js';
import {
  checkLabelFolders,
  exportFileName,
  labelFolderProblem,
  sanitizeStem,
} from '../../electron/core/export/file-names.js';
import { serializeError } from '../../electron/core/errors.js';

const SHA = 'ab12cd34ef56ab12cd34ef56ab12cd34ef56ab12cd34ef56ab12cd34ef56ab12';

describe('exported file names', () => {
  it('keeps readable names and adds the hash prefix', () => {
    expect(exportFileName('R12C034_20260312-101502.JPG', SHA, 'jpg')).toBe(
      'R12C034_20260312-101502_ab12cd34ef56.jpg',
    );
  });

  it('never lets a name climb out of its folder', () => {
    for (const evil of [
      '../../etc/passwd.jpg',
      '..\\..\\x.jpg',
      '/abs/path.png',
      'C:\\win\\y.jpg',
    ]) {
      const name = exportFileName(evil, SHA, 'jpg');
      expect(name).toMatch(/^[A-Za-z0-9._-]+$/);
      expect(name).not.toContain('..');
      expect(name.startsWith('.')).toBe(false);
    }
    expect(exportFileName('../../etc/passwd.jpg', SHA, 'jpg')).toBe('passwd_ab12cd34ef56.jpg');
    expect(exportFileName('..\\x.jpg', SHA, 'jpg')).toBe('x_ab12cd34ef56.jpg');
  });

  it('turns accents, spaces, commas and quotes into safe characters', () => {
    expect(sanitizeStem('Tubo ção, "lado A".jpeg')).toBe('Tubo_cao_lado_A');
    expect(sanitizeStem('...hidden.jpg')).toBe('hidden');
    expect(sanitizeStem('a..b.jpg')).toBe('a.b');
    expect(sanitizeStem('日本.jpg')).toBe('photo');
    expect(sanitizeStem('x'.repeat(300) + '.jpg')).toHaveLength(80);
    expect(exportFileName('IMG.JPG', SHA, 'JPG', true)).toBe(`IMG_${SHA}.jpg`);
  });
});

describe('label folders', () => {
  it('accepts ordinary labels in any language', () => {
    for (const label of ['clear', 'obstructed', 'parcialmente obstruído', 'tampa-aberta', 'v1.2']) {
      expect(labelFolderProblem(label)).toBeNull();
    }
  });

  it('refuses dots, separators, Windows traps and labels that differ only in case', () => {
    for (const label of ['.', '..', 'a/b', 'a\\b', 'CON', 'nul.txt', 'ends with dot.', ' padded']) {
      expect(labelFolderProblem(label), label).not.toBeNull();
    }
    const error = serializeError(
      (() => {
        try {
          checkLabelFolders(['Clear', 'clear', 'ok']);
        } catch (e) {
          return e;
        }
        return null;
      })(),
    );
    expect(error.code).toBe('INVALID_ARGUMENT');
    expect(error.message).toContain('"Clear" and "clear"');
    // The same problem in Portuguese for a pt-BR user.
    const pt = serializeError(
      (() => {
        try {
          checkLabelFolders(['Clear', 'clear', 'CON']);
        } catch (e) {
          return e;
        }
        return null;
      })(),
      'pt-BR',
    );
    expect(pt.message).toContain('"Clear" e "clear" (diferem só em maiúsculas/minúsculas)');
    expect(pt.message).toContain('"CON" (o Windows reserva este nome)');
  });
});

describe('CSV (RFC 4180)', () => {
  it('quotes fields with commas, quotes and line breaks, doubling quotes', () => {
    expect(csvField('plain')).toBe('plain');
    expect(csvField('a,b')).toBe('"a,b"');
    expect(csvField('say "hi"')).toBe('"say ""hi"""');
    expect(csvField('two\nlines')).toBe('"two\nlines"');
    expect(csvField(null)).toBe('');
    expect(csvField(0.25)).toBe('0.25');
    expect(csvField(false)).toBe('false');
    expect(csvDocument(['a', 'b'], [['1', 'x,y']])).toBe('a,b\r\n1,"x,y"\r\n');
  });
});

describe('card paths in labels.csv (CSV injection, issue 14 L7)', () => {
  it('keeps names a spreadsheet would run as formulas as text', () => {
    for (const name of ['=HYPERLINK("http://x")', '+1+2.jpg', '-3.jpg', '@SUM(A1).jpg', '\t=1']) {
      expect(spreadsheetText(name)).toBe(`'${name}`);
    }
    expect(spreadsheetText('DCIM/100ROBOT/=1.jpg')).toBe('DCIM/100ROBOT/=1.jpg');
    expect(spreadsheetText(null)).toBeNull();
    // Still one quoted CSV field when it holds a comma.
    expect(csvField(spreadsheetText('=1,2.jpg'))).toBe(`"'=1,2.jpg"`);
  });
});
