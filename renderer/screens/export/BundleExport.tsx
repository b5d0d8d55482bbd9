/**
 * Export screen: write one bundle file with an inspection's photos, predictions and label
 * history (every card of a grouped inspection), for another laptop (USB stick, no
 * network) to import.
 */
import { useState } from 'react';
import type { BundleExportResult } from '../../../electron/contract.js';
import { useI18n } from '../../i18n/i18n.js';
import { useClient } from '../../state/client-context.js';
import { useInvoke } from '../../state/use-invoke.js';
import { BundleFileField, BundleJobStatus, useBundleJob } from '../bundle/bundle-job.js';

export function BundleExport() {
  const { t, format } = useI18n();
  const client = useClient();
  const inspections = useInvoke(
    'inspections.list',
    {},
    { reloadOn: ['import', 'review'], throttleMs: 2000 },
  );
  const [inspectionId, setInspectionId] = useState<number | null>(null);
  const [file, setFile] = useState('');
  const bundleJob = useBundleJob<BundleExportResult>('bundle-export');
  const { result } = bundleJob;
  // Newest inspection first: the one just reviewed is the one to carry.
  const choices = (inspections.data ?? []).slice().reverse();
  const chosen =
    choices.find((i) => i.id === inspectionId) ?? (inspectionId === null ? choices[0] : undefined);

  function run() {
    if (chosen === undefined) return;
    void bundleJob.start(
      () => client.invoke('bundle.startExport', { importIds: chosen.importIds, file: file.trim() }),
      t('bundle.exportTitle'),
    );
  }

  return (
    <section className="card" data-testid="bundle-export">
      <h2>{t('bundle.exportTitle')}</h2>
      <p className="hint">{t('bundle.exportLead')}</p>
      <form
        className="import-form"
        onSubmit={(event) => {
          event.preventDefault();
          run();
        }}
      >
        <label className="field">
          <span className="field__label">{t('bundle.inspection')}</span>
          <select
            value={chosen?.id ?? ''}
            data-testid="bundle-export-inspection"
            onChange={(e) => setInspectionId(Number(e.target.value))}
          >
            {choices.map((inspection) => (
              <option key={inspection.id} value={inspection.id}>
                {t('bundle.inspectionChoice', {
                  id: inspection.id,
                  title: inspection.title,
                  date: format.dateTime(inspection.capturedFrom ?? inspection.startedAt),
                  photos: format.number(inspection.photos),
                  cards: inspection.importIds.length,
                })}
              </option>
            ))}
          </select>
        </label>
        <BundleFileField value={file} testId="bundle-export-file" onChange={setFile} />
        <div className="form-actions">
          <button
            type="submit"
            className="btn btn--primary"
            disabled={bundleJob.busy || chosen === undefined || file.trim() === ''}
            data-testid="bundle-export-start"
          >
            {t('bundle.exportStart')}
          </button>
        </div>
      </form>
      <BundleJobStatus job={bundleJob} testIdPrefix="bundle-export" />
      {result && (
        <p data-testid="bundle-export-result" role="status">
          {t('bundle.exportDone', {
            photos: result.photos,
            events: result.events,
            size: format.bytes(result.bytes),
          })}{' '}
          <span className="mono">{result.file}</span>
        </p>
      )}
    </section>
  );
}
