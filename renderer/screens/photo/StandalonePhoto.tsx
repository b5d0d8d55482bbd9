/**
 * The photo view opened from outside the grid (a tube on the summary's map): the same
 * view and keys, deciding about this one photo.
 */
import { useCallback, useState } from 'react';
import { useI18n } from '../../i18n/i18n.js';
import { useClient } from '../../state/client-context.js';
import { useReportError } from '../../state/errors.js';
import { useSettings } from '../../state/settings.js';
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
  const client = useClient();
  const report = useReportError();
  const { settings } = useSettings();
  const reviewer = settings?.reviewer.trim() || undefined;
  const [revision, setRevision] = useState(0);
  const { imageId, onChanged } = props;

  const run = useCallback(
    async (call: () => Promise<unknown>) => {
      try {
        await call();
        setRevision((r) => r + 1);
        onChanged();
      } catch (error) {
        report(error, t('review.decisionFailed'));
      }
    },
    [onChanged, report, t],
  );
  const setLabel = (label: string) =>
    void run(() => client.invoke('review.setLabel', { imageIds: [imageId], label, reviewer }));
  const accept = () =>
    void run(() => client.invoke('review.accept', { imageIds: [imageId], reviewer }));
  const undo = () => void run(() => client.invoke('review.undo', { reviewer }));

  useWindowKeys(true, (event) => {
    if ((event.key === ' ' || event.key === 'Enter') && isControlTarget(event.target)) return;
    const index = event.ctrlKey || event.metaKey || event.altKey ? null : labelIndexOfKey(event);
    const label = index === null ? undefined : props.labels[index];
    if (label) setLabel(label);
    else if (event.key === ' ') accept();
    else if (event.key === 'z' || event.key === 'Z') undo();
    else if (event.key === 'Escape') props.onClose();
    else return;
    event.preventDefault();
  });

  return (
    <PhotoView
      imageId={imageId}
      labels={props.labels}
      activeModelId={props.activeModelId}
      revision={revision}
      prefetchIds={[]}
      onClose={props.onClose}
      onSetLabel={setLabel}
      onAccept={accept}
      onUndo={undo}
    />
  );
}
