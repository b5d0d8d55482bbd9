/** MODEL_CARD.md of an improved model: what it learned from, who labeled it, how it does. */
import type { ModelMetrics } from '../../contract.js';

export interface CardFacts {
  modelId: string;
  parentModelId: string;
  name: string;
  createdAt: string;
  labels: string[];
  newLabels: string[];
  trainPerLabel: Record<string, number>;
  heldOutPerLabel: Record<string, number>;
  reviewers: { reviewer: string; photos: number }[];
  groups: number;
  groupedBy: string;
  before: ModelMetrics;
  after: ModelMetrics;
  embeddingName: string;
  embeddingSize: number;
  command: string;
}

function pct(value: number | null): string {
  return value === null ? 'n/a' : `${(value * 100).toFixed(1)}%`;
}

function recallRow(metrics: ModelMetrics, label: string): string {
  const c = metrics.perClass.find((p) => p.label === label);
  return c ? pct(c.recall) : 'n/a';
}

function confusion(metrics: ModelMetrics): string {
  const { labels, counts } = metrics.confusion;
  const head = `| truth \\ predicted | ${labels.join(' | ')} |`;
  const rule = `|---|${labels.map(() => '---:').join('|')}|`;
  const rows = labels.map((l, i) => `| ${l} | ${(counts[i] ?? []).join(' | ')} |`);
  return [head, rule, ...rows].join('\n');
}

export function renderModelCard(f: CardFacts): string {
  const perLabel = f.labels
    .map(
      (l) =>
        `| ${l}${f.newLabels.includes(l) ? ' (new)' : ''} | ${f.trainPerLabel[l] ?? 0} | ${f.heldOutPerLabel[l] ?? 0} |`,
    )
    .join('\n');
  return `# ${f.name}

\`${f.modelId}\`, improved from \`${f.parentModelId}\` by Inspection Desk on ${f.createdAt}.

## What changed
The base graph of \`${f.parentModelId}\` is kept as it was up to its embedding output
\`${f.embeddingName}\` (${f.embeddingSize} values). Its classification head was replaced by
a new one (Gemm + Softmax, output \`improved_probabilities\`), a class-balanced
multinomial logistic regression fitted in the app on the reviewers' labels.
${f.newLabels.length ? `\nNew labels the parent model did not have: ${f.newLabels.join(', ')}.\n` : ''}
## Data
Reviewed photos of the library, split by near-duplicate group (${f.groupedBy};
${f.groups} groups): a group is either all in training or all held out.

| label | fitted on | held out |
|---|---:|---:|
${perLabel}

Labeled by: ${f.reviewers.map((r) => `${r.reviewer} (${r.photos})`).join(', ') || 'nobody'}.

## Held-out metrics (parent vs this model, same photos)
| | ${f.parentModelId} | ${f.modelId} |
|---|---:|---:|
| photos | ${f.before.reviewed} | ${f.after.reviewed} |
| accuracy | ${pct(f.before.accuracy)} | ${pct(f.after.accuracy)} |
| balanced accuracy | ${pct(f.before.balancedAccuracy)} | ${pct(f.after.balancedAccuracy)} |
${f.labels.map((l) => `| recall ${l} | ${recallRow(f.before, l)} | ${recallRow(f.after, l)} |`).join('\n')}

Confusion of ${f.parentModelId}:

${confusion(f.before)}

Confusion of ${f.modelId}:

${confusion(f.after)}

## Limits
- Held-out photos are few when few photos are reviewed: read the counts above before
  trusting a difference of a few percent.
- Only the head was fitted: what the base network cannot see, the new head cannot learn.
- Labels with fewer than 2 reviewed photos were left out.

## Reproduce
\`${f.command}\` on the same library gives the same split and the same head.
`;
}
