/** Every CLI command, in the order the overview lists them. */
import type { Command } from '../command.js';
import { bundleCommand } from './bundle.js';
import { hubCommand, syncCommand } from './sync.js';
import { exportCommand } from './export.js';
import { importCommand } from './import.js';
import {
  compareInspectionsCommand,
  inspectionsCommand,
  reportCommand,
  tubeCommand,
} from './inspections.js';
import { importsCommand, settingsCommand, summaryCommand } from './library.js';
import { listCommand } from './list.js';
import { modelsCommand } from './models.js';
import { acceptCommand, labelCommand, noteCommand, undoCommand, unsureCommand } from './review.js';
import { showCommand } from './show.js';

export const commands: Command[] = [
  importCommand,
  listCommand,
  showCommand,
  labelCommand,
  acceptCommand,
  undoCommand,
  unsureCommand,
  noteCommand,
  exportCommand,
  bundleCommand,
  syncCommand,
  hubCommand,
  modelsCommand,
  summaryCommand,
  importsCommand,
  settingsCommand,
  // inspections
  inspectionsCommand,
  tubeCommand,
  compareInspectionsCommand,
  reportCommand,
];
