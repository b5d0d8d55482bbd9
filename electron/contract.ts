/**
 * The one typed API of Inspection Desk.
 *
 * Every shell (Electron IPC, HTTP, CLI) binds this whole map generically: a method
 * name, its zod argument schema (validated once, at the boundary) and its result type.
 * Events are a second typed map. This file is shared by the core and the renderer, so
 * it must import nothing but zod: no Node, no Electron.
 */
import { z } from 'zod';

// ---------------------------------------------------------------------------
// Shared value types
// ---------------------------------------------------------------------------

/** A label name as models and reviewers use it (folder-safe: checked on export). */
export const LabelName = z
  .string()
  .trim()
  .min(1, 'validation.labelEmpty')
  .max(64, 'validation.labelTooLong')
  .regex(/^[\p{L}\p{N}_ .-]+$/u, 'validation.labelCharacters');

export const ImageId = z.number().int().positive();
export const ModelId = z.string().min(1).max(200);
export const JobId = z.string().min(1).max(100);
export const Reviewer = z.string().trim().min(1).max(100);

/** Filters the review grid, the CLI `list` and exports share. All optional; combined with AND. */
export const ImageFilter = z
  .object({
    /** Effective label: the reviewer's label when reviewed, else the active model's prediction. */
    label: LabelName.optional(),
    /** The active model's predicted label. */
    predicted: LabelName.optional(),
    /** Confidence of the active model's prediction, inclusive bounds in 0..1. */
    minConfidence: z.number().min(0).max(1).optional(),
    maxConfidence: z.number().min(0).max(1).optional(),
    reviewed: z.boolean().optional(),
    importId: z.number().int().positive().optional(),
    /** Every card of an inspection (several when grouped), not just one import. */
    inspectionId: z.number().int().positive().optional(),
    /** Only photos whose reviewer label differs from the active model's prediction. */
    disagreement: z.boolean().optional(),
    /** Only photos the active model has not classified yet. */
    unclassified: z.boolean().optional(),
    /** Only photos two people labeled differently without seeing each other's decision. */
    conflict: z.boolean().optional(),
    /** Only photos a reviewer answered "unsure" (true), or only the others (false). */
    unsure: z.boolean().optional(),
    /** Model whose predictions the filter and sort use; defaults to the active model. */
    modelId: ModelId.optional(),
  })
  .strict();
export type ImageFilter = z.infer<typeof ImageFilter>;

export const ImageSort = z.enum(['confidence', 'captured', 'tube', 'imported']);
export type ImageSort = z.infer<typeof ImageSort>;

export interface Prediction {
  modelId: string;
  label: string;
  /** Probability of `label` (0..1). */
  confidence: number;
  /** Every label's score, in the model's label order. */
  scores: Record<string, number>;
  createdAt: string;
}

/** One row of the review grid: what a thumbnail needs. */
export interface ImageSummary {
  id: number;
  sha256: string;
  originalName: string;
  capturedAt: string;
  tubeRow: number | null;
  tubeCol: number | null;
  /** The active model's prediction, when it has classified this photo. */
  predicted: string | null;
  confidence: number | null;
  /** The reviewer's label, when reviewed. */
  label: string | null;
  /** label ?? predicted. */
  effectiveLabel: string | null;
  reviewed: boolean;
  /** URL path of the thumbnail (relative to the shell's origin). */
  thumbUrl: string;
  /** A reviewer answered "unsure / skip": no reviewer label (`reviewed` is false). */
  unsure?: boolean;
}

export interface LabelEvent {
  id: number;
  imageId: number;
  oldLabel: string | null;
  newLabel: string | null;
  reviewer: string;
  at: string;
  /** Active model when the decision was made (null when no model was active). */
  modelId: string | null;
  /** 'set' (relabel), 'accept' (accepted the prediction), 'undo' (reverted a decision). */
  kind: 'set' | 'accept' | 'undo';
  /** The laptop (library) that recorded the decision; several laptops merge their history. */
  deviceId?: string;
}

export interface ImageDetail extends ImageSummary {
  sourcePath: string;
  importId: number;
  sizeBytes: number;
  width: number;
  height: number;
  format: string;
  capturedFrom: 'exif' | 'file';
  importedAt: string;
  reviewer: string | null;
  reviewedAt: string | null;
  /** URL path of the full-size original. */
  originalUrl: string;
  predictions: Prediction[];
  history: LabelEvent[];
  /** Who answered "unsure" and when, while the photo is unsure. */
  unsureBy?: { reviewer: string; at: string } | null;
  /** The photo's note, null when it has none. */
  note?: PhotoNote | null;
  /** Every change of the note, oldest first. */
  noteHistory?: NoteEvent[];
}

export interface ImageListResult {
  items: ImageSummary[];
  /** Opaque keyset cursor for the next page; null on the last page. */
  nextCursor: string | null;
}

export interface FileError {
  path: string;
  code: string;
  /** English (files imported before messages had keys have only this). */
  message: string;
  /** The reason as a core message (electron/shared/core-messages), to show in any language. */
  messageKey?: string;
  messageValues?: WireMessageValues;
}

export interface ImportSummary {
  importId: number;
  source: string;
  status: 'running' | 'done' | 'cancelled' | 'failed';
  startedAt: string;
  finishedAt: string | null;
  filesSeen: number;
  imported: number;
  duplicates: number;
  /** Already imported by an earlier run of the same import (resume). */
  alreadyDone: number;
  errors: number;
  bytes: number;
  classified: number;
  durationMs: number | null;
  errorList: FileError[];
}

export type InputLayout = 'NCHW' | 'NHWC';

export interface ModelInfo {
  id: string;
  name: string;
  version: string;
  labels: string[];
  fileSha256: string;
  dir: string;
  active: boolean;
  addedAt: string;
  /** Photos this model has classified. */
  predictions: number;
  manifest: unknown;
  /** Display names of labels per language (model.json `labelNames`); {} when none. */
  labelNames: Record<string, Record<string, string>>;
}

export interface ConfusionMatrix {
  /** Row = reviewer label (truth), column = predicted label. */
  labels: string[];
  counts: number[][];
}

export interface ClassMetrics {
  label: string;
  precision: number | null;
  recall: number | null;
  support: number;
}

export interface ModelMetrics {
  modelId: string;
  reviewed: number;
  accuracy: number | null;
  balancedAccuracy: number | null;
  perClass: ClassMetrics[];
  confusion: ConfusionMatrix;
}

export interface LibrarySummary {
  total: number;
  reviewed: number;
  unclassified: number;
  /** Per effective label: total, reviewed, predicted-only. */
  perLabel: { label: string; total: number; reviewed: number }[];
  activeModel: ModelMetrics | null;
  /** Confidence histogram of the active model, 10 bins over 0..1, per predicted label. */
  confidenceHistogram: { label: string; bins: number[] }[];
  /** Tube sheet cells when photos carry tube positions. */
  tubes: { row: number; col: number; label: string | null; imageId: number; reviewed: boolean }[];
}

export const ExportFormat = z.enum(['folders', 'metadata-csv', 'labels-csv']);
export type ExportFormat = z.infer<typeof ExportFormat>;

export const SplitSpec = z
  .object({
    train: z.number().int().min(0).max(100),
    val: z.number().int().min(0).max(100),
    test: z.number().int().min(0).max(100),
  })
  .strict()
  .refine((s) => s.train + s.val + s.test === 100, 'validation.splitSum');
export type SplitSpec = z.infer<typeof SplitSpec>;

export const ExportOptions = z
  .object({
    dest: z.string().min(1, 'validation.chooseDestination'),
    formats: z.array(ExportFormat).min(1).default(['folders', 'metadata-csv', 'labels-csv']),
    reviewedOnly: z.boolean().default(false),
    split: SplitSpec.optional(),
    filter: ImageFilter.optional(),
    /**
     * List photos answered "unsure" too (empty label, `unsure` true, copied under
     * `_unsure/`, never a class folder). Off by default: an unsure photo carries no label
     * anyone vouches for, so it is left out of every export unless asked for.
     */
    includeUnsure: z.boolean().default(false),
  })
  .strict();
export type ExportOptions = z.infer<typeof ExportOptions>;

export interface ExportPlan {
  dest: string;
  total: number;
  /** counts[split][label]; split is 'all' when no split was asked. */
  counts: Record<string, Record<string, number>>;
  /** Files that will be written at the top of `dest`. */
  files: string[];
  /** Photos skipped because they have no label at all (not reviewed, not classified). */
  unlabeled: number;
  /**
   * Exported photos two people labeled differently: each is exported once under its
   * current label (as laptops merge), every competing decision listed in conflicts.csv.
   */
  conflicts?: number;
  /**
   * Photos answered "unsure": `included` are listed (empty label, unsure=true) because
   * `includeUnsure` asked for them; `leftOut` were left out (the default).
   */
  unsure?: { included: number; leftOut: number };
}

export interface ExportResult extends ExportPlan {
  durationMs: number;
}

export type JobKind =
  | 'import'
  | 'classify'
  | 'export'
  | 'improve'
  | 'embeddings'
  | 'sync'
  | 'bundle-export'
  | 'bundle-import';
export type JobStatus = 'running' | 'done' | 'cancelled' | 'failed';

export interface JobProgress {
  jobId: string;
  kind: JobKind;
  /** What is happening now, e.g. 'scanning', 'importing', 'classifying', 'writing'. */
  phase: string;
  done: number;
  total: number | null;
  bytesDone: number;
  bytesTotal: number | null;
  /** Items per second over the run so far. */
  rate: number;
  etaSeconds: number | null;
  /** Counters specific to the job (imported, duplicates, errors...). */
  counters: Record<string, number>;
}

/**
 * A catalog message as it crosses a transport: a value may itself be messages (the field
 * problems of a model.json), so each is rendered in the reader's language.
 */
export interface WireMessage {
  key: string;
  values?: WireMessageValues;
}
export type WireMessageValue = string | number | WireMessage | readonly WireMessage[];
export type WireMessageValues = Readonly<Record<string, WireMessageValue>>;

export interface SerializedError {
  code: string;
  /** What happened and what to do, in the language of whoever serialized it. */
  message: string;
  details?: unknown;
  /** Key of the message in `electron/shared/core-messages`, to render it in another language. */
  messageKey?: string;
  messageValues?: WireMessageValues;
}

export interface JobSnapshot {
  id: string;
  kind: JobKind;
  status: JobStatus;
  startedAt: string;
  finishedAt: string | null;
  progress: JobProgress;
  /** ImportSummary, ExportResult, ClassifyResult, ImproveResult, BackfillResult or HubSyncResult, by kind. */
  result:
    | ImportSummary
    | ExportResult
    | ClassifyResult
    | ImproveResult
    | BackfillResult
    | HubSyncResult
    | BundleExportResult
    | BundleImportResult
    | null;
  error: SerializedError | null;
}

export interface ClassifyResult {
  modelId: string;
  classified: number;
  failed: number;
  durationMs: number;
  /** The photos that failed and why (the first MAX_LISTED_FAILURES; `failed` counts all). */
  failures?: ClassifyFailure[];
}

/** One photo a classify job could not classify. */
export interface ClassifyFailure {
  imageId: number;
  name: string;
  error: SerializedError;
}

export interface Settings {
  reviewer: string;
  language: 'pt-BR' | 'en';
}

export interface LibraryInfo {
  path: string;
  schemaVersion: number;
  images: number;
  reviewed: number;
  activeModelId: string | null;
  /** Photos answered "unsure" (issue 11): not in `reviewed`, they carry no label. */
  unsure?: number;
}

export interface ClassifyOutcome {
  label: string;
  confidence: number;
  scores: Record<string, number>;
  model: { id: string; name: string; version: string };
}

// ---------------------------------------------------------------------------
// Embeddings, improve, similar photos (issue 13)
// ---------------------------------------------------------------------------

/** Old vs new model on the held-out reviewed photos, before anything is activated. */
export interface ImproveResult {
  /** The new registered model (not active unless asked). */
  modelId: string;
  parentModelId: string;
  /** Folder of the new model inside the library (model.onnx, model.json, MODEL_CARD.md). */
  dir: string;
  labels: string[];
  /** Labels the parent model does not have (learned from reviewers' labels). */
  newLabels: string[];
  /** Reviewed photos the head was fitted on / measured on. */
  trainPhotos: number;
  heldOutPhotos: number;
  /** Near-duplicate groups of the reviewed photos (a group is never split). */
  groups: number;
  /** How near-duplicates were grouped, e.g. 'tube position + embedding cosine >= 0.97'. */
  groupedBy: string;
  /** Metrics on the held-out photos; `before` is the parent model's stored predictions. */
  before: ModelMetrics;
  after: ModelMetrics;
  activated: boolean;
  durationMs: number;
}

export interface BackfillResult {
  modelId: string;
  /** Old float32 embeddings moved to the compact store. */
  converted: number;
  /** Photos run through the model again for their embedding. */
  computed: number;
  failed: number;
  durationMs: number;
}

/** One photo like another, with its cosine similarity (-1..1). */
export interface SimilarPhoto extends ImageSummary {
  similarity: number;
}

/** How the most similar reviewed photos are labeled. */
export interface NeighbourVote {
  /** The label most of them carry. */
  label: string;
  /** How many carry it, of `neighbours` looked at. */
  agreeing: number;
  neighbours: number;
}

export interface SimilarResult {
  modelId: string;
  items: SimilarPhoto[];
  /** The vote of the photo's most similar reviewed photos; null when none is reviewed. */
  vote: NeighbourVote | null;
  /** True when the vote's label differs from the photo's label (or prediction). */
  likelyMislabeled: boolean;
}

/** Why a photo may be mislabeled: how its nearest neighbours are labeled. */
export interface MislabelSuspect extends ImageSummary {
  /** 0..1: share of the nearest labeled neighbours that disagree, weighted by similarity. */
  score: number;
  /** The label most of its neighbours carry. */
  neighbourLabel: string;
  /** Neighbours carrying `neighbourLabel` / neighbours looked at. */
  agreeing: number;
  neighbours: number;
}

export const ImproveArgs = z
  .object({
    /** The model to improve (its embedding output feeds the new head); default: active. */
    modelId: ModelId.optional(),
    /** Share of the reviewed photos' near-duplicate groups held out to measure old vs new. */
    heldOutShare: z.number().min(0.05).max(0.5).default(0.2),
    /** Activate the new model and classify the library with it once it is written. */
    activate: z.boolean().default(false),
  })
  .strict()
  .default({ heldOutShare: 0.2, activate: false });
export const BackfillArgs = z.object({ modelId: ModelId.optional() }).strict().default({});
export const SimilarArgs = z
  .object({
    imageId: z.number().int().positive(),
    limit: z.number().int().min(1).max(200).default(12),
    modelId: ModelId.optional(),
  })
  .strict();
export const SuspectArgs = z
  .object({
    limit: z.number().int().min(1).max(1000).default(100),
    /** Neighbours each photo is compared with. */
    neighbours: z.number().int().min(3).max(50).default(10),
    modelId: ModelId.optional(),
  })
  .strict()
  .default({ limit: 100, neighbours: 10 });
// Inspections: one robot run over a reboiler (one import, or several grouped and named),
// the state of each tube in it, what changed between two, and the report the plant files.
// ---------------------------------------------------------------------------

export const InspectionId = z.number().int().positive();
export const InspectionName = z
  .string()
  .trim()
  .min(1, 'validation.inspectionNameEmpty')
  .max(200, 'validation.inspectionNameTooLong');

export interface Inspection {
  /** The id of its first import (stable: grouping keeps the lowest id). */
  id: number;
  /** The name a person gave it; null until named. */
  name: string | null;
  /** What to call it: the name, else the folder name of its first card. */
  title: string;
  importIds: number[];
  sources: string[];
  /** When its first import started (ISO). */
  startedAt: string;
  /** First and last photo capture (ISO), null without photos; inspections are ordered by the first. */
  capturedFrom: string | null;
  capturedTo: string | null;
  photos: number;
  reviewed: number;
  /** Distinct tubes photographed. */
  tubes: number;
}

/** An inspection without its counts (cheap: what a tube's history needs). */
export type InspectionHeader = Pick<
  Inspection,
  'id' | 'name' | 'title' | 'importIds' | 'sources' | 'startedAt'
>;

/** A tube as one inspection saw it: its latest photo there. */
export interface TubeState {
  /** "R07C010". */
  tube: string;
  row: number;
  col: number;
  imageId: number;
  originalName: string;
  capturedAt: string;
  thumbUrl: string;
  /** Reviewer's label, else the active model's prediction. */
  label: string | null;
  predicted: string | null;
  confidence: number | null;
  reviewed: boolean;
  reviewer: string | null;
  /** Not the normal label (e.g. obstructed), or the model is unsure and nobody reviewed. */
  flagged: boolean;
}

export interface InspectionSummary extends LibrarySummary {
  inspection: Inspection;
  /** The label meaning "nothing wrong" ("clear" when the model has it, else its first). */
  normalLabel: string | null;
  /** Tubes per effective label. */
  tubeCounts: { label: string; tubes: number }[];
  /** Tubes only the model has seen, with confidence below `unsureBelow`. */
  unsure: number;
  unsureBelow: number;
  /** Tubes whose photo no person has reviewed. */
  unreviewed: number;
  tubeStates: TubeState[];
}

/**
 * How a tube changed from one inspection to the next: `worsened` (normal → flagged
 * label), `cleared` (flagged → normal), `changed` (between two other labels), `added`
 * (only in the later one), `missing` (only in the earlier one).
 */
export type TubeChangeKind = 'worsened' | 'cleared' | 'changed' | 'added' | 'missing';

export interface TubeChange {
  tube: string;
  row: number;
  col: number;
  kind: TubeChangeKind;
  before: TubeState | null;
  after: TubeState | null;
}

export interface InspectionComparison {
  before: Inspection;
  after: Inspection;
  normalLabel: string | null;
  /** Ordered by tube. */
  changes: TubeChange[];
  /** Tubes in both with the same label. */
  unchanged: number;
}

export interface TubeHistory {
  tube: string;
  row: number;
  col: number;
  /** One entry per inspection that photographed the tube, oldest photo first. */
  entries: { inspection: InspectionHeader; state: TubeState }[];
}

/**
 * A tube sheet drawing: `grid` places tube (row, col) at column col, row row (`staggered`
 * shifts every other row by half a pitch); `positions` gives each tube's centre (any unit,
 * y down), e.g. concentric rings. Tubes absent from `positions` are not drawn there.
 */
export const TubeLayout = z.discriminatedUnion('kind', [
  z
    .object({
      kind: z.literal('grid'),
      name: z.string().max(200).optional(),
      pitch: z.enum(['square', 'staggered']).default('square'),
    })
    .strict(),
  z
    .object({
      kind: z.literal('positions'),
      name: z.string().max(200).optional(),
      /** Drawn tube diameter in the positions' unit (default: 0.8 × the closest spacing). */
      diameter: z.number().positive().optional(),
      tubes: z
        .array(
          z
            .object({
              row: z.number().int().min(0).max(9999),
              col: z.number().int().min(0).max(9999),
              x: z.number().finite(),
              y: z.number().finite(),
            })
            .strict(),
        )
        .min(1, 'validation.layoutNeedsTube')
        .max(20_000),
    })
    .strict(),
]);
export type TubeLayout = z.infer<typeof TubeLayout>;

export interface InspectionReport {
  html: string;
  /** A file name for it without extension, e.g. "inspection-3-reboiler-2". */
  fileName: string;
}

export const InspectionArgs = z.object({ inspectionId: InspectionId }).strict();
export const RenameInspectionArgs = z
  .object({ inspectionId: InspectionId, name: InspectionName })
  .strict();
export const GroupInspectionsArgs = z
  .object({
    inspectionIds: z.array(InspectionId).min(2, 'validation.groupNeedsTwo').max(100),
    name: InspectionName,
  })
  .strict();
export const CompareInspectionsArgs = z
  .object({ before: InspectionId, after: InspectionId })
  .strict();
export const TubeArgs = z
  .object({
    row: z.number().int().min(0).max(9999),
    col: z.number().int().min(0).max(9999),
  })
  .strict();
export const ReportArgs = z
  .object({
    inspectionId: InspectionId,
    /** Defaults to the library's language setting. */
    language: z.enum(['pt-BR', 'en']).optional(),
    /** IANA zone for dates (the UI's); defaults to the machine's. */
    timeZone: z.string().min(1).max(100).optional(),
  })
  .strict();
export const SetLayoutArgs = z.object({ layout: TubeLayout.nullable() }).strict();
/** A layout file as the inspector chose it in the UI; the core checks and explains it. */
export const LoadLayoutArgs = z
  .object({
    fileName: z.string().min(1).max(1000),
    text: z.string().max(10_000_000),
  })
  .strict();

// ---------------------------------------------------------------------------
// Method argument schemas
// ---------------------------------------------------------------------------

const NoArgs = z.object({}).strict().default({});
const ImageIds = z.array(ImageId).min(1, 'validation.selectPhoto').max(100_000);

export const ListArgs = z
  .object({
    filter: ImageFilter.default({}),
    sort: ImageSort.default('confidence'),
    /** Ascending by default: least confident / oldest / first tube first. */
    descending: z.boolean().default(false),
    cursor: z.string().max(500).nullable().optional(),
    limit: z.number().int().min(1).max(1000).default(200),
  })
  .strict();
export const FilterArgs = z.object({ filter: ImageFilter.default({}) }).strict();
export const ImageArgs = z.object({ imageId: ImageId }).strict();
export const FindArgs = z.object({ query: z.string().trim().min(1).max(300) }).strict();
// far jumps
/** The grid's page at a position (End, a scrollbar dragged far): `offset` rows into the order. */
export const CursorAtArgs = z
  .object({
    filter: ImageFilter.default({}),
    sort: ImageSort.default('confidence'),
    descending: z.boolean().default(false),
    offset: z.number().int().min(0),
    limit: z.number().int().min(1).max(1000).default(200),
  })
  .strict();
export interface CursorAtResult extends ImageListResult {
  /** Position of the first item (the offset asked, at most the total). */
  offset: number;
  /** The keyset cursor that reads from `offset` (null at the top): page on with library.list. */
  cursor: string | null;
  /** Photos matching the filter now. */
  total: number;
}
// position of a photo ("Show" in the decisions panel and the undo notice)
/** Where a photo sits in the grid's order for this filter and sort. */
export const PositionOfArgs = z
  .object({
    filter: ImageFilter.default({}),
    sort: ImageSort.default('confidence'),
    descending: z.boolean().default(false),
    imageId: ImageId,
  })
  .strict();
export interface PositionOfResult {
  /** Rows before the photo in the order; null when the filter excludes the photo. */
  offset: number | null;
}
// ids by position (Shift+End, Shift+click across pages the grid has not loaded)
/** The photos at positions offset .. offset + count - 1 of the grid's order. */
export const IdsAtArgs = z
  .object({
    filter: ImageFilter.default({}),
    sort: ImageSort.default('confidence'),
    descending: z.boolean().default(false),
    offset: z.number().int().min(0),
    count: z.number().int().min(1).max(100_000),
  })
  .strict();
export const IngestArgs = z
  .object({
    source: z.string().min(1, 'validation.importFolder'),
    /** Classify with the active model as photos arrive (default true). */
    classify: z.boolean().default(true),
  })
  .strict();
export const SetLabelArgs = z
  .object({ imageIds: ImageIds, label: LabelName, reviewer: Reviewer.optional() })
  .strict();
export const AcceptArgs = z.object({ imageIds: ImageIds, reviewer: Reviewer.optional() }).strict();
export const DecisionId = z.number().int().positive();
/** `decisionId`: the decision to revert (a window undoes its own session's decisions only). */
export const UndoArgs = z
  .object({ reviewer: Reviewer.optional(), decisionId: DecisionId.optional() })
  .strict()
  .default({});
export const RedoArgs = z
  .object({ decisionId: DecisionId, reviewer: Reviewer.optional() })
  .strict();
export const DecisionPreviewArgs = z.object({ imageIds: ImageIds }).strict();
/** What a bulk decision is about to change: the photos' current labels, counted. */
export interface DecisionPreview {
  /** `label` null: not reviewed yet. */
  byLabel: { label: string | null; count: number }[];
  total: number;
}
export const AddModelArgs = z
  .object({
    path: z.string().min(1, 'validation.modelFolder'),
    activate: z.boolean().default(false),
  })
  .strict();
export const ModelArgs = z.object({ modelId: ModelId }).strict();
/** models.init: write model.json for a folder holding model.onnx (and a label file). */
export const InitModelArgs = z
  .object({
    dir: z.string().min(1, 'validation.modelOnnxFolder'),
    /** Labels in output order, when no labels.txt / class_indices.json is beside the model. */
    labels: z.array(LabelName).min(2).optional(),
    force: z.boolean().default(false),
  })
  .strict();

/** What models.init wrote. */
export interface InitModelResult {
  /** The model.json written. */
  path: string;
  /** Where the labels came from: a file name beside the model, or "labels" (given). */
  labelsFrom: string;
  /** What the graph could not say and was assumed (check these). */
  notes: string[];
  manifest: unknown;
  outputType: 'probabilities' | 'logits';
}
export const ClassifyArgs = z
  .object({ modelId: ModelId.optional(), all: z.boolean().default(false) })
  .strict()
  .default({ all: false });
export const CompareArgs = z
  .object({
    modelIds: z.array(ModelId).min(1).max(10),
    /** Only the reviewed photos of this import (e.g. the new SD card); all when absent. */
    importId: z.number().int().positive().optional(),
  })
  .strict();
export const JobArgs = z.object({ jobId: JobId }).strict();
export const WaitArgs = z
  .object({ jobId: JobId, timeoutMs: z.number().int().min(0).max(600_000).default(30_000) })
  .strict();
export const SettingsArgs = z
  .object({
    reviewer: Reviewer.optional(),
    language: z.enum(['pt-BR', 'en']).optional(),
  })
  .strict();

// ---------------------------------------------------------------------------
// Sync: offline bundles between laptops (and, later, the hub)
// ---------------------------------------------------------------------------

export interface BundleExportResult {
  /** Absolute path of the bundle written. */
  file: string;
  photos: number;
  predictions: number;
  events: number;
  bytes: number;
}

export interface BundleImportResult {
  file: string;
  photosInBundle: number;
  eventsInBundle: number;
  /** What the merge added: 0 everywhere when the bundle was imported before. */
  imagesAdded: number;
  predictionsAdded: number;
  eventsAdded: number;
  /** Photos of the bundle that two people labeled differently (the conflict filter). */
  conflicts: number;
  /** Note changes the merge added (issue 11); 0 when imported before. */
  notesAdded?: number;
}

export interface HubSyncStatus {
  /** The hub's database and bucket (no credentials). */
  hub: string;
  /** Last sync that finished (ISO); null when every attempt was cut short. */
  lastSyncAt: string | null;
  /** Photos of this library not on that hub yet. */
  photosToSend: number;
  /** Label decisions recorded here since the last push to that hub. */
  eventsToSend: number;
}

export interface SyncStatus {
  /** This library's device id, on every decision it records. */
  deviceId: string;
  /** Photos two people labeled differently (the conflict filter). */
  conflicts: number;
  /** One entry per hub this library ever synced with. */
  hubs: HubSyncStatus[];
}

export const BundleExportArgs = z
  .object({
    /** The imports (SD cards) whose photos, predictions and label history go in the bundle. */
    importIds: z.array(z.number().int().positive()).min(1, 'validation.chooseImport').max(1000),
    file: z.string().min(1, 'validation.bundleFileToWrite'),
  })
  .strict();
export const BundleImportArgs = z
  .object({ file: z.string().min(1, 'validation.bundleFileToImport') })
  .strict();

/** The hub Settings syncs with: addresses only, never a password ('' = not set). */
export interface HubAddresses {
  /** postgres://host:port/database */
  database: string;
  /** http(s)://host:port/bucket */
  objects: string;
}
export const SetHubArgs = z
  .object({ database: z.string().trim().max(1000), objects: z.string().trim().max(1000) })
  .strict();

/** What one hub sync did (`sync.start`'s job result, the CLI's `sync --json`). */
export interface HubSyncResult {
  hub: string;
  photosUploaded: number;
  bytesUploaded: number;
  /** Photos already on the hub (another laptop had sent them): rows only. */
  photosAlreadyOnHub: number;
  predictionsPushed: number;
  eventsPushed: number;
  photosDownloaded: number;
  bytesDownloaded: number;
  predictionsPulled: number;
  eventsPulled: number;
  /** Photos of the inspections held here that two people labeled differently. */
  conflicts: number;
  uploadMs: number;
  durationMs: number;
}

// ---------------------------------------------------------------------------
// Unsure answers and photo notes (issue 11)
// ---------------------------------------------------------------------------

/**
 * The "unsure / skip" answer as label history writes it (`LabelEvent.oldLabel/newLabel`,
 * `DecisionPreview.byLabel[].label`). Never a label: `LabelName` refuses parentheses.
 */
export const UNSURE_ANSWER = '(unsure)';

/** Longest note kept (a few paragraphs; longer text is refused with a message). */
export const NOTE_MAX_LENGTH = 4000;

export interface PhotoNote {
  text: string;
  author: string;
  /** ISO time of the last change. */
  at: string;
}

/** One change of a photo's note: `oldText`/`newText` null when there was / is no note. */
export interface NoteEvent {
  id: number;
  imageId: number;
  oldText: string | null;
  newText: string | null;
  author: string;
  at: string;
  deviceId?: string;
}

export const MarkUnsureArgs = z
  .object({ imageIds: ImageIds, reviewer: Reviewer.optional() })
  .strict();
export const SetNoteArgs = z
  .object({
    imageId: ImageId,
    /** The whole note; empty (or only spaces) clears it. */
    text: z.string().max(NOTE_MAX_LENGTH),
    reviewer: Reviewer.optional(),
  })
  .strict();

// ---------------------------------------------------------------------------
// Methods
// ---------------------------------------------------------------------------

/** Declares one method: its argument schema and (type-only) result. */
function method<R>() {
  return <A extends z.ZodType>(args: A): { args: A; result: R } => ({
    args,
    result: undefined as unknown as R,
  });
}

export const methods = {
  'library.info': method<LibraryInfo>()(NoArgs),
  /** One page of the review grid, keyset-paged. */
  'library.list': method<ImageListResult>()(ListArgs),
  'library.count': method<{ total: number }>()(FilterArgs),
  /** Ids of every photo matching a filter (for "select all matching"). */
  'library.ids': method<{ ids: number[] }>()(FilterArgs),
  'library.get': method<ImageDetail>()(ImageArgs),
  /** Finds photos by id, sha256 prefix (>= 8 hex chars) or original file name. */
  'library.find': method<ImageSummary[]>()(FindArgs),
  'library.imports': method<ImportSummary[]>()(NoArgs),
  'library.summary': method<LibrarySummary>()(NoArgs),
  /** Labels known to the library: the active model's labels plus any reviewer label. */
  'library.labels': method<string[]>()(NoArgs),

  /** Starts importing a folder (an SD card or a copy of it). Returns at once; follow the job. */
  'ingest.start': method<{ jobId: string; importId: number }>()(IngestArgs),

  'review.setLabel': method<{ changed: number; decisionId: number | null }>()(SetLabelArgs),
  /** Accepts the active model's prediction as the label. */
  'review.accept': method<{ changed: number; decisionId: number | null }>()(AcceptArgs),
  /** Reverts the reviewer's last decision (one decision may cover a multi-selection). */
  'review.undo': method<{ reverted: number; imageIds: number[] }>()(UndoArgs),
  'review.history': method<LabelEvent[]>()(ImageArgs),
  /** Applies an undone decision again, as a new decision. */
  'review.redo': method<{ changed: number; decisionId: number | null; imageIds: number[] }>()(
    RedoArgs,
  ),
  /** The current labels of photos a bulk decision is about to change. */
  'review.preview': method<DecisionPreview>()(DecisionPreviewArgs),
  // unsure answers and notes (issue 11)
  /** Answers "unsure / skip" for the photos, as one decision (undo/redo like a label). */
  'review.markUnsure': method<{ changed: number; decisionId: number | null }>()(MarkUnsureArgs),
  /** Sets (or, with empty text, clears) a photo's note; every change is kept. */
  'review.setNote': method<{ changed: boolean; note: PhotoNote | null }>()(SetNoteArgs),
  /** Every change of a photo's note, oldest first. */
  'review.noteHistory': method<NoteEvent[]>()(ImageArgs),

  'models.list': method<ModelInfo[]>()(NoArgs),
  /** Registers a model folder (model.onnx + model.json), or a model.json path. */
  'models.add': method<ModelInfo>()(AddModelArgs),
  'models.activate': method<ModelInfo>()(ModelArgs),
  /** Writes model.json for a folder with model.onnx, from the graph and a label file. */
  'models.init': method<InitModelResult>()(InitModelArgs),
  /** Classifies the library with a model (default: active); only unclassified photos unless `all`. */
  'models.classify': method<{ jobId: string }>()(ClassifyArgs),
  /** Metrics of models on the reviewed photos (of one import when `importId` is given). */
  'models.compare': method<ModelMetrics[]>()(CompareArgs),

  /** What an export would write, without writing. */
  'export.preview': method<ExportPlan>()(ExportOptions),
  'export.start': method<{ jobId: string }>()(ExportOptions),

  'jobs.get': method<JobSnapshot>()(JobArgs),
  'jobs.list': method<JobSnapshot[]>()(NoArgs),
  'jobs.cancel': method<JobSnapshot>()(JobArgs),
  /** Waits until the job finishes or `timeoutMs` passes, then returns its snapshot. */
  'jobs.wait': method<JobSnapshot>()(WaitArgs),

  /** Fits a new head on the reviewed photos' embeddings and registers it (a job). */
  'models.improve': method<{ jobId: string }>()(ImproveArgs),
  /** Stores embeddings for photos that lack them (a resumable job). */
  'embeddings.backfill': method<{ jobId: string }>()(BackfillArgs),
  /** Nearest photos by cosine similarity of their embeddings. */
  'library.similar': method<SimilarResult>()(SimilarArgs),
  /** Photos whose label or prediction disagrees with their nearest neighbours' labels. */
  'library.suspects': method<MislabelSuspect[]>()(SuspectArgs),
  'settings.get': method<Settings>()(NoArgs),
  'settings.set': method<Settings>()(SettingsArgs),

  /** Writes one bundle file (photos, predictions, label events) for a USB stick. */
  'bundle.export': method<BundleExportResult>()(BundleExportArgs),
  /** Merges a bundle from another laptop; importing it again changes nothing. */
  'bundle.import': method<BundleImportResult>()(BundleImportArgs),
  /** Device id, conflicts, and per hub: last sync and what waits to be sent. */
  'sync.status': method<SyncStatus>()(NoArgs),
  /** The hub addresses saved for "Sync now". */
  'sync.hub': method<HubAddresses>()(NoArgs),
  /** Saves them; refuses an address holding a password or credentials. */
  'sync.setHub': method<HubAddresses>()(SetHubArgs),
  /** bundle.export as a job (progress per photo, Cancel): the Export screen's. */
  'bundle.startExport': method<{ jobId: string }>()(BundleExportArgs),
  /** bundle.import as a job (progress per photo, Cancel): the Import screen's. */
  'bundle.startImport': method<{ jobId: string }>()(BundleImportArgs),
  /** Syncs with the saved hub (credentials from the environment), as a job. */
  'sync.start': method<{ jobId: string }>()(NoArgs),
  // inspections
  'inspections.list': method<Inspection[]>()(NoArgs),
  'inspections.get': method<Inspection>()(InspectionArgs),
  'inspections.rename': method<Inspection>()(RenameInspectionArgs),
  /** Merges inspections (their imports) into the lowest id, under a new name. */
  'inspections.group': method<Inspection>()(GroupInspectionsArgs),
  /** The summary screen's figures for one inspection, plus each tube's state. */
  'inspections.summary': method<InspectionSummary>()(InspectionArgs),
  /** Tubes that changed from `before` to `after`. */
  'inspections.compare': method<InspectionComparison>()(CompareInspectionsArgs),
  /** The same tube in every inspection that photographed it. */
  'inspections.tubeHistory': method<TubeHistory>()(TubeArgs),
  /** The inspection report as one self-contained HTML page (thumbnails inlined). */
  'inspections.report': method<InspectionReport>()(ReportArgs),
  /** The tube sheet drawing the maps use; null = rows × columns from the photos. */
  'inspections.layout': method<TubeLayout | null>()(NoArgs),
  'inspections.setLayout': method<TubeLayout | null>()(SetLayoutArgs),
  // far jumps
  /** The grid's page `offset` rows into the order, found by one seek (no page walk). */
  'library.cursorAt': method<CursorAtResult>()(CursorAtArgs),
  // position of a photo
  /** A photo's offset in the grid's order (then cursorAt seeks there); null = filtered out. */
  'library.positionOf': method<PositionOfResult>()(PositionOfArgs),
  // ids by position
  /** Ids of a run of the grid's order (a Shift range over pages not loaded), in order. */
  'library.idsAt': method<{ ids: number[] }>()(IdsAtArgs),
  // label display names
  /** Display names of the active model's labels per language (`labelNames`); {} when none. */
  'library.labelNames': method<Record<string, Record<string, string>>>()(NoArgs),
  // inspections: layout from a file (polish)
  /** Sets the layout from a JSON file's text; a bad file is refused naming the problem. */
  'inspections.loadLayout': method<TubeLayout | null>()(LoadLayoutArgs),
} as const;

export type Methods = typeof methods;
export type MethodName = keyof Methods;
/** Arguments as a caller writes them (defaults optional). */
export type ArgsIn<M extends MethodName> = z.input<Methods[M]['args']>;
/** Arguments as a handler receives them (validated, defaults applied). */
export type Args<M extends MethodName> = z.output<Methods[M]['args']>;
export type Result<M extends MethodName> = Methods[M]['result'];
export const methodNames = Object.keys(methods) as MethodName[];

export function isMethodName(name: string): name is MethodName {
  return Object.prototype.hasOwnProperty.call(methods, name);
}

// ---------------------------------------------------------------------------
// Events
// ---------------------------------------------------------------------------

export interface Events {
  'job.progress': JobProgress;
  'job.finished': JobSnapshot;
  /** Photos whose label or prediction changed (empty = reload everything). */
  'library.changed': { imageIds: number[]; reason: 'import' | 'review' | 'classify' | 'models' };
}
export type EventName = keyof Events;
export const eventNames: EventName[] = ['job.progress', 'job.finished', 'library.changed'];

/** The one client the renderer and tests use, whatever the transport. */
export interface ContractClient {
  invoke<M extends MethodName>(method: M, args?: ArgsIn<M>): Promise<Result<M>>;
  on<E extends EventName>(event: E, listener: (payload: Events[E]) => void): () => void;
}

// ---------------------------------------------------------------------------
// Desktop bridge (what electron/preload exposes as `window.inspectionDesk`)
// ---------------------------------------------------------------------------

/** IPC channel names; the preload refuses anything else. */
export const IPC_INVOKE_CHANNEL = 'desk:invoke';
export const IPC_EVENT_CHANNEL = 'desk:event';

/** Errors cross IPC as values: Electron would otherwise strip their code and details. */
export type InvokeReply = { ok: true; result: unknown } | { ok: false; error: SerializedError };

/** Desktop-only extras the preload exposes beside invoke/on. */
export interface DesktopExtras {
  /** Opens the native folder dialog; null when cancelled. */
  pickFolder(purpose: 'import' | 'export' | 'library' | 'model'): Promise<string | null>;
  /** Mounted removable drives (SD cards, USB sticks), for the import screen. */
  removableDrives(): Promise<{ path: string; label: string }[]>;
  /** Shows a folder in the system file manager (after an export). */
  openFolder(path: string): Promise<void>;
  /**
   * Prints an inspection's report to PDF (webContents.printToPDF) and saves it where the
   * user picks; the saved path, or null when cancelled.
   */
  saveReportPdf(request: {
    inspectionId: number;
    language: 'pt-BR' | 'en';
    timeZone: string;
  }): Promise<string | null>;
}

export interface DesktopBridge extends DesktopExtras {
  invoke(method: string, args: unknown): Promise<InvokeReply>;
  /** Subscribes to a contract event; returns the unsubscribe function. */
  on(event: string, listener: (payload: unknown) => void): () => void;
}
