/**
 * What an undo or redo changed, in words: the photo, old → new, and which photo to
 * focus. Shared by the grid and a photo view opened on its own.
 */
import type { I18n } from '../../i18n/i18n.js';
import type { UndoOutcome } from '../../state/use-review-actions.js';
import type { Notice } from './ReviewNotice.js';

export function describeUndo(
  t: I18n['t'],
  labelName: (label: string | null) => string,
  outcome: UndoOutcome,
  redone: boolean,
): Notice {
  const { decision, imageIds } = outcome;
  const focusId = imageIds[0] ?? decision.imageIds[0];
  if (imageIds.length === 0) return { text: t(redone ? 'redo.noneChanged' : 'undo.noneChanged') };
  if (decision.imageIds.length === 1 && decision.firstName !== null) {
    const [from, to] = redone
      ? [decision.firstBefore, decision.label]
      : [decision.label, decision.firstBefore];
    return {
      text: t(redone ? 'redo.one' : 'undo.one', {
        name: decision.firstName,
        from: labelName(from),
        to: labelName(to),
      }),
      focusId,
    };
  }
  return { text: t(redone ? 'redo.many' : 'undo.many', { n: imageIds.length }), focusId };
}
