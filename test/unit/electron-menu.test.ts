import { describe, expect, it, vi } from 'vitest';

vi.mock('electron', async () => (await import('./electron-fake.js')).electronModule);

const { findMenuItem } = await import('./electron-fake.js');
const { buildMenuTemplate } = await import('../../electron/main/menu.js');
const { desktopLanguage, desktopStrings } = await import('../../electron/main/desktop-strings.js');

type Template = Parameters<typeof findMenuItem>[0];

function template(platform: NodeJS.Platform, isDev = false) {
  const calls: string[] = [];
  const items = buildMenuTemplate({
    platform,
    isDev,
    strings: desktopStrings('en'),
    actions: {
      command: (command) => calls.push(`command:${command}`),
      openLibraryFolder: () => calls.push('open-library'),
      showAbout: () => calls.push('about'),
    },
  }) as Template;
  return { items, calls };
}

function roles(items: Template): string[] {
  return JSON.stringify(items).match(/"role":"[^"]+"/g) ?? [];
}

describe('application menu', () => {
  it('File offers import, export, the library folder and quit on Windows and Linux', () => {
    const { items, calls } = template('win32');
    const file = items![0]!;
    expect(file.label).toBe('File');
    expect(file.submenu!.map((i) => i.id ?? i.role ?? i.type)).toEqual([
      'import',
      'export',
      'separator',
      'open-library',
      'separator',
      'quit',
    ]);
    for (const id of ['import', 'export', 'open-library', 'shortcuts', 'about']) {
      findMenuItem(items, id)!.click!();
    }
    expect(calls).toEqual([
      'command:import',
      'command:export',
      'open-library',
      'command:shortcuts',
      'about',
    ]);
  });

  it('has keyboard accelerators for import, export and the shortcuts screen', () => {
    const { items } = template('linux');
    expect(findMenuItem(items, 'import')!.accelerator).toBe('CmdOrCtrl+I');
    expect(findMenuItem(items, 'export')!.accelerator).toBe('CmdOrCtrl+E');
    expect(findMenuItem(items, 'shortcuts')!.accelerator).toBe('F1');
  });

  it('offers reload and developer tools only while developing; zoom always', () => {
    expect(roles(template('linux', true).items)).toEqual(
      expect.arrayContaining(['"role":"reload"', '"role":"toggleDevTools"', '"role":"zoomIn"']),
    );
    const shipped = roles(template('linux', false).items);
    expect(shipped).not.toContain('"role":"reload"');
    expect(shipped).not.toContain('"role":"toggleDevTools"');
    expect(shipped).toEqual(expect.arrayContaining(['"role":"zoomIn"', '"role":"zoomOut"']));
  });

  it('on macOS uses the application menu for About and Quit, and keeps Edit for copy and paste', () => {
    const { items } = template('darwin');
    expect(items![0]!.role).toBe('appMenu');
    expect(roles(items)).toContain('"role":"editMenu"');
    expect(findMenuItem(items, 'about')).toBeUndefined();
    expect(roles(items)).not.toContain('"role":"quit"');
  });

  it('follows the system language: Portuguese for any Portuguese locale, else English', () => {
    expect(desktopLanguage(['pt-BR'])).toBe('pt-BR');
    expect(desktopLanguage(['pt-PT', 'en'])).toBe('pt-BR');
    expect(desktopLanguage(['en-US', 'pt-BR'])).toBe('en');
    expect(desktopLanguage([])).toBe('en');
    expect(desktopStrings('pt-BR').importCard).toBe('Importar cartão SD…');
  });
});
