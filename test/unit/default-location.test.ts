import { describe, expect, it } from 'vitest';
import { defaultLibraryDir } from '../../electron/core/library/default-location.js';

describe('default library location', () => {
  it('sits in the same user-data folder Electron uses, per platform', () => {
    expect(defaultLibraryDir('linux', {}, '/home/ana')).toBe(
      '/home/ana/.config/Inspection Desk/library',
    );
    expect(defaultLibraryDir('linux', { XDG_CONFIG_HOME: '/cfg' }, '/home/ana')).toBe(
      '/cfg/Inspection Desk/library',
    );
    expect(defaultLibraryDir('darwin', {}, '/Users/ana')).toBe(
      '/Users/ana/Library/Application Support/Inspection Desk/library',
    );
    expect(
      defaultLibraryDir('win32', { APPDATA: 'C:\\Users\\ana\\AppData\\Roaming' }, 'C:\\Users\\ana'),
    ).toBe('C:\\Users\\ana\\AppData\\Roaming\\Inspection Desk\\library');
  });

  it('honours INSPECTION_DESK_LIBRARY', () => {
    expect(defaultLibraryDir('linux', { INSPECTION_DESK_LIBRARY: '/data/lib' }, '/home/ana')).toBe(
      '/data/lib',
    );
  });
});
