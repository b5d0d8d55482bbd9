import { describe, expect, it } from 'vitest';
import { serializeError } from '../../electron/core/errors.js';
import { parseHubAddress } from '../../electron/core/hub/hub-address.js';

function refusal(db: string, objects: string): unknown {
  try {
    parseHubAddress(db, objects, {});
    return null;
  } catch (error) {
    return serializeError(error);
  }
}

describe('hub addresses', () => {
  it('splits the bucket from the endpoint (path-style) and names the hub without credentials', () => {
    const hub = parseHubAddress(
      'postgres://laptop7@hub.plant:5432/inspections?sslmode=require',
      'https://s3.plant:9000/inspection-photos',
      { AWS_REGION: 'sa-east-1' },
    );
    expect(hub.objects).toEqual({
      endpoint: 'https://s3.plant:9000',
      bucket: 'inspection-photos',
      region: 'sa-east-1',
    });
    expect(hub.key).toBe('hub.plant:5432/inspections https://s3.plant:9000/inspection-photos');
  });

  it('refuses passwords in an address, saying to put them in the environment', () => {
    expect(refusal('postgres://u:secret@hub/db', 'http://s3/b')).toMatchObject({
      code: 'HUB_INVALID',
      messageKey: 'hub.badUrl',
    });
    expect(refusal('postgres://hub/db', 'http://key:secret@s3/b')).toMatchObject({
      code: 'HUB_INVALID',
    });
    expect(
      String((refusal('postgres://u:secret@hub/db', 'http://s3/b') as { message: string }).message),
    ).not.toContain('secret');
  });

  it('refuses an address without a database or a bucket, or of another kind', () => {
    expect(refusal('postgres://hub', 'http://s3/b')).toMatchObject({ code: 'HUB_INVALID' });
    expect(refusal('postgres://hub/db', 'http://s3')).toMatchObject({ code: 'HUB_INVALID' });
    expect(refusal('mysql://hub/db', 'http://s3/b')).toMatchObject({ code: 'HUB_INVALID' });
    expect(refusal('postgres://hub/db', 'ftp://s3/b')).toMatchObject({ code: 'HUB_INVALID' });
  });

  it("says why in the reader's language, with no English inside the Portuguese message", () => {
    const said = (db: string, objects: string, language: 'en' | 'pt-BR'): string => {
      try {
        parseHubAddress(db, objects, {});
      } catch (error) {
        return serializeError(error, language).message;
      }
      throw new Error('the address was accepted');
    };
    expect(said('postgres://hub/db', 'http://s3', 'pt-BR')).toContain('não indica o bucket');
    expect(said('postgres://hub', 'http://s3/b', 'pt-BR')).toContain('não indica o banco de dados');
    expect(said('mysql://hub/db', 'http://s3/b', 'pt-BR')).toContain(
      'deve começar com postgres://',
    );
    expect(said('nothing', 'http://s3/b', 'pt-BR')).toContain('não é uma URL');
    expect(said('postgres://hub/db', 'ftp://s3/b', 'en')).toContain(
      'it must start with http:// or https://',
    );
    for (const [db, objects] of [
      ['postgres://hub/db', 'http://s3'],
      ['postgres://u:secret@hub/db', 'http://s3/b'],
      ['postgres://hub/db', 'http://k:secret@s3/b'],
    ] as const) {
      expect(said(db, objects, 'pt-BR')).not.toMatch(/\b(it|names|contains|must)\b/);
    }
  });
});
