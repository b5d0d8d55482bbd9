import { describe, expect, it } from 'vitest';
import { FORMAT_EXTENSION, sniffImageFormat } from '../../electron/core/imaging/sniff.js';

function bytes(...parts: (number[] | string)[]): Uint8Array {
  const out: number[] = [];
  for (const part of parts) {
    if (typeof part === 'string') out.push(...[...part].map((c) => c.charCodeAt(0)));
    else out.push(...part);
  }
  while (out.length < 16) out.push(0);
  return Uint8Array.from(out);
}

describe('recognizing photos by their bytes', () => {
  it('recognizes JPEG, PNG, WebP and both TIFF byte orders', () => {
    expect(sniffImageFormat(bytes([0xff, 0xd8, 0xff, 0xe1]))).toBe('jpeg');
    expect(sniffImageFormat(bytes([0x89], 'PNG', [0x0d, 0x0a, 0x1a, 0x0a]))).toBe('png');
    expect(sniffImageFormat(bytes('RIFF', [0x24, 0, 0, 0], 'WEBPVP8 '))).toBe('webp');
    expect(sniffImageFormat(bytes('II', [0x2a, 0]))).toBe('tiff');
    expect(sniffImageFormat(bytes('MM', [0, 0x2a]))).toBe('tiff');
  });

  it('rejects text, other RIFF files and too-short input, whatever the file is called', () => {
    expect(sniffImageFormat(bytes('hello, this is a note'))).toBeNull();
    expect(sniffImageFormat(bytes('RIFF', [0x24, 0, 0, 0], 'WAVEfmt '))).toBeNull();
    expect(sniffImageFormat(Uint8Array.from([0xff, 0xd8]))).toBeNull();
    expect(sniffImageFormat(new Uint8Array(0))).toBeNull();
  });

  it('stores originals with the usual extension of their format', () => {
    expect(FORMAT_EXTENSION).toEqual({ jpeg: 'jpg', png: 'png', webp: 'webp', tiff: 'tif' });
  });
});
