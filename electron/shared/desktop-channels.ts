/**
 * The desktop-only IPC channels and the one desktop event, shared by the preload (which
 * calls them) and the main process (which answers them). The contract's own channels
 * (`IPC_INVOKE_CHANNEL`, `IPC_EVENT_CHANNEL`) live in electron/contract.ts.
 *
 * This module imports nothing, so the sandboxed preload bundle stays free of zod and Node.
 */

/** Channels of `DesktopExtras`, one per function. */
export const DESKTOP_CHANNELS = {
  pickFolder: 'desk:pick-folder',
  removableDrives: 'desk:removable-drives',
  openFolder: 'desk:open-folder',
} as const;

/** `DesktopExtras.saveReportPdf` (inspections): the report printed by the main process. */
export const REPORT_PDF_CHANNEL = 'desk:save-report-pdf';

/**
 * The application menu's requests to the renderer, delivered on the contract's event
 * channel under this name: the renderer owns navigation, the menu only asks for it.
 * Subscribe with `window.inspectionDesk.on('menu.command', ({ command }) => ...)`.
 */
export const MENU_COMMAND_EVENT = 'menu.command';

/** What a menu item can ask the renderer to show. */
export type MenuCommand = 'import' | 'export' | 'shortcuts';

export interface MenuCommandPayload {
  command: MenuCommand;
}

/** Why the native folder dialog opens; decides its title and options. */
export const FOLDER_PURPOSES = ['import', 'export', 'library', 'model'] as const;
export type FolderPurpose = (typeof FOLDER_PURPOSES)[number];
