/**
 * Models: the registered classifiers, adding one (a folder with `model.onnx` and its
 * `model.json`), making one active, re-classifying the library with it, and comparing two.
 */
import { useState } from 'react';
import type { ClassifyResult } from '../../../electron/contract.js';
import { FolderField } from '../../components/FolderField.js';
import { JobProgress } from '../../components/JobProgress.js';
import { LabelChip } from '../../components/LabelChip.js';
import { useI18n } from '../../i18n/i18n.js';
import { useClient } from '../../state/client-context.js';
import { useReportError } from '../../state/errors.js';
import { useJob, useJobs } from '../../state/jobs.js';
import { useInvoke } from '../../state/use-invoke.js';
import { CompareModels } from './CompareModels.js';
import { ImproveModel } from './ImproveModel.js';

export function ModelsScreen(props: { jobId: string | null; onJobStarted(jobId: string): void }) {
  const { t, format, errorText, language } = useI18n();
  const client = useClient();
  const report = useReportError();
  const { track, cancel } = useJobs();
  const job = useJob(props.jobId);
  const models = useInvoke(
    'models.list',
    {},
    { reloadOn: ['models', 'classify'], throttleMs: 2000 },
  );
  const [path, setPath] = useState('');
  const [activate, setActivate] = useState(true);
  const [busy, setBusy] = useState(false);
  const running = job?.status === 'running';

  async function run(work: () => Promise<unknown>) {
    setBusy(true);
    try {
      await work();
      models.reload();
    } catch (error) {
      report(error, t('models.title'));
    } finally {
      setBusy(false);
    }
  }

  const add = () =>
    run(async () => {
      await client.invoke('models.add', { path: path.trim(), activate });
      setPath('');
    });
  const makeActive = (modelId: string) => run(() => client.invoke('models.activate', { modelId }));
  const classify = (modelId: string) =>
    run(async () => {
      const { jobId } = await client.invoke('models.classify', { modelId, all: true });
      track(jobId, 'classify');
      props.onJobStarted(jobId);
    });

  const list = models.data ?? [];
  return (
    <div className="screen screen--page" data-testid="screen-models">
      <div className="page page--wide">
        <h1>{t('models.title')}</h1>
        <p className="lead">{t('models.lead')}</p>
        <section className="card">
          {list.length === 0 && !models.loading && <p className="muted">{t('models.none')}</p>}
          {list.length > 0 && (
            <div className="table-scroll">
              <table className="table" data-testid="models-table">
                <thead>
                  <tr>
                    <th>{t('models.name')}</th>
                    <th>{t('models.labels')}</th>
                    <th className="num">{t('models.classified')}</th>
                    <th>{t('models.added')}</th>
                    <th />
                  </tr>
                </thead>
                <tbody>
                  {list.map((model) => (
                    <tr
                      key={model.id}
                      className={model.active ? 'row--active' : ''}
                      data-testid="model-row"
                      data-model-id={model.id}
                      data-active={model.active}
                    >
                      <td>
                        <strong>{model.name}</strong>
                        {model.active && (
                          <span className="badge badge--active">{t('models.active')}</span>
                        )}
                        <div className="muted small mono">{model.id}</div>
                      </td>
                      <td>
                        <span className="chips">
                          {model.labels.map((label) => {
                            const shown = model.labelNames[language]?.[label];
                            return (
                              <span key={label} title={shown ? label : undefined}>
                                <LabelChip label={label} size="sm" raw />
                                {shown && shown !== label && (
                                  <span className="muted small"> {shown}</span>
                                )}
                              </span>
                            );
                          })}
                        </span>
                      </td>
                      <td className="num">{format.number(model.predictions)}</td>
                      <td className="nowrap">{format.dateTime(model.addedAt)}</td>
                      <td className="actions">
                        {!model.active && (
                          <button
                            type="button"
                            className="btn btn--small"
                            disabled={busy}
                            onClick={() => void makeActive(model.id)}
                          >
                            {t('models.makeActive')}
                          </button>
                        )}
                        <button
                          type="button"
                          className="btn btn--small"
                          disabled={busy || running}
                          onClick={() => void classify(model.id)}
                        >
                          {t('models.reclassify')}
                        </button>
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          )}
          {job && <JobProgress job={job} onCancel={() => void cancel(job.id)} />}
          {job?.finished?.result && 'failures' in job.finished.result && (
            <ClassifyFailures result={job.finished.result} />
          )}
          {job?.finished?.error && (
            <p className="inline-error" role="alert">
              {errorText(job.finished.error)}
            </p>
          )}
        </section>
        <section className="card">
          <h2>{t('models.add')}</h2>
          <form
            className="import-form"
            onSubmit={(event) => {
              event.preventDefault();
              void add();
            }}
          >
            <FolderField
              purpose="model"
              value={path}
              onChange={setPath}
              choose={t('models.chooseFolder')}
              label={t('models.pathLabel')}
              hint={t('models.pathHint')}
              testId="model-path"
            />
            <label className="check">
              <input
                type="checkbox"
                checked={activate}
                onChange={(e) => setActivate(e.target.checked)}
              />
              {t('models.activateAfterAdd')}
            </label>
            <div className="form-actions">
              <button
                type="submit"
                className="btn btn--primary"
                disabled={busy || path.trim() === ''}
              >
                {t('models.addButton')}
              </button>
            </div>
          </form>
        </section>
        {list.length >= 1 && (
          <ImproveModel onJobStarted={props.onJobStarted} onModelsChanged={models.reload} />
        )}
        {list.length >= 1 && <CompareModels models={list} />}
      </div>
    </div>
  );
}

/** The photos a classify job could not classify, each with its reason. */
function ClassifyFailures(props: { result: ClassifyResult }) {
  const { t, errorText } = useI18n();
  const failures = props.result.failures ?? [];
  if (props.result.failed === 0) return null;
  const more = props.result.failed - failures.length;
  return (
    <div className="inline-error" role="alert" data-testid="classify-failures">
      <p>{t('models.classifyFailures', { count: props.result.failed })}</p>
      <ul>
        {failures.map((f) => (
          <li key={f.imageId}>
            <span className="mono">{f.name}</span>: {errorText(f.error)}
          </li>
        ))}
      </ul>
      {more > 0 && <p>{t('models.classifyFailuresMore', { count: more })}</p>}
    </div>
  );
}
