/**
 * English text of every message the core, the shells and the CLI give a user. Keys are
 * stable ids; `{name}` placeholders and `{n, plural, one {...} other {...}}` follow
 * `formatMessage`. `pt-BR.ts` must translate each key (its type is `CoreMessages`).
 *
 * A message says what happened and what to do. Errors carry their key and values across
 * every transport, so the renderer shows them in its own language.
 */
export const coreEn = {
  'error.internal':
    'Unexpected error: {detail}. Try again; if it happens again, write down what you did and report it.',
  'jobs.notFound':
    'No job {jobId}. It may belong to an earlier session; list jobs to see the current ones.',
  'jobs.alreadyRunning.import':
    'An import is already running. Wait for it to finish (or cancel it), then start this one.',
  // desktop natives (the SQLite module built for the runtime that opens the library)
  'library.nativeBindingMissing':
    'The SQLite module for this app ({file}) is missing. In a checkout run "npm run prepare:electron"; otherwise reinstall Inspection Desk.',
  'library.nativeBindingMismatch':
    'The SQLite module {file} was built for another runtime ({detail}). In a checkout run "npm run prepare:electron"; otherwise reinstall Inspection Desk.',
  // review
  'review.noActiveModel':
    'No model is active, so there is no prediction to accept. Activate a model, or choose the label yourself.',
  'review.unclassified':
    '{names}{more, plural, =0 {} other { and # more}} {count, plural, one {has} other {have}} no prediction from {modelId} to accept. Classify {count, plural, one {it} other {them}} first, or choose the label yourself; nothing was changed.',
  'review.nothingToUndo':
    'Nothing to undo: {reviewer} has no label decision left to revert in this session.',
  'review.nothingToRedo':
    'Nothing to redo: that decision is not undone (or its photos were relabeled since).',
  // improve, embeddings, similar photos (issue 13)
  'improve.noModel':
    'No model is active, so there is nothing to improve. Add a model and activate it, or name one with --model.',
  'improve.noEmbedding':
    'Model {modelId} has no embedding output (the "embedding" field of its model.json), so it cannot be improved and photos cannot be compared with it. Use a model whose model.json names its embedding output.',
  'improve.alreadyRunning':
    'The model is already being improved (job {jobId}). Wait for it to finish or cancel it.',
  'improve.tooFewReviewed':
    'Only {n, plural, one {# reviewed photo has} other {# reviewed photos have}} an embedding of {modelId}. Review at least {min} photos (with at least {perLabel} of each label), then improve again.',
  'improve.tooFewLabels':
    'The reviewed photos carry only {n, plural, one {# label} other {# labels}} with at least {perLabel} photos ({labels}). A classifier needs two: review photos of another label, then improve again.',
  'embeddings.alreadyRunning':
    'Embeddings are already being computed (job {jobId}). Wait for it to finish or cancel it.',
  'similar.noEmbedding':
    'Photo {imageId} has no embedding of {modelId} yet. Compute the missing embeddings (Models screen, or `models backfill`), then try again.',
} as const;

export type CoreMessageKey = keyof typeof coreEn;
export type CoreMessages = Record<CoreMessageKey, string>;
