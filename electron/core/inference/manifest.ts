/**
 * `model.json`: everything needed to use a model without guessing (labels in output
 * order, input name/layout/size/colour order/scaling, output activation). Data
 * scientists write it by hand, so every mistake is reported as the field, what it must
 * be, and what was found.
 */
import { z } from 'zod';
import { LabelName } from '../../contract.js';
import { CoreError } from '../errors.js';
import { MAX_MANIFEST_BYTES, readRegularFile } from './model-files.js';

/** A folder- and URL-safe token: model ids and versions become folder names. */
const TOKEN = /^[A-Za-z0-9][A-Za-z0-9._-]*$/;
const MAX_INPUT_EDGE = 4096;

function must(description: string): { error: string } {
  return { error: `must be ${description}` };
}

const ChannelTriple = z.tuple([z.number(), z.number(), z.number()], must('3 numbers (R, G, B)'));

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
            z.number().positive(must('a positive number')),
            z.number().positive(must('a positive number')),
            z.number().positive(must('a positive number')),
          ],
          must('3 positive numbers (R, G, B)'),
        ),
      })
      .strict(),
  ],
  {
    // zod reports an unknown "kind" as a union issue on the kind field itself.
    error: (issue) =>
      issue.code === 'invalid_union'
        ? 'must be "unit" or "meanStd"'
        : 'must be {"kind":"unit"} or {"kind":"meanStd","mean":[r,g,b],"std":[r,g,b]}',
  },
);

const Edge = z
  .number(must(`a whole number of pixels, 1..${MAX_INPUT_EDGE}`))
  .int(must(`a whole number of pixels, 1..${MAX_INPUT_EDGE}`))
  .min(1, must(`a whole number of pixels, 1..${MAX_INPUT_EDGE}`))
  .max(MAX_INPUT_EDGE, must(`a whole number of pixels, 1..${MAX_INPUT_EDGE}`));

const TensorName = z
  .string(must('the name of a tensor in model.onnx'))
  .min(1, must('a non-empty tensor name'));

/** What the model's output values are; the app turns them into probabilities. */
export const OUTPUT_TYPES = ['probabilities', 'logits'] as const;
export type OutputType = (typeof OUTPUT_TYPES)[number];

/** Per-language display names of labels: `{"pt-BR": {"clear": "livre"}, "en": {...}}`. */
const LabelNames = z
  .record(
    z
      .string()
      .regex(/^[a-z]{2,3}(-[A-Za-z0-9]{2,8})*$/, must('a language tag such as "en" or "pt-BR"')),
    z.record(
      z.string(),
      z.string().trim().min(1).max(200),
      must('an object {label: display name}'),
    ),
    must('an object {language: {label: display name}}, e.g. {"pt-BR": {"clear": "livre"}}'),
  )
  .optional();

const commonFields = {
  id: z
    .string(must('a text id such as "pipe-obstruction"'))
    .regex(TOKEN, must('letters, digits, ".", "_" or "-" (it becomes a folder name)'))
    .max(100, must('at most 100 characters')),
  version: z
    .string(must('a text version such as "1.0.0"'))
    .regex(TOKEN, must('letters, digits, ".", "_" or "-", such as "1.0.0"'))
    .max(50, must('at most 50 characters')),
  name: z.string(must('a display name')).trim().min(1, must('a non-empty display name')).max(200),
  description: z.string(must('text')).max(5000).default(''),
  file: z
    .string(must('the ONNX file name next to model.json'))
    .regex(
      /^[^/\\]+\.onnx$/i,
      must('a file name next to model.json ending in .onnx, such as "model.onnx"'),
    )
    .default('model.onnx'),
  labels: z
    .array(LabelName, must('a list of at least 2 label names, in output order'))
    .min(2, must('a list of at least 2 label names, in output order'))
    .max(1000)
    .refine((labels) => new Set(labels).size === labels.length, must('a list of distinct labels')),
  input: z
    .object(
      {
        name: TensorName,
        layout: z.enum(['NCHW', 'NHWC'], must('"NCHW" or "NHWC"')),
        width: Edge,
        height: Edge,
        colorOrder: z.enum(['RGB', 'BGR'], must('"RGB" or "BGR"')),
        resize: z.enum(['stretch', 'center-crop'], must('"stretch" or "center-crop"')),
        scaling: Scaling,
      },
      must('an object with name, layout, width, height, colorOrder, resize and scaling'),
    )
    .strict(),
  /** A second output whose values describe the photo (for similarity search); optional. */
  embedding: z
    .object({ name: TensorName }, must('{"name": "<embedding output name>"}'))
    .strict()
    .optional(),
  /** The model this one was improved from (`models improve`), as `<id>@<version>`. */
  parentModelId: z
    .string(must('the parent model id, such as "pipe-obstruction@1.0.0"'))
    .min(1)
    .max(200)
    .optional(),
  threshold: z
    .number(must('a number between 0 and 1, or null'))
    .min(0, must('a number between 0 and 1, or null'))
    .max(1, must('a number between 0 and 1, or null'))
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
          type: z.enum(OUTPUT_TYPES, must('"probabilities" or "logits"')),
        },
        must('an object {"name": "<output name>", "type": "probabilities" or "logits"}'),
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
          activation: z.enum(
            ['softmax', 'sigmoid', 'none'],
            must('"softmax", "sigmoid" or "none" (or use schemaVersion 2 with output.type)'),
          ),
        },
        must('an object with name and activation'),
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

function checkCrossFields(m: ModelManifest): string[] {
  const problems: string[] = [];
  if (m.threshold != null && m.labels.length !== 2) {
    problems.push(
      `threshold must be null or absent for a model with more than 2 labels (got ${m.threshold})`,
    );
  }
  if (m.v1Activation === 'sigmoid' && m.labels.length !== 2) {
    problems.push(
      `labels must have exactly 2 labels with a sigmoid output (the output is P(labels[1])) (got ${m.labels.length})`,
    );
  }
  for (const [language, names] of Object.entries(m.labelNames ?? {})) {
    const unknown = Object.keys(names).filter((label) => !m.labels.includes(label));
    if (unknown.length > 0) {
      problems.push(
        `labelNames.${language} names labels that are not in labels: ${unknown.map((l) => `"${l}"`).join(', ')}`,
      );
    }
  }
  return problems;
}

/** How pixel bytes become model values: 0..1, or per-channel mean/std. */
export type ManifestScaling = ModelManifest['input']['scaling'];

function formatPath(path: readonly PropertyKey[]): string {
  let out = '';
  for (const key of path) {
    if (typeof key === 'number') out += `[${key}]`;
    else out += out ? `.${String(key)}` : String(key);
  }
  return out;
}

function valueAt(root: unknown, path: readonly PropertyKey[]): unknown {
  let value = root;
  for (const key of path) {
    if (value === null || typeof value !== 'object') return undefined;
    value = (value as Record<PropertyKey, unknown>)[key];
  }
  return value;
}

function describeValue(value: unknown): string {
  const json = JSON.stringify(value);
  if (json === undefined) return String(value);
  return json.length > 60 ? `${json.slice(0, 57)}...` : json;
}

function describeIssue(issue: z.core.$ZodIssue, raw: unknown): string {
  const field = formatPath(issue.path);
  if (issue.code === 'unrecognized_keys') {
    const keys = issue.keys.map((k) => `"${k}"`).join(', ');
    const plural = issue.keys.length > 1;
    return `${field ? `${field} has ` : ''}unknown field${plural ? 's' : ''} ${keys}: remove ${plural ? 'them' : 'it'} or check the spelling`;
  }
  const value = valueAt(raw, issue.path);
  // zod reports a missing field as a type error; say "missing" rather than "got undefined".
  if (value === undefined && issue.code !== 'custom') {
    return `${field} is missing${issue.message.startsWith('must ') ? `: it ${issue.message}` : ''}`;
  }
  const got = `(got ${describeValue(value)})`;
  if (issue.message.startsWith('must '))
    return `${field || 'the manifest'} ${issue.message} ${got}`;
  return `${field || 'the manifest'}: ${issue.message} ${got}`;
}

/** Validates a parsed model.json (format 1 or 2); throws MODEL_INVALID naming the wrong field(s). */
export function parseManifest(raw: unknown, source = 'model.json'): ModelManifest {
  if (raw === null || typeof raw !== 'object' || Array.isArray(raw)) {
    throw new CoreError(
      'MODEL_INVALID',
      `${source} must hold a JSON object describing the model (got ${describeValue(raw)}).`,
    );
  }
  const version = (raw as { schemaVersion?: unknown }).schemaVersion;
  if (version !== 1 && version !== 2) {
    const problem =
      version === undefined
        ? 'schemaVersion is missing: it must be 2 (or 1 for the older format)'
        : `schemaVersion must be 2 (or 1 for the older format) (got ${describeValue(version)})`;
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

/** The field problems stay in English (they quote field names and JSON values). */
function invalidManifest(source: string, problems: string[]): CoreError {
  return new CoreError(
    'MODEL_INVALID',
    { key: 'models.manifest.invalid', values: { source, problems: problems.join('; ') } },
    { problems },
  );
}

function invalid(error: z.ZodError, raw: unknown, source: string): CoreError {
  return invalidManifest(
    source,
    error.issues.map((issue) => describeIssue(issue, raw)),
  );
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
