/**
 * The photo view opened from outside the grid (a tube on the summary's map): the same
 * view and keys, deciding about this one photo.
 *
 * Its decisions belong to this window's session like the grid's: Z undoes the last
 * decision made in this session on this photo (never one of an earlier session or
 * another window, nor one on a photo not on screen), Shift+Z redoes it, and the view
 * says what changed.
 */
import { useCallback, useMemo, useRef, useState } from 'react';
import type { ImageSummary } from '../../../electron/contract.js';
import { useI18n } from '../../i18n/i18n.js';
import { useImageDetail } from '../../state/use-image-detail.js';
import { useLabelName } from '../../state/label-names.js';
import { useReviewActions, type DecisionRows } from '../../state/use-review-actions.js';
import { describeUndo } from '../review/describe-undo.js';
import { isControlTarget, labelIndexOfKey, useWindowKeys } from '../review/use-grid-keys.js';
import { PhotoView } from './PhotoView.js';

export function StandalonePhoto(props: {
  imageId: number;
  labels: string[];
  activeModelId: string | null;
  onClose(): void;
  onChanged(): void;
}) {
  const { t } = useI18n();
  const [revision, setRevision] = useState(0);
  const [status, setStatus] = useState<string | null>(null);
  const { imageId, onChanged } = props;
  // The photo as last read: what a decision records as "before" (name, label).
  const detail = useImageDetail(imageId, revision, []);
  const latest = useRef<ImageSummary | null>(null);
  latest.current = detail;
  const rows = useMemo<DecisionRows>(
    () => ({
      snapshot(ids) {
        const found = new Map<number, ImageSummary>();
        const shown = latest.current;
        if (shown && [...ids].includes(shown.id)) found.set(shown.id, shown);
        return found;
      },
      // The view re-reads the photo after every answer (revision) instead.
      patch: () => undefined,
      refresh: async () => undefined,
    }),
    [],
  );
  const changed = useCallback(() => {
    setRevision((r) => r + 1);
    onChanged();
  }, [onChanged]);
  const actions = useReviewActions(rows, changed);
  const labelName = useLabelName();

  const setLabel = (label: string) => {
    setStatus(null);
    void actions.setLabel([imageId], label);
  };
  const accept = () => {
    setStatus(null);
    void actions.accept([imageId]);
  };
  const markUnsure = () => {
    setStatus(null);
    void actions.markUnsure([imageId]);
  };
  const undo = async (redo: boolean) => {
    if (!(redo ? actions.canRedo(imageId) : actions.canUndo(imageId))) {
      setStatus(t(redo ? 'redo.nothing' : 'undo.nothing'));
      return;
    }
    const outcome = redo ? await actions.redo(imageId) : await actions.undo(imageId);
    if (outcome) setStatus(describeUndo(t, labelName, outcome, redo).text);
  };

  useWindowKeys(true, (event) => {
    if ((event.key === ' ' || event.key === 'Enter') && isControlTarget(event.target)) return;
    const index = event.ctrlKey || event.metaKey || event.altKey ? null : labelIndexOfKey(event);
    const label = index === null ? undefined : props.labels[index];
    if (label) setLabel(label);
    else if (event.key === ' ') accept();
    else if ((event.key === 'z' || event.key === 'Z') && !event.altKey) void undo(event.shiftKey);
    else if ((event.key === 'y' || event.key === 'Y') && (event.ctrlKey || event.metaKey))
      void undo(true);
    else if ((event.key === 'u' || event.key === 'U') && !event.ctrlKey && !event.metaKey)
      markUnsure();
    else if ((event.key === 'n' || event.key === 'N') && !event.ctrlKey && !event.metaKey)
      document.querySelector<HTMLElement>('[data-testid=note-input]')?.focus();
    else if (event.key === 'Escape') props.onClose();
    else return;
    event.preventDefault();
  });

  return (
    <PhotoView
      imageId={imageId}
      {...(detail ? { summary: detail } : {})}
      labels={props.labels}
      activeModelId={props.activeModelId}
      revision={revision}
      prefetchIds={[]}
      status={status}
      onClose={props.onClose}
      onSetLabel={setLabel}
      onAccept={accept}
      onUndo={() => void undo(false)}
      onMarkUnsure={markUnsure}
    />
  );
}
