/**
 * Import screen: merge a bundle another laptop wrote (USB stick). Importing the same
 * bundle again changes nothing; photos two people labeled differently are counted and
 * found with the review screen's "Reviewers disagree" filter.
 */
import { useState } from 'react';
import type { BundleImportResult } from '../../../electron/contract.js';
import { useI18n } from '../../i18n/i18n.js';
import { useClient } from '../../state/client-context.js';
import { BundleFileField, BundleJobStatus, useBundleJob } from '../bundle/bundle-job.js';

export function BundleImport() {
  const { t } = useI18n();
  const client = useClient();
  const [file, setFile] = useState('');
  const bundleJob = useBundleJob<BundleImportResult>('bundle-import');
  const { result } = bundleJob;

  function run() {
    void bundleJob.start(
      () => client.invoke('bundle.startImport', { file: file.trim() }),
      t('bundle.importTitle'),
    );
  }

  const nothingNew =
    result !== null &&
    result.imagesAdded === 0 &&
    result.eventsAdded === 0 &&
    result.predictionsAdded === 0;
  return (
    <section className="card" data-testid="bundle-import">
      <h2>{t('bundle.importTitle')}</h2>
      <p className="hint">{t('bundle.importLead')}</p>
      <form
        className="import-form"
        onSubmit={(event) => {
          event.preventDefault();
          run();
        }}
      >
        <BundleFileField value={file} testId="bundle-import-file" onChange={setFile} />
        <div className="form-actions">
          <button
            type="submit"
            className="btn btn--primary"
            disabled={bundleJob.busy || file.trim() === ''}
            data-testid="bundle-import-start"
          >
            {t('bundle.importStart')}
          </button>
        </div>
      </form>
      <BundleJobStatus job={bundleJob} testIdPrefix="bundle-import" />
      {result && (
        <div data-testid="bundle-import-result" role="status">
          <p>
            {t('bundle.importDone', {
              photos: result.imagesAdded,
              events: result.eventsAdded,
              predictions: result.predictionsAdded,
            })}
          </p>
          {nothingNew && <p className="hint">{t('bundle.nothingNew')}</p>}
          {result.conflicts > 0 && (
            <p className="warn" data-testid="bundle-import-conflicts">
              {t('bundle.conflicts', { count: result.conflicts })}
            </p>
          )}
        </div>
      )}
    </section>
  );
}
