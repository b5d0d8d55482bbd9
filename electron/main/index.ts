/**
 * Entry point of the Electron main process (bundled to dist-electron/main.cjs).
 * Everything happens in `startDesktopApp`; this file only starts it.
 */
import { app } from 'electron';
import { startDesktopApp } from './desktop-app.js';

startDesktopApp().catch((error: unknown) => {
  console.error('Inspection Desk failed to start:', error);
  app.exit(1);
});
