/**
 * Labels as the inspector reads them: the active model may name its labels per language
 * (model.json `labelNames`, e.g. clear → "desobstruído"). Every label shown in the UI goes
 * through `useLabelName()`; the label itself stays the id that filters, decisions, exports
 * and folder names use.
 */
import { createContext, useCallback, useContext, type ReactNode } from 'react';
import { UNSURE_ANSWER } from '../../electron/contract.js';
import { useI18n } from '../i18n/i18n.js';
import { useInvoke } from './use-invoke.js';

/** A label's display name in the UI's language; null (no label) reads "no label". */
export type LabelName = (label: string | null) => string;

const LabelNamesContext = createContext<Record<string, Record<string, string>>>({});

export function LabelNamesProvider(props: { children: ReactNode }) {
  // A new active model may bring other names.
  const names = useInvoke('library.labelNames', {}, { reloadOn: ['models'] });
  return (
    <LabelNamesContext.Provider value={names.data ?? {}}>
      {props.children}
    </LabelNamesContext.Provider>
  );
}

export function useLabelName(): LabelName {
  const { t, language } = useI18n();
  const names = useContext(LabelNamesContext)[language];
  return useCallback(
    (label: string | null) =>
      label === null
        ? t('label.none')
        : // The unsure answer (issue 11) is named like a label in notices and previews.
          label === UNSURE_ANSWER
          ? t('unsure.chip')
          : (names?.[label] ?? label),
    [names, t],
  );
}
