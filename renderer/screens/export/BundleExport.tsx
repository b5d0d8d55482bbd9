/**
 * Export screen: write one bundle file with an import's photos, predictions and label
 * history, for another laptop (USB stick, no network) to import.
 */
import { useState } from 'react';
import type { BundleExportResult } from '../../../electron/contract.js';
import { useI18n } from '../../i18n/i18n.js';
import { useClient } from '../../state/client-context.js';
import { useReportError } from '../../state/errors.js';
import { useInvoke } from '../../state/use-invoke.js';

export function BundleExport() {
  const { t, format } = useI18n();
  const client = useClient();
  const report = useReportError();
  const imports = useInvoke('library.imports', {}, { reloadOn: ['import'], throttleMs: 2000 });
  const [importId, setImportId] = useState<number | null>(null);
  const [file, setFile] = useState('');
  const [busy, setBusy] = useState(false);
  const [result, setResult] = useState<BundleExportResult | null>(null);
  const choices = (imports.data ?? []).slice().sort((a, b) => b.importId - a.importId);
  const chosen = importId ?? choices[0]?.importId ?? null;

  async function run() {
    if (chosen === null) return;
    setBusy(true);
    setResult(null);
    try {
      setResult(await client.invoke('bundle.export', { importIds: [chosen], file: file.trim() }));
    } catch (error) {
      report(error, t('bundle.exportTitle'));
    } finally {
      setBusy(false);
    }
  }

  return (
    <section className="card" data-testid="bundle-export">
      <h2>{t('bundle.exportTitle')}</h2>
      <p className="hint">{t('bundle.exportLead')}</p>
      <form
        className="import-form"
        onSubmit={(event) => {
          event.preventDefault();
          void run();
        }}
      >
        <label className="field">
          <span className="field__label">{t('bundle.import')}</span>
          <select
            value={chosen ?? ''}
            data-testid="bundle-export-import"
            onChange={(e) => setImportId(Number(e.target.value))}
          >
            {choices.map((imp) => (
              <option key={imp.importId} value={imp.importId}>
                {`#${imp.importId} · ${imp.source} · ${format.dateTime(imp.startedAt)}`}
              </option>
            ))}
          </select>
        </label>
        <label className="field">
          <span className="field__label">{t('bundle.file')}</span>
          <input
            type="text"
            className="mono"
            value={file}
            placeholder="/media/inspector/USB/reboiler-a.idbundle"
            data-testid="bundle-export-file"
            onChange={(e) => setFile(e.target.value)}
          />
        </label>
        <div className="form-actions">
          <button
            type="submit"
            className="btn btn--primary"
            disabled={busy || chosen === null || file.trim() === ''}
            data-testid="bundle-export-start"
          >
            {t('bundle.exportStart')}
          </button>
        </div>
      </form>
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
