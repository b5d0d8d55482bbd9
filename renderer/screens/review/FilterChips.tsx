/**
 * The parts of the grid's filter that have no field of their own in the filter bar: set
 * by clicking a plot (the model's label of a confusion cell or histogram bar) or by
 * opening an inspection from the summary. Each is shown and can be removed on its own, so
 * the inspector never sees fewer photos than the visible filters explain.
 */
import type { ImageFilter } from '../../../electron/contract.js';
import { useI18n } from '../../i18n/i18n.js';
import { useLabelName } from '../../state/label-names.js';
import { useInvoke } from '../../state/use-invoke.js';

interface Chip {
  testId: string;
  text: string;
  clear: Partial<ImageFilter>;
}

export function FilterChips(props: {
  filter: ImageFilter;
  onClear(change: Partial<ImageFilter>): void;
}) {
  const { t, format } = useI18n();
  const labelName = useLabelName();
  const { filter } = props;
  const inspections = useInvoke(
    'inspections.list',
    {},
    { enabled: filter.inspectionId !== undefined, reloadOn: ['import'] },
  );
  const chips: Chip[] = [];
  if (filter.inspectionId !== undefined) {
    const inspection = inspections.data?.find((i) => i.id === filter.inspectionId);
    chips.push({
      testId: 'filter-chip-inspection',
      text: t('filter.inspectionChip', {
        name: inspection?.title ?? `#${format.number(filter.inspectionId)}`,
        cards: inspection?.importIds.length ?? 1,
      }),
      clear: { inspectionId: undefined },
    });
  }
  if (filter.predicted !== undefined) {
    chips.push({
      testId: 'filter-chip-predicted',
      text: t('filter.predictedChip', { label: labelName(filter.predicted) }),
      clear: { predicted: undefined },
    });
  }
  if (filter.unclassified !== undefined) {
    chips.push({
      testId: 'filter-chip-unclassified',
      text: t(filter.unclassified ? 'filter.unclassifiedChip' : 'filter.classifiedChip'),
      clear: { unclassified: undefined },
    });
  }
  if (chips.length === 0) return null;
  return (
    <ul className="filter-chips" aria-label={t('filter.moreFilters')}>
      {chips.map((chip) => (
        <li key={chip.testId} className="filter-chip" data-testid={chip.testId}>
          <span>{chip.text}</span>
          <button
            type="button"
            className="filter-chip__remove"
            aria-label={t('filter.removeChip', { name: chip.text })}
            title={t('filter.removeChip', { name: chip.text })}
            onClick={() => props.onClear(chip.clear)}
          >
            ×
          </button>
        </li>
      ))}
    </ul>
  );
}
