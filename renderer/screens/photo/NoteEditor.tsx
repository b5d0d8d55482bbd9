/**
 * The photo's free-text note. Typing here never reaches the review keys (a textarea is a
 * typing target); Esc leaves the field, back to the photo; the note is saved on Ctrl+Enter,
 * with the button, or when the field loses the focus (moving to another photo included),
 * and the status line always says whether what is shown is saved.
 */
import { useRef, useState, type KeyboardEvent } from 'react';
import { NOTE_MAX_LENGTH, type PhotoNote } from '../../../electron/contract.js';
import { useI18n } from '../../i18n/i18n.js';
import { useClient } from '../../state/client-context.js';
import { useReportError } from '../../state/errors.js';
import { useSettings } from '../../state/settings.js';

type Status = 'saved' | 'unsaved' | 'saving';

/** Text as the core stores it, to tell a real change from trailing spaces. */
function comparable(text: string): string {
  return text
    .replace(/\r\n?/g, '\n')
    .replace(/[^\S\n]+$/gm, '')
    .trim();
}

export function NoteEditor(props: {
  imageId: number;
  note: PhotoNote | null;
  /** The note was saved (the photo's history changed). */
  onSaved(): void;
  /** Esc: where the keyboard goes back to (the photo view). */
  onLeave(): void;
}) {
  const { t, format } = useI18n();
  const client = useClient();
  const report = useReportError();
  const { settings } = useSettings();
  const [draft, setDraft] = useState(props.note?.text ?? '');
  const [saved, setSaved] = useState<PhotoNote | null>(props.note);
  const [saving, setSaving] = useState(false);
  const inFlight = useRef<Promise<void> | null>(null);
  const dirty = comparable(draft) !== (saved?.text ?? '');
  const status: Status = saving ? 'saving' : dirty ? 'unsaved' : 'saved';
  const { imageId, onSaved } = props;

  async function save(): Promise<void> {
    if (inFlight.current) await inFlight.current;
    if (comparable(draft) === (saved?.text ?? '')) return;
    setSaving(true);
    const run = client
      .invoke('review.setNote', {
        imageId,
        text: draft,
        reviewer: settings?.reviewer.trim() || undefined,
      })
      .then(
        (result) => {
          setSaved(result.note);
          if (result.changed) onSaved();
        },
        (error: unknown) => report(error, t('note.failed')),
      )
      .finally(() => {
        setSaving(false);
        inFlight.current = null;
      });
    inFlight.current = run;
    await run;
  }

  function onKeyDown(event: KeyboardEvent<HTMLTextAreaElement>) {
    if (event.key === 'Escape') {
      event.preventDefault();
      event.stopPropagation();
      event.currentTarget.blur();
      props.onLeave();
    } else if (event.key === 'Enter' && (event.ctrlKey || event.metaKey)) {
      event.preventDefault();
      void save();
    }
  }

  const statusText =
    status === 'saving'
      ? t('note.saving')
      : status === 'unsaved'
        ? t('note.unsaved')
        : saved
          ? `${t('note.saved')} · ${t('note.by', { author: saved.author, at: format.dateTime(saved.at) })}`
          : '';
  return (
    <section className="side-section note-editor" data-testid="photo-note">
      <h3>
        <label htmlFor={`note-${imageId}`}>{t('note.title')}</label> <kbd>N</kbd>
      </h3>
      <textarea
        id={`note-${imageId}`}
        data-testid="note-input"
        value={draft}
        maxLength={NOTE_MAX_LENGTH}
        placeholder={t('note.placeholder')}
        aria-describedby={`note-status-${imageId}`}
        spellCheck
        onChange={(event) => setDraft(event.target.value)}
        onKeyDown={onKeyDown}
        onBlur={() => void save()}
      />
      <div className="note-editor__foot">
        <button
          type="button"
          className="btn btn--small"
          data-testid="note-save"
          disabled={!dirty || saving}
          onMouseDown={(event) => event.preventDefault()}
          onClick={() => void save()}
        >
          {t('note.save')}
        </button>
        <span
          id={`note-status-${imageId}`}
          role="status"
          className={`note-editor__status ${status === 'unsaved' ? 'note-editor__status--unsaved' : ''}`}
          data-testid="note-status"
          data-status={status}
        >
          {statusText}
        </span>
      </div>
      <p className="muted small">{t('note.hint')}</p>
    </section>
  );
}
