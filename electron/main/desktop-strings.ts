/**
 * The few words the main process shows itself (menu, dialog titles), in the operating
 * system's language like the native dialogs' own buttons: Portuguese (Brazil) or English.
 */
import type { FolderPurpose } from '../shared/desktop-channels.js';

export type DesktopLanguage = 'pt-BR' | 'en';

export interface DesktopStrings {
  file: string;
  importCard: string;
  export: string;
  openLibraryFolder: string;
  quit: string;
  view: string;
  reload: string;
  toggleDevTools: string;
  resetZoom: string;
  zoomIn: string;
  zoomOut: string;
  fullScreen: string;
  help: string;
  keyboardShortcuts: string;
  about: string;
  folderDialogTitle: Record<FolderPurpose, string>;
  startupFailed: string;
}

const STRINGS: Record<DesktopLanguage, DesktopStrings> = {
  'pt-BR': {
    file: 'Arquivo',
    importCard: 'Importar cartão SD…',
    export: 'Exportar…',
    openLibraryFolder: 'Abrir pasta da biblioteca…',
    quit: 'Sair',
    view: 'Exibir',
    reload: 'Recarregar',
    toggleDevTools: 'Ferramentas de desenvolvedor',
    resetZoom: 'Tamanho real',
    zoomIn: 'Aumentar zoom',
    zoomOut: 'Diminuir zoom',
    fullScreen: 'Tela cheia',
    help: 'Ajuda',
    keyboardShortcuts: 'Atalhos de teclado',
    about: 'Sobre o Inspection Desk',
    folderDialogTitle: {
      import: 'Escolha o cartão SD ou a pasta com as fotos',
      export: 'Escolha a pasta de destino da exportação',
      library: 'Escolha a pasta da biblioteca',
      model: 'Escolha a pasta do modelo (model.onnx e model.json)',
    },
    startupFailed: 'O Inspection Desk não pôde abrir a biblioteca',
  },
  en: {
    file: 'File',
    importCard: 'Import SD card…',
    export: 'Export…',
    openLibraryFolder: 'Open library folder…',
    quit: 'Quit',
    view: 'View',
    reload: 'Reload',
    toggleDevTools: 'Developer tools',
    resetZoom: 'Actual size',
    zoomIn: 'Zoom in',
    zoomOut: 'Zoom out',
    fullScreen: 'Full screen',
    help: 'Help',
    keyboardShortcuts: 'Keyboard shortcuts',
    about: 'About Inspection Desk',
    folderDialogTitle: {
      import: 'Choose the SD card or the folder with the photos',
      export: 'Choose the folder to export to',
      library: 'Choose the library folder',
      model: 'Choose the model folder (model.onnx and model.json)',
    },
    startupFailed: 'Inspection Desk could not open the library',
  },
};

/** Portuguese for any Portuguese locale (the users are in Brazil), else English. */
export function desktopLanguage(preferredLocales: readonly string[]): DesktopLanguage {
  const first = preferredLocales[0]?.toLowerCase() ?? '';
  return first.startsWith('pt') ? 'pt-BR' : 'en';
}

export function desktopStrings(language: DesktopLanguage): DesktopStrings {
  return STRINGS[language];
}
