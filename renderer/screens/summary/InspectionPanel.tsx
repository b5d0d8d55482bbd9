/**
 * One inspection on the summary screen: its name (rename it), its report (HTML, or PDF
 * through Chromium's print), and what changed against another inspection, as a list and
 * coloured on the tube map.
 */
import { useMemo, useRef, useState } from 'react';
import type {
  Inspection,
  InspectionSummary,
  TubeChangeKind,
  TubeLayout,
  TubeState,
} from '../../../electron/contract.js';
import { LabelChip } from '../../components/LabelChip.js';
import { useI18n } from '../../i18n/i18n.js';
import { useClient } from '../../state/client-context.js';
import { useReportError } from '../../state/errors.js';
import { useInvoke } from '../../state/use-invoke.js';
import { OtherInspectionSelect } from './InspectionPicker.js';
import { changeColors, changeKindKeys, TubeSheetMap, type Tube } from './TubeSheetMap.js';

/** Rows of the changes list drawn at once; the map shows every change. */
const MAX_CHANGE_ROWS = 300;

function localTimeZone(): string {
  return Intl.DateTimeFormat().resolvedOptions().timeZone;
}

export function RenameInspection(props: { inspection: Inspection; onRenamed(): void }) {
  const { t } = useI18n();
  const client = useClient();
  const report = useReportError();
  const [name, setName] = useState<string | null>(null);
  if (name === null) {
    return (
      <button
        type="button"
        className="btn"
        data-testid="inspection-rename"
        onClick={() => setName(props.inspection.name ?? props.inspection.title)}
      >
        {t('inspections.rename')}
      </button>
    );
  }
  const save = () =>
    void client.invoke('inspections.rename', { inspectionId: props.inspection.id, name }).then(
      () => {
        setName(null);
        props.onRenamed();
      },
      (error: unknown) => report(error),
    );
  return (
    <form
      className="inspection-bar"
      onSubmit={(event) => {
        event.preventDefault();
        save();
      }}
    >
      <label>
        {t('inspections.name')}
        <input
          data-testid="inspection-name"
          value={name}
          maxLength={200}
          autoFocus
          onChange={(event) => setName(event.target.value)}
        />
      </label>
      <button type="submit" className="btn btn--primary" disabled={!name.trim()}>
        {t('action.save')}
      </button>
      <button type="button" className="btn" onClick={() => setName(null)}>
        {t('action.cancel')}
      </button>
    </form>
  );
}

export function ReportActions(props: { inspection: Inspection }) {
  const { t, language } = useI18n();
  const client = useClient();
  const report = useReportError();
  const [note, setNote] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const args = { inspectionId: props.inspection.id, language, timeZone: localTimeZone() };

  async function run(work: () => Promise<void>) {
    setBusy(true);
    setNote(null);
    try {
      await work();
    } catch (error) {
      report(error);
    } finally {
      setBusy(false);
    }
  }

  const saveHtml = () =>
    run(async () => {
      const { html, fileName } = await client.invoke('inspections.report', args);
      const url = URL.createObjectURL(new Blob([html], { type: 'text/html' }));
      const link = document.createElement('a');
      link.href = url;
      link.download = `${fileName}.html`;
      document.body.append(link);
      link.click();
      link.remove();
      setTimeout(() => URL.revokeObjectURL(url), 60_000);
    });

  // Desktop: the main process prints with webContents.printToPDF and asks where to save.
  // Browser: the report goes to the browser's print dialog ("Save as PDF").
  const printPdf = () =>
    run(async () => {
      const desktop = client.desktop;
      if (desktop) {
        const file = await desktop.saveReportPdf(args);
        if (file) setNote(t('inspections.pdfSaved', { file }));
        return;
      }
      const { html } = await client.invoke('inspections.report', args);
      document.querySelector('iframe.report-frame')?.remove();
      const frame = document.createElement('iframe');
      frame.className = 'report-frame';
      frame.setAttribute('data-testid', 'report-frame');
      frame.setAttribute('aria-hidden', 'true');
      frame.srcdoc = html;
      frame.addEventListener('load', () => frame.contentWindow?.print(), { once: true });
      document.body.append(frame);
    });

  return (
    <div className="inspection-bar">
      <button
        type="button"
        className="btn"
        data-testid="report-html"
        disabled={busy}
        onClick={() => void saveHtml()}
      >
        {t('inspections.reportHtml')}
      </button>
      <button
        type="button"
        className="btn btn--primary"
        data-testid="report-pdf"
        disabled={busy}
        onClick={() => void printPdf()}
      >
        {t(client.desktop ? 'inspections.reportPdf' : 'inspections.reportPrint')}
      </button>
      {note && (
        <span className="muted small" role="status">
          {note}
        </span>
      )}
    </div>
  );
}

/** A tube's label in one inspection of a comparison, or that it was not photographed. */
function TubeStateCell(props: { state: TubeState | null }) {
  const { t } = useI18n();
  return (
    <td>
      {props.state ? (
        <LabelChip label={props.state.label} reviewed={props.state.reviewed} size="sm" />
      ) : (
        <span className="muted">{t('inspections.absent')}</span>
      )}
    </td>
  );
}

/**
 * The tube sheet drawing of the maps (and the report): load a layout JSON file (such as
 * those in resources/tube-layouts), or go back to rows × columns from the photos. The
 * core checks the file and says what is wrong in the UI's language; the current layout
 * is kept until a good file replaces it.
 */
export function LayoutChooser(props: { layout: TubeLayout | null; onChanged(): void }) {
  const { t } = useI18n();
  const client = useClient();
  const report = useReportError();
  const [busy, setBusy] = useState(false);
  const input = useRef<HTMLInputElement>(null);
  const { layout } = props;
  const current = !layout
    ? t('layout.none')
    : layout.kind === 'grid'
      ? t(layout.pitch === 'staggered' ? 'layout.gridStaggered' : 'layout.gridSquare')
      : `${t('layout.positions', { count: layout.tubes.length })}${layout.name ? ` (${layout.name})` : ''}`;

  async function change(work: () => Promise<unknown>) {
    setBusy(true);
    try {
      await work();
      props.onChanged();
    } catch (error) {
      report(error, t('layout.title'));
    } finally {
      setBusy(false);
      if (input.current) input.current.value = '';
    }
  }

  return (
    <div className="inspection-bar layout-chooser" data-testid="layout-chooser">
      <span className="layout-chooser__current" data-testid="layout-current">
        <span className="muted">{t('layout.title')}:</span> {current}
      </span>
      <label className="btn file-button">
        {t('layout.load')}
        <input
          ref={input}
          type="file"
          accept=".json,application/json"
          className="sr-only"
          data-testid="layout-file"
          disabled={busy}
          onChange={(event) => {
            const file = event.target.files?.[0];
            if (!file) return;
            void change(async () =>
              client.invoke('inspections.loadLayout', {
                fileName: file.name,
                text: await file.text(),
              }),
            );
          }}
        />
      </label>
      {layout && (
        <button
          type="button"
          className="btn"
          data-testid="layout-clear"
          disabled={busy}
          onClick={() =>
            void change(() => client.invoke('inspections.setLayout', { layout: null }))
          }
        >
          {t('layout.clear')}
        </button>
      )}
      <span className="muted small">{t('layout.hint')}</span>
    </div>
  );
}

export function CompareInspections(props: {
  summary: InspectionSummary;
  inspections: Inspection[];
  layout: TubeLayout | null;
  onOpen(imageId: number): void;
}) {
  const { t, format } = useI18n();
  const current = props.summary.inspection;
  const others = props.inspections.filter((s) => s.id !== current.id);
  const order = props.inspections.map((s) => s.id);
  const index = order.indexOf(current.id);
  const previous = index > 0 ? props.inspections[index - 1] : undefined;
  const [chosen, setChosen] = useState<number | null>(null);
  const otherId = chosen ?? previous?.id ?? others[0]?.id ?? null;
  // The older of the two is "before", whichever one was picked.
  const otherFirst = otherId !== null && order.indexOf(otherId) < index;
  const before = otherFirst ? otherId : current.id;
  const after = otherFirst ? current.id : otherId;
  const comparison = useInvoke(
    'inspections.compare',
    { before: before ?? current.id, after: after ?? current.id },
    { enabled: otherId !== null, reloadOn: ['review', 'import', 'classify', 'models'] },
  );
  const data =
    comparison.data && comparison.data.before.id === before && comparison.data.after.id === after
      ? comparison.data
      : undefined;

  const changes = useMemo(
    () => new Map<string, TubeChangeKind>((data?.changes ?? []).map((c) => [c.tube, c.kind])),
    [data],
  );
  // The compared map: this inspection's tubes, plus the changed ones it lacks.
  const tubes = useMemo(() => {
    if (!data) return [];
    const cells: Tube[] = [...props.summary.tubes];
    const seen = new Set(cells.map((c) => `${c.row}:${c.col}`));
    for (const change of data.changes) {
      const state = change.after ?? change.before;
      if (!state || seen.has(`${state.row}:${state.col}`)) continue;
      seen.add(`${state.row}:${state.col}`);
      cells.push({
        row: state.row,
        col: state.col,
        label: state.label,
        imageId: state.imageId,
        reviewed: state.reviewed,
      });
    }
    return cells;
  }, [data, props.summary.tubes]);

  if (others.length === 0) {
    return <p className="muted">{t('inspections.nothingToCompare')}</p>;
  }
  const counts = new Map<TubeChangeKind, number>();
  for (const change of data?.changes ?? []) {
    counts.set(change.kind, (counts.get(change.kind) ?? 0) + 1);
  }
  return (
    <>
      <div className="inspection-bar">
        <OtherInspectionSelect
          label={t('inspections.compareWith')}
          inspections={others}
          value={otherId}
          onChange={setChosen}
          testId="compare-with"
        />
      </div>
      {!data ? (
        <p className="muted">{t('common.loading')}</p>
      ) : (
        <>
          <p data-testid="compare-line">
            {t('inspections.compareLine', {
              before: data.before.title,
              after: data.after.title,
              changed: format.number(data.changes.length),
              unchanged: format.number(data.unchanged),
            })}
          </p>
          {data.changes.length > 0 && (
            <>
              <p className="legend">
                {[...counts].map(([kind, n]) => (
                  <span key={kind}>
                    <span className="swatch-dot" style={{ background: changeColors[kind] }} />{' '}
                    {t(changeKindKeys[kind])}: {format.number(n)}
                  </span>
                ))}
              </p>
              <TubeSheetMap
                tubes={tubes}
                layout={props.layout}
                changes={changes}
                onOpen={props.onOpen}
                testId="compare-map"
              />
              <div className="table-scroll">
                <table className="table table--compact changes-table" data-testid="changes">
                  <thead>
                    <tr>
                      <th>{t('inspections.tube')}</th>
                      <th>{data.before.title}</th>
                      <th>{data.after.title}</th>
                      <th>{t('inspections.change')}</th>
                    </tr>
                  </thead>
                  <tbody>
                    {data.changes.slice(0, MAX_CHANGE_ROWS).map((change) => {
                      const open = (change.after ?? change.before)?.imageId;
                      return (
                        <tr key={change.tube} data-testid="change-row" data-kind={change.kind}>
                          <td>
                            <button
                              type="button"
                              className="btn btn--small btn--ghost"
                              onClick={() => open !== undefined && props.onOpen(open)}
                            >
                              {change.tube}
                            </button>
                          </td>
                          <TubeStateCell state={change.before} />
                          <TubeStateCell state={change.after} />
                          <td style={{ color: changeColors[change.kind], fontWeight: 600 }}>
                            {t(changeKindKeys[change.kind])}
                          </td>
                        </tr>
                      );
                    })}
                  </tbody>
                </table>
              </div>
              {data.changes.length > MAX_CHANGE_ROWS && (
                <p className="muted small">
                  {t('inspections.moreChanges', {
                    count: format.number(data.changes.length - MAX_CHANGE_ROWS),
                  })}
                </p>
              )}
            </>
          )}
        </>
      )}
    </>
  );
}

/** Two cards of the same stop become one inspection, under a name a person gives. */
export function GroupInspections(props: {
  inspection: Inspection;
  inspections: Inspection[];
  onGrouped(inspectionId: number): void;
}) {
  const { t } = useI18n();
  const client = useClient();
  const report = useReportError();
  const others = props.inspections.filter((s) => s.id !== props.inspection.id);
  const [open, setOpen] = useState(false);
  const [other, setOther] = useState<number | null>(null);
  const [name, setName] = useState(props.inspection.name ?? '');
  if (others.length === 0) return null;
  if (!open) {
    return (
      <button
        type="button"
        className="btn"
        data-testid="inspection-group"
        onClick={() => setOpen(true)}
      >
        {t('inspections.group')}
      </button>
    );
  }
  const chosen = other ?? others[others.length - 1]?.id ?? null;
  return (
    <form
      className="inspection-bar"
      onSubmit={(event) => {
        event.preventDefault();
        if (chosen === null) return;
        void client
          .invoke('inspections.group', {
            inspectionIds: [props.inspection.id, chosen],
            name,
          })
          .then(
            (grouped) => {
              setOpen(false);
              props.onGrouped(grouped.id);
            },
            (error: unknown) => report(error),
          );
      }}
    >
      <OtherInspectionSelect
        label={t('inspections.groupWith')}
        inspections={others}
        value={chosen}
        onChange={setOther}
        testId="group-with"
      />
      <label>
        {t('inspections.groupName')}
        <input
          data-testid="group-name"
          value={name}
          maxLength={200}
          onChange={(event) => setName(event.target.value)}
        />
      </label>
      <button type="submit" className="btn btn--primary" disabled={!name.trim()}>
        {t('inspections.groupDo')}
      </button>
      <button type="button" className="btn" onClick={() => setOpen(false)}>
        {t('action.cancel')}
      </button>
    </form>
  );
}
