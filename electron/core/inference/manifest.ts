/**
 * `model.json`: everything needed to use a model without guessing (labels in output
 * order, input name/layout/size/colour order/scaling, output activation). Data
 * scientists write it by hand, so every mistake is reported as the field, what it must
 * be, and what was found.
 */
import { z } from 'zod';
import { LabelName } from '../../contract.js';
import { CoreError } from '../errors.js';
import {
  renderCoreMessage,
  type CoreMessage,
  type CoreMessageKey,
} from '../../shared/core-messages/index.js';
import { describeValue, issueMessages } from '../validation-messages.js';
import { MAX_MANIFEST_BYTES, readRegularFile } from './model-files.js';

/** A folder- and URL-safe token: model ids and versions become folder names. */
const TOKEN = /^[A-Za-z0-9][A-Za-z0-9._-]*$/;
const MAX_INPUT_EDGE = 4096;

/** What a field must be, as a catalog key (see validation-messages.ts). */
function must(expected: CoreMessageKey): { error: CoreMessageKey } {
  return { error: expected };
}

const ChannelTriple = z.tuple(
  [z.number(), z.number(), z.number()],
  must('models.expect.channelTriple'),
);

const Scaling = z.discriminatedUnion(
  'kind',
  [
    z.object({ kind: z.literal('unit') }).strict(),
    z
      .object({
        kind: z.literal('meanStd'),
        mean: ChannelTriple,
        std: z.tuple(
          [
            z.number().positive(must('models.expect.positiveNumber')),
            z.number().positive(must('models.expect.positiveNumber')),
            z.number().positive(must('models.expect.positiveNumber')),
          ],
          must('models.expect.positiveTriple'),
        ),
      })
      .strict(),
  ],
  {
    // zod reports an unknown "kind" as a union issue on the kind field itself.
    error: (issue) =>
      issue.code === 'invalid_union' ? 'models.expect.scalingKind' : 'models.expect.scaling',
  },
);

const Edge = z
  .number(must('models.expect.edge'))
  .int(must('models.expect.edge'))
  .min(1, must('models.expect.edge'))
  .max(MAX_INPUT_EDGE, must('models.expect.edge'));

const TensorName = z
  .string(must('models.expect.tensorName'))
  .min(1, must('models.expect.tensorNameNonEmpty'));

/** What the model's output values are; the app turns them into probabilities. */
export const OUTPUT_TYPES = ['probabilities', 'logits'] as const;
export type OutputType = (typeof OUTPUT_TYPES)[number];

/** Per-language display names of labels: `{"pt-BR": {"clear": "livre"}, "en": {...}}`. */
const LabelNames = z
  .record(
    z.string().regex(/^[a-z]{2,3}(-[A-Za-z0-9]{2,8})*$/, must('models.expect.languageTag')),
    z.record(z.string(), z.string().trim().min(1).max(200), must('models.expect.labelNamesInner')),
    must('models.expect.labelNames'),
  )
  .optional();

const commonFields = {
  id: z
    .string(must('models.expect.idText'))
    .regex(TOKEN, must('models.expect.idToken'))
    .max(100, must('models.expect.idMax')),
  version: z
    .string(must('models.expect.versionText'))
    .regex(TOKEN, must('models.expect.versionToken'))
    .max(50, must('models.expect.versionMax')),
  name: z
    .string(must('models.expect.displayName'))
    .trim()
    .min(1, must('models.expect.displayNameNonEmpty'))
    .max(200),
  description: z.string(must('models.expect.text')).max(5000).default(''),
  file: z
    .string(must('models.expect.fileText'))
    .regex(/^[^/\\]+\.onnx$/i, must('models.expect.fileName'))
    .default('model.onnx'),
  labels: z
    .array(LabelName, must('models.expect.labels'))
    .min(2, must('models.expect.labels'))
    .max(1000)
    .refine(
      (labels) => new Set(labels).size === labels.length,
      must('models.expect.distinctLabels'),
    ),
  input: z
    .object(
      {
        name: TensorName,
        layout: z.enum(['NCHW', 'NHWC'], must('models.expect.layout')),
        width: Edge,
        height: Edge,
        colorOrder: z.enum(['RGB', 'BGR'], must('models.expect.colorOrder')),
        resize: z.enum(['stretch', 'center-crop'], must('models.expect.resize')),
        scaling: Scaling,
      },
      must('models.expect.input'),
    )
    .strict(),
  /** A second output whose values describe the photo (for similarity search); optional. */
  embedding: z.object({ name: TensorName }, must('models.expect.embedding')).strict().optional(),
  /** The model this one was improved from (`models improve`), as `<id>@<version>`. */
  parentModelId: z.string(must('models.expect.parentModelId')).min(1).max(200).optional(),
  threshold: z
    .number(must('models.expect.threshold'))
    .min(0, must('models.expect.threshold'))
    .max(1, must('models.expect.threshold'))
    .nullable()
    .optional(),
};

/**
 * Manifest format 2: `output.type` says what the graph gives, never what to do to it.
 * "probabilities": the graph ends in its own softmax/sigmoid. "logits": it does not; the
 * app applies softmax (several values) or sigmoid (one value). One value always means
 * P(labels[1]) (the Keras convention: a sigmoid unit for the second class).
 */
const ManifestV2Schema = z
  .object({
    schemaVersion: z.literal(2),
    ...commonFields,
    output: z
      .object(
        {
          name: TensorName,
          type: z.enum(OUTPUT_TYPES, must('models.expect.outputType')),
        },
        must('models.expect.outputV2'),
      )
      .strict(),
    labelNames: LabelNames,
  })
  .strict();

/**
 * Format 1 said what the app applies (`activation`): "softmax"/"sigmoid" mean the output
 * is logits, "none" that it is probabilities. It is read as format 2 with that meaning,
 * and checked against the graph the same way (a Keras sigmoid model declared "sigmoid"
 * got a second sigmoid under format 1).
 */
const ManifestV1Schema = z
  .object({
    schemaVersion: z.literal(1),
    ...commonFields,
    output: z
      .object(
        {
          name: TensorName,
          activation: z.enum(['softmax', 'sigmoid', 'none'], must('models.expect.activation')),
        },
        must('models.expect.outputV1'),
      )
      .strict(),
  })
  .strict();

/** The manifest as the app uses it, whichever format it was written in. */
export interface ModelManifest {
  schemaVersion: 1 | 2;
  id: string;
  version: string;
  name: string;
  description: string;
  file: string;
  labels: string[];
  input: z.output<typeof commonFields.input>;
  output: { name: string; type: OutputType };
  /** A format-1 manifest's `activation`, kept to explain a mismatch in its own words. */
  v1Activation?: 'softmax' | 'sigmoid' | 'none';
  embedding?: { name: string };
  parentModelId?: string;
  threshold?: number | null;
  labelNames?: Record<string, Record<string, string>>;
}

function fromV1(m: z.output<typeof ManifestV1Schema>): ModelManifest {
  const { output, ...rest } = m;
  return {
    ...rest,
    output: { name: output.name, type: output.activation === 'none' ? 'probabilities' : 'logits' },
    v1Activation: output.activation,
  };
}

/**
 * The manifest as the library stores it: format 2, so what was migrated from format 1
 * is read back the same way (and no longer needs the graph to be understood).
 */
export function serializeManifest(manifest: ModelManifest): string {
  const { v1Activation: _migratedFrom, ...rest } = manifest;
  void _migratedFrom;
  return JSON.stringify({ ...rest, schemaVersion: 2 });
}

function checkCrossFields(m: ModelManifest): CoreMessage[] {
  const problems: CoreMessage[] = [];
  if (m.threshold != null && m.labels.length !== 2) {
    problems.push({
      key: 'models.manifest.thresholdNeedsTwoLabels',
      values: { threshold: describeValue(m.threshold) },
    });
  }
  if (m.v1Activation === 'sigmoid' && m.labels.length !== 2) {
    problems.push({
      key: 'models.manifest.sigmoidNeedsTwoLabels',
      values: { count: String(m.labels.length) },
    });
  }
  for (const [language, names] of Object.entries(m.labelNames ?? {})) {
    const unknown = Object.keys(names).filter((label) => !m.labels.includes(label));
    if (unknown.length > 0) {
      problems.push({
        key: 'models.manifest.labelNamesUnknown',
        values: { language, labels: unknown.map((l) => `"${l}"`).join(', ') },
      });
    }
  }
  return problems;
}

/** How pixel bytes become model values: 0..1, or per-channel mean/std. */
export type ManifestScaling = ModelManifest['input']['scaling'];

/** Validates a parsed model.json (format 1 or 2); throws MODEL_INVALID naming the wrong field(s). */
export function parseManifest(raw: unknown, source = 'model.json'): ModelManifest {
  if (raw === null || typeof raw !== 'object' || Array.isArray(raw)) {
    throw new CoreError('MODEL_INVALID', {
      key: 'models.manifest.notAnObject',
      values: { source, got: describeValue(raw) },
    });
  }
  const version = (raw as { schemaVersion?: unknown }).schemaVersion;
  if (version !== 1 && version !== 2) {
    const problem: CoreMessage =
      version === undefined
        ? { key: 'models.manifest.schemaVersionMissing' }
        : { key: 'models.manifest.schemaVersionWrong', values: { got: describeValue(version) } };
    throw invalidManifest(source, [problem]);
  }
  let manifest: ModelManifest;
  if (version === 1) {
    const parsed = ManifestV1Schema.safeParse(raw);
    if (!parsed.success) throw invalid(parsed.error, raw, source);
    manifest = fromV1(parsed.data);
  } else {
    const parsed = ManifestV2Schema.safeParse(raw);
    if (!parsed.success) throw invalid(parsed.error, raw, source);
    manifest = parsed.data;
  }
  const problems = checkCrossFields(manifest);
  if (problems.length > 0) {
    throw invalidManifest(source, problems);
  }
  return manifest;
}

/**
 * Each field problem is a catalog message of its own, so the whole error reads in the
 * user's language; `details.problems` keeps the English text for scripts and logs.
 */
function invalidManifest(source: string, problems: CoreMessage[]): CoreError {
  return new CoreError(
    'MODEL_INVALID',
    { key: 'models.manifest.invalid', values: { source, problems } },
    { problems: problems.map((problem) => renderCoreMessage('en', problem)) },
  );
}

function invalid(error: z.ZodError, raw: unknown, source: string): CoreError {
  return invalidManifest(source, issueMessages(error, { root: source, input: raw }));
}

/** Reads and validates `model.json` (a regular file under 1 MB); `label` names the file in messages. */
export async function readManifest(file: string, label = 'model.json'): Promise<ModelManifest> {
  let text: string;
  try {
    text = (await readRegularFile(file, MAX_MANIFEST_BYTES)).toString('utf8');
  } catch (error) {
    if (error instanceof CoreError && error.code === 'MODEL_INVALID') throw error;
    const reason = error instanceof Error ? error.message : String(error);
    throw new CoreError(
      'MODEL_INVALID',
      { key: 'models.manifest.unreadable', values: { file, reason } },
      { file },
      { cause: error },
    );
  }
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch (error) {
    throw new CoreError(
      'MODEL_INVALID',
      { key: 'models.manifest.notJson', values: { file: label, reason: (error as Error).message } },
      { file },
      { cause: error },
    );
  }
  return parseManifest(raw, label);
}
