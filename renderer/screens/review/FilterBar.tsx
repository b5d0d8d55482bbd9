/**
 * Filters and order of the review grid. Every change applies at once; Esc in any field
 * returns the keyboard to the grid.
 */
import { useEffect, useRef, useState, type KeyboardEvent } from 'react';
import type {
  ImageFilter,
  ImageSort,
  ImportSummary,
  ModelInfo,
} from '../../../electron/contract.js';
import { useI18n, type MessageKey } from '../../i18n/i18n.js';
import { useLabelName } from '../../state/label-names.js';
import { hasFilter, type ReviewQuery } from '../../state/review-query.js';
import { FilterChips } from './FilterChips.js';
import { parsePercent } from './parse-percent.js';

/** The order's name says which end comes first, so it follows the direction. */
const sortKeys: Record<ImageSort, [MessageKey, MessageKey]> = {
  confidence: ['sort.confidence', 'sort.confidenceDesc'],
  captured: ['sort.captured', 'sort.capturedDesc'],
  tube: ['sort.tube', 'sort.tubeDesc'],
  imported: ['sort.imported', 'sort.importedDesc'],
};

/** Esc in a field of the bar: back to the grid, where the review keys work. */
export function backToGrid(event: KeyboardEvent): void {
  if (event.key !== 'Escape') return;
  const grid = document.querySelector<HTMLElement>('[data-testid=review-grid]');
  (event.target as HTMLElement).blur();
  grid?.focus();
  event.preventDefault();
}

/**
 * A percent field that commits a 0..1 bound (or none when empty). Takes the language's
 * decimal comma ("97,5"), a fraction ("0.9" = 90 %), and says so when a value is out of
 * 0..100 instead of silently filtering everything out.
 */
function PercentInput(props: {
  label: string;
  value: number | undefined;
  onChange(value: number | undefined): void;
  /** Told when the typed text stops or starts being a percent, to show the bar's error. */
  onInvalid(invalid: boolean): void;
  errorId: string;
  testId: string;
}) {
  const { format } = useI18n();
  const shown = props.value === undefined ? '' : format.number(Math.round(props.value * 1000) / 10);
  const [text, setText] = useState(shown);
  const [invalid, setInvalid] = useState(false);
  // A bound set from outside (clear filters) shows; the text being typed is left alone
  // when it already means that bound ("97," while typing "97,5" must not become "97").
  const typed = useRef(text);
  typed.current = text;
  useEffect(() => {
    if (parsePercent(typed.current) === props.value) return;
    setText(shown);
    setInvalid(false);
  }, [shown, props.value]);
  const { onInvalid } = props;
  useEffect(() => onInvalid(invalid), [invalid, onInvalid]);
  return (
    <span className="percent-field">
      <input
        type="text"
        inputMode="decimal"
        aria-label={props.label}
        aria-invalid={invalid}
        aria-describedby={invalid ? props.errorId : undefined}
        value={text}
        data-testid={props.testId}
        onChange={(event) => {
          setText(event.target.value);
          const parsed = parsePercent(event.target.value);
          setInvalid(parsed === 'invalid');
          if (parsed !== 'invalid') props.onChange(parsed);
        }}
        onBlur={() => {
          // Shown the way it was understood: "0.9" becomes "90".
          if (!invalid) setText(shown);
        }}
      />
    </span>
  );
}

export function FilterBar(props: {
  query: ReviewQuery;
  labels: string[];
  imports: ImportSummary[];
  models: ModelInfo[];
  onChange(query: ReviewQuery): void;
}) {
  const { t, format } = useI18n();
  const labelName = useLabelName();
  const { filter } = props.query;
  const set = (change: Partial<ImageFilter>) => {
    const next: ImageFilter = { ...filter, ...change };
    for (const key of Object.keys(next) as (keyof ImageFilter)[]) {
      if (next[key] === undefined) delete next[key];
    }
    props.onChange({ ...props.query, filter: next });
  };
  const reviewedValue = filter.reviewed === undefined ? 'any' : filter.reviewed ? 'yes' : 'no';
  const unsureValue = filter.unsure === undefined ? 'any' : filter.unsure ? 'only' : 'without';
  const [invalidMin, setInvalidMin] = useState(false);
  const [invalidMax, setInvalidMax] = useState(false);
  const confidenceErrorId = 'filter-confidence-error';
  return (
    <div className="filter-bar" role="search" aria-label={t('filter.title')} onKeyDown={backToGrid}>
      <label className="field">
        <span className="field__label">{t('filter.label')}</span>
        <select
          value={filter.label ?? ''}
          data-testid="filter-label"
          onChange={(e) => set({ label: e.target.value || undefined })}
        >
          <option value="">{t('filter.any')}</option>
          {props.labels.map((label) => (
            <option key={label} value={label}>
              {labelName(label)}
            </option>
          ))}
        </select>
      </label>
      <label className="field">
        <span className="field__label">{t('filter.reviewed')}</span>
        <select
          value={reviewedValue}
          data-testid="filter-reviewed"
          onChange={(e) =>
            set({ reviewed: e.target.value === 'any' ? undefined : e.target.value === 'yes' })
          }
        >
          <option value="any">{t('filter.any')}</option>
          <option value="no">{t('filter.notReviewed')}</option>
          <option value="yes">{t('filter.reviewedOnly')}</option>
        </select>
      </label>
      <div className="field" role="group" aria-label={t('filter.confidence')}>
        <span className="field__label">{t('filter.confidence')}</span>
        <span className="range-fields">
          <PercentInput
            label={t('filter.minConfidence')}
            value={filter.minConfidence}
            onChange={(v) => set({ minConfidence: v })}
            onInvalid={setInvalidMin}
            errorId={confidenceErrorId}
            testId="filter-min-confidence"
          />
          <span className="muted">{t('filter.to')}</span>
          <PercentInput
            label={t('filter.maxConfidence')}
            value={filter.maxConfidence}
            onChange={(v) => set({ maxConfidence: v })}
            onInvalid={setInvalidMax}
            errorId={confidenceErrorId}
            testId="filter-max-confidence"
          />
          <span className="muted">%</span>
        </span>
      </div>
      <label className="field">
        <span className="field__label">{t('filter.import')}</span>
        <select
          value={filter.importId ?? ''}
          data-testid="filter-import"
          onChange={(e) => set({ importId: e.target.value ? Number(e.target.value) : undefined })}
        >
          <option value="">{t('filter.any')}</option>
          {props.imports.map((imp) => (
            <option key={imp.importId} value={imp.importId}>
              {t('filter.importOption', {
                id: imp.importId,
                at: format.dateTime(imp.startedAt),
                count: format.number(imp.imported),
              })}
            </option>
          ))}
        </select>
      </label>
      <label className="field">
        <span className="field__label">{t('filter.model')}</span>
        <select
          value={filter.modelId ?? ''}
          data-testid="filter-model"
          onChange={(e) => set({ modelId: e.target.value || undefined })}
        >
          <option value="">{t('filter.activeModel')}</option>
          {props.models.map((model) => (
            <option key={model.id} value={model.id}>
              {model.id}
            </option>
          ))}
        </select>
      </label>
      <label className="check">
        <input
          type="checkbox"
          checked={filter.disagreement ?? false}
          data-testid="filter-disagreement"
          onChange={(e) => set({ disagreement: e.target.checked || undefined })}
        />
        {t('filter.disagreement')}
      </label>
      <label className="check">
        <input
          type="checkbox"
          checked={filter.conflict ?? false}
          data-testid="filter-conflict"
          onChange={(e) => set({ conflict: e.target.checked || undefined })}
        />
        {t('filter.conflict')}
      </label>
      {/* A select, not a checkbox: "Not reviewed" + "Without unsure" is the queue still to
          review, since an unsure answer carries no label and so stays "not reviewed". */}
      <label className="field">
        <span className="field__label">{t('filter.unsure')}</span>
        <select
          value={unsureValue}
          data-testid="filter-unsure"
          onChange={(e) =>
            set({ unsure: e.target.value === 'any' ? undefined : e.target.value === 'only' })
          }
        >
          <option value="any">{t('filter.unsureAny')}</option>
          <option value="only">{t('filter.unsureOnly')}</option>
          <option value="without">{t('filter.unsureWithout')}</option>
        </select>
      </label>
      <FilterChips filter={filter} onClear={set} />
      <span className="filter-bar__spacer" />
      <div className="field">
        <span className="field__label">{t('sort.title')}</span>
        <span className="range-fields">
          <select
            className="sort-select"
            value={props.query.sort}
            data-testid="sort"
            aria-label={t('sort.title')}
            onChange={(e) => props.onChange({ ...props.query, sort: e.target.value as ImageSort })}
          >
            {(Object.keys(sortKeys) as ImageSort[]).map((sort) => (
              <option key={sort} value={sort}>
                {t(sortKeys[sort][props.query.descending ? 1 : 0])}
              </option>
            ))}
          </select>
          <button
            type="button"
            className="btn btn--icon"
            aria-label={t(props.query.descending ? 'sort.descending' : 'sort.ascending')}
            title={t(props.query.descending ? 'sort.descending' : 'sort.ascending')}
            onClick={() => props.onChange({ ...props.query, descending: !props.query.descending })}
          >
            {props.query.descending ? '↓' : '↑'}
          </button>
        </span>
      </div>
      {hasFilter(filter) && (
        <button
          type="button"
          className="btn btn--small btn--ghost"
          data-testid="filter-clear"
          onClick={() => props.onChange({ ...props.query, filter: {} })}
        >
          {t('filter.clear')}
        </button>
      )}
      {(invalidMin || invalidMax) && (
        // A line of its own under the bar: a floating message covered the controls next to
        // it (the sort direction) while the inspector fixed the number.
        <div className="filter-bar__error">
          <span
            className="field__error"
            role="alert"
            id={confidenceErrorId}
            data-testid={confidenceErrorId}
          >
            {t('filter.percentInvalid')}
          </span>
        </div>
      )}
    </div>
  );
}
