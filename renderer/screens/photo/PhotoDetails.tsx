/** The side panel sections of the photo view: model scores, metadata and label history. */
import type { ImageDetail, LabelEvent, NoteEvent } from '../../../electron/contract.js';
import { LabelChip } from '../../components/LabelChip.js';
import { labelColor } from '../../components/label-colors.js';
import { useI18n, type MessageKey } from '../../i18n/i18n.js';
import { useLabelName } from '../../state/label-names.js';

export function ScoresSection(props: { detail: ImageDetail; activeModelId: string | null }) {
  const { t, format } = useI18n();
  const labelName = useLabelName();
  const { predictions } = props.detail;
  return (
    <section className="side-section" data-testid="photo-scores">
      <h3>{t('photo.scores')}</h3>
      {predictions.length === 0 && <p className="muted">{t('photo.noPredictions')}</p>}
      {predictions.map((prediction) => (
        <div key={prediction.modelId} className="model-scores">
          <div className="model-scores__head">
            <span className="model-scores__id">{prediction.modelId}</span>
            {prediction.modelId === props.activeModelId && (
              <span className="badge">{t('models.active')}</span>
            )}
          </div>
          <ul className="scores">
            {Object.entries(prediction.scores)
              .sort((a, b) => b[1] - a[1])
              .map(([label, score]) => (
                <li key={label} className={label === prediction.label ? 'scores__top' : ''}>
                  <span className="scores__label">{labelName(label)}</span>
                  <span className="scores__track">
                    <span
                      className="scores__fill"
                      style={{ width: `${score * 100}%`, background: labelColor(label).solid }}
                    />
                  </span>
                  <span className="scores__value">{format.percentPrecise(score)}</span>
                </li>
              ))}
          </ul>
        </div>
      ))}
    </section>
  );
}

export function MetadataSection(props: { detail: ImageDetail }) {
  const { t, format } = useI18n();
  const d = props.detail;
  const rows: [MessageKey, string][] = [
    ['meta.file', d.originalName],
    ['meta.cardPath', d.sourcePath],
    [
      'meta.captured',
      `${format.dateTime(d.capturedAt)} (${t(d.capturedFrom === 'exif' ? 'meta.fromExif' : 'meta.fromFile')})`,
    ],
    [
      'meta.tube',
      d.tubeRow !== null && d.tubeCol !== null
        ? t('meta.tubeValue', { row: d.tubeRow, col: d.tubeCol })
        : t('meta.none'),
    ],
    ['meta.size', `${d.width} × ${d.height} px · ${format.bytes(d.sizeBytes)} · ${d.format}`],
    ['meta.import', t('meta.importValue', { id: d.importId, at: format.dateTime(d.importedAt) })],
    ['meta.hash', d.sha256],
  ];
  return (
    <section className="side-section" data-testid="photo-metadata">
      <h3>{t('photo.metadata')}</h3>
      <dl className="meta">
        {rows.map(([key, value]) => (
          <div key={key}>
            <dt>{t(key)}</dt>
            <dd className={key === 'meta.hash' || key === 'meta.cardPath' ? 'meta__mono' : ''}>
              {value}
            </dd>
          </div>
        ))}
      </dl>
    </section>
  );
}

const kindKeys: Record<LabelEvent['kind'], MessageKey> = {
  set: 'history.set',
  accept: 'history.accept',
  undo: 'history.undo',
};

/** One change of the note, in the photo's history list. */
function NoteHistoryItem(props: { event: NoteEvent }) {
  const { t, format } = useI18n();
  const { event } = props;
  const what =
    event.newText === null
      ? 'history.noteCleared'
      : event.oldText === null
        ? 'history.noteWrote'
        : 'history.noteChanged';
  return (
    <li data-testid="history-note">
      <div className="history__change">
        <span className="history__kind">{t(what, { author: event.author })}</span>
      </div>
      {event.newText !== null && <div className="history__note">{event.newText}</div>}
      {event.oldText !== null && (
        <div className="history__note muted">{t('history.noteWas', { text: event.oldText })}</div>
      )}
      <div className="history__who">{format.dateTime(event.at)}</div>
    </li>
  );
}

export function HistorySection(props: { history: LabelEvent[]; notes?: NoteEvent[] }) {
  const { t, format } = useI18n();
  // Newest first: the last decision is what the inspector looks for.
  const events = [...props.history].sort((a, b) => b.id - a.id);
  // Note changes are not decisions: listed apart, newest first, below the decisions.
  const notes = [...(props.notes ?? [])].reverse();
  return (
    <section className="side-section" data-testid="photo-history">
      <h3>{t('photo.history')}</h3>
      {events.length === 0 ? (
        <p className="muted">{t('history.empty')}</p>
      ) : (
        <ol className="history">
          {events.map((event) => (
            <li key={event.id} data-testid="history-event" data-kind={event.kind}>
              <div className="history__change">
                <LabelChip label={event.oldLabel} reviewed={event.oldLabel !== null} size="sm" />
                <span aria-hidden="true">→</span>
                <LabelChip label={event.newLabel} reviewed={event.newLabel !== null} size="sm" />
                <span className="history__kind">{t(kindKeys[event.kind])}</span>
              </div>
              <div className="history__who">
                {t('history.by', { reviewer: event.reviewer, at: format.dateTime(event.at) })}
                {event.modelId && (
                  <span className="muted"> · {t('history.model', { model: event.modelId })}</span>
                )}
              </div>
            </li>
          ))}
        </ol>
      )}
      {notes.length > 0 && (
        <ol className="history" aria-label={t('note.title')}>
          {notes.map((event) => (
            <NoteHistoryItem key={`note-${event.id}`} event={event} />
          ))}
        </ol>
      )}
    </section>
  );
}
