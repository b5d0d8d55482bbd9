/**
 * Names of what an export writes. Photo names come from an SD card and label names from
 * a model or a reviewer: neither may steer a write outside the export folder, collide,
 * or break a training script on another operating system.
 */
import {
  renderCoreMessage,
  type CoreMessage,
  type CoreMessageKey,
} from '../../shared/core-messages/index.js';
import path from 'node:path';
import { LabelName } from '../../contract.js';
import { CoreError } from '../errors.js';

/** Longest stem kept from an original file name (the hash suffix keeps names unique). */
export const MAX_STEM_LENGTH = 80;
export const HASH_SUFFIX_LENGTH = 12;

/** Names Windows refuses for a file or folder, with or without an extension. */
const WINDOWS_RESERVED = /^(con|prn|aux|nul|com[0-9]|lpt[0-9])(\..*)?$/i;

/**
 * A file-name stem made of `[A-Za-z0-9._-]` only: accents are dropped ("ção" → "cao"),
 * anything else becomes "_", no leading dot or dash, no "..", at most 80 characters.
 * Only the last path segment of the name counts, whatever its separators.
 */
export function sanitizeStem(originalName: string): string {
  const base = originalName.split(/[\\/]/).pop() ?? '';
  const dot = base.lastIndexOf('.');
  const stem = dot > 0 ? base.slice(0, dot) : base;
  const clean = stem
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/[^A-Za-z0-9._-]+/g, '_')
    .replace(/\.{2,}/g, '.')
    .replace(/_{2,}/g, '_')
    .replace(/^[._-]+/, '')
    .slice(0, MAX_STEM_LENGTH)
    .replace(/[._-]+$/, '');
  return clean || 'photo';
}

/** `<sanitized stem>_<sha256[:12]>.<ext>`; `fullHash` for the (astronomically rare) clash. */
export function exportFileName(
  originalName: string,
  sha256: string,
  ext: string,
  fullHash = false,
): string {
  const safeExt = ext.toLowerCase().replace(/[^a-z0-9]/g, '') || 'bin';
  const hash = fullHash ? sha256 : sha256.slice(0, HASH_SUFFIX_LENGTH);
  return `${sanitizeStem(originalName)}_${hash}.${safeExt}`;
}

/** Why a label cannot name a folder (a catalog key), or null when it can. */
export function labelFolderProblem(label: string): CoreMessageKey | null {
  const parsed = LabelName.safeParse(label);
  if (!parsed.success || parsed.data !== label) return 'export.labelFolder.characters';
  if (label === '.' || label === '..' || /^\.+$/.test(label)) return 'export.labelFolder.dots';
  if (/[. ]$/.test(label)) return 'export.labelFolder.trailing';
  if (WINDOWS_RESERVED.test(label)) return 'export.labelFolder.reserved';
  return null;
}

/**
 * Checks every label can be an ImageFolder class folder, and that no two labels differ
 * only in case (they would merge into one folder on Windows and macOS).
 */
export function checkLabelFolders(labels: Iterable<string>): void {
  const problems: CoreMessage[] = [];
  const byLower = new Map<string, string>();
  for (const label of labels) {
    const problem = labelFolderProblem(label);
    if (problem) {
      problems.push({
        key: 'export.labelFolder.problem',
        values: { label, why: { key: problem } },
      });
    }
    const lower = label.toLowerCase();
    const other = byLower.get(lower);
    if (other !== undefined && other !== label) {
      problems.push({ key: 'export.labelFolder.caseOnly', values: { a: other, b: label } });
    }
    byLower.set(lower, label);
  }
  if (problems.length) {
    throw new CoreError(
      'INVALID_ARGUMENT',
      { key: 'export.labelsNotFolderNames', values: { problems } },
      { problems: problems.map((problem) => renderCoreMessage('en', problem)) },
    );
  }
}

/** Joins export-relative path parts with "/" (CSV and HTML paths, any OS). */
export function relativePath(...parts: string[]): string {
  return parts.join('/');
}

/** Whether `child` is `parent` or lies below it. */
export function isInsideFolder(child: string, parent: string): boolean {
  const rel = path.relative(parent, child);
  return rel === '' || (!rel.startsWith('..') && !path.isAbsolute(rel));
}
