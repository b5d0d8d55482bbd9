/** Two (or more) models side by side on the photos a person has reviewed. */
import { useState } from 'react';
import type { ModelInfo, ModelMetrics } from '../../../electron/contract.js';
import { useI18n } from '../../i18n/i18n.js';
import { useClient } from '../../state/client-context.js';
import { useReportError } from '../../state/errors.js';
import { ConfusionMatrix } from '../summary/ConfusionMatrix.js';
import { MetricsTable } from '../summary/SummaryScreen.js';

export function CompareModels(props: { models: ModelInfo[] }) {
  const { t, format } = useI18n();
  const client = useClient();
  const report = useReportError();
  const ids = props.models.map((model) => model.id);
  const [pickedA, setA] = useState<string | null>(null);
  const [pickedB, setB] = useState<string | null>(null);
  // Until the inspector picks, compare the active model with the first other one.
  const active = props.models.find((model) => model.active)?.id ?? ids[0] ?? '';
  const a = pickedA !== null && ids.includes(pickedA) ? pickedA : active;
  const b = pickedB !== null && ids.includes(pickedB) ? pickedB : (ids.find((id) => id !== a) ?? a);
  const [metrics, setMetrics] = useState<ModelMetrics[] | null>(null);
  const [busy, setBusy] = useState(false);

  async function compare() {
    setBusy(true);
    try {
      setMetrics(await client.invoke('models.compare', { modelIds: [...new Set([a, b])] }));
    } catch (error) {
      report(error, t('models.compare'));
    } finally {
      setBusy(false);
    }
  }

  const pct = (value: number | null) => (value === null ? '—' : format.percentPrecise(value));
  return (
    <section className="card" data-testid="compare-models">
      <h2>{t('models.compare')}</h2>
      <p className="muted">{t('models.compareHint')}</p>
      <div className="compare__pick">
        {[
          [a, setA],
          [b, setB],
        ].map(([value, set], i) => (
          <label key={i} className="field">
            <span className="field__label">{t(i === 0 ? 'models.modelA' : 'models.modelB')}</span>
            <select
              value={value as string}
              onChange={(e) => (set as (v: string) => void)(e.target.value)}
            >
              {props.models.map((model) => (
                <option key={model.id} value={model.id}>
                  {model.name} ({model.id})
                </option>
              ))}
            </select>
          </label>
        ))}
        <button
          type="button"
          className="btn btn--primary"
          disabled={!a || !b || busy}
          onClick={() => void compare()}
        >
          {t('models.compareRun')}
        </button>
      </div>
      {metrics && (
        <div className="compare__grid">
          {metrics.map((m) => (
            <div key={m.modelId} className="compare__col" data-testid="compare-result">
              <h3 className="mono">{m.modelId}</h3>
              <dl className="stat-row">
                <div className="stat">
                  <dd>{pct(m.accuracy)}</dd>
                  <dt>{t('summary.accuracy')}</dt>
                </div>
                <div className="stat">
                  <dd>{pct(m.balancedAccuracy)}</dd>
                  <dt>{t('summary.balancedAccuracy')}</dt>
                </div>
                <div className="stat">
                  <dd>{format.number(m.reviewed)}</dd>
                  <dt>{t('summary.reviewedPhotos')}</dt>
                </div>
              </dl>
              <ConfusionMatrix matrix={m.confusion} />
              <MetricsTable metrics={m} />
            </div>
          ))}
        </div>
      )}
    </section>
  );
}
