import type { MessageKey } from '../i18n/i18n.js';

/** The screens, in the order of the inspector's day. */
export const screens = ['import', 'review', 'summary', 'export', 'models', 'settings'] as const;
export type Screen = (typeof screens)[number];

export const screenTitles: Record<Screen, MessageKey> = {
  import: 'nav.import',
  review: 'nav.review',
  summary: 'nav.summary',
  export: 'nav.export',
  models: 'nav.models',
  settings: 'nav.settings',
};

/** The screen named by the location hash (`#/review`), or null. */
export function screenFromHash(hash: string): Screen | null {
  const name = hash.replace(/^#\/?/, '');
  return (screens as readonly string[]).includes(name) ? (name as Screen) : null;
}
