/**
 * The application menu. It stays small: items that need a screen ask the renderer for
 * it (`menu.command`), the rest are native roles or a call the main process makes itself.
 */
import { Menu, type MenuItemConstructorOptions } from 'electron';
import type { MenuCommand } from '../shared/desktop-channels.js';
import type { DesktopStrings } from './desktop-strings.js';

export interface MenuActions {
  /** Asks the renderer to show a screen. */
  command(command: MenuCommand): void;
  openLibraryFolder(): void;
  showAbout(): void;
}

export interface MenuOptions {
  platform: NodeJS.Platform;
  /** Reload and developer tools only while developing. */
  isDev: boolean;
  strings: DesktopStrings;
  actions: MenuActions;
}

export function buildMenuTemplate(options: MenuOptions): MenuItemConstructorOptions[] {
  const { strings: s, actions, isDev } = options;
  const mac = options.platform === 'darwin';
  const file: MenuItemConstructorOptions = {
    label: s.file,
    submenu: [
      {
        id: 'import',
        label: s.importCard,
        accelerator: 'CmdOrCtrl+I',
        click: () => actions.command('import'),
      },
      {
        id: 'export',
        label: s.export,
        accelerator: 'CmdOrCtrl+E',
        click: () => actions.command('export'),
      },
      { type: 'separator' },
      { id: 'open-library', label: s.openLibraryFolder, click: () => actions.openLibraryFolder() },
      // On macOS Quit lives in the application menu.
      ...(mac ? [] : [{ type: 'separator' as const }, { role: 'quit' as const, label: s.quit }]),
    ],
  };
  const view: MenuItemConstructorOptions = {
    label: s.view,
    submenu: [
      ...(isDev
        ? [
            { role: 'reload' as const, label: s.reload },
            { role: 'toggleDevTools' as const, label: s.toggleDevTools },
            { type: 'separator' as const },
          ]
        : []),
      { role: 'resetZoom', label: s.resetZoom },
      { role: 'zoomIn', label: s.zoomIn },
      { role: 'zoomOut', label: s.zoomOut },
      { type: 'separator' },
      { role: 'togglefullscreen', label: s.fullScreen },
    ],
  };
  const help: MenuItemConstructorOptions = {
    role: 'help',
    label: s.help,
    submenu: [
      {
        id: 'shortcuts',
        label: s.keyboardShortcuts,
        accelerator: 'F1',
        click: () => actions.command('shortcuts'),
      },
      ...(mac ? [] : [{ id: 'about', label: s.about, click: () => actions.showAbout() }]),
    ],
  };
  // macOS needs its application menu (About, Quit) and the Edit menu, without which
  // copy and paste do not work in text fields.
  return mac ? [{ role: 'appMenu' }, file, { role: 'editMenu' }, view, help] : [file, view, help];
}

export function installMenu(options: MenuOptions): void {
  Menu.setApplicationMenu(Menu.buildFromTemplate(buildMenuTemplate(options)));
}
