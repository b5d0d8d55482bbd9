/**
 * `model.json`: everything needed to use a model without guessing (labels in output
 * order, input name/layout/size/colour order/scaling, output activation). Data
 * scientists write it by hand, so every mistake is reported as the field, what it must
 * be, and what was found.
 */
import { readFile } from 'node:fs/promises';
import { z } from 'zod';
import { LabelName } from '../../contract.js';
import { CoreError } from '../errors.js';

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

/** The strict model.json schema; every message says what the field must be. */
export const ModelManifestSchema = z
  .object({
    schemaVersion: z.literal(
      1,
      must('1 (the manifest format this version of Inspection Desk reads)'),
    ),
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
      .refine(
        (labels) => new Set(labels).size === labels.length,
        must('a list of distinct labels'),
      ),
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
    /**
     * `activation` is what Inspection Desk applies to the output: "softmax" for logits,
     * "sigmoid" for one logit of labels[1], "none" when the graph already ends in its
     * own softmax/sigmoid (one value then means P(labels[1])).
     */
    output: z
      .object(
        {
          name: TensorName,
          activation: z.enum(
            ['softmax', 'sigmoid', 'none'],
            must('"softmax", "sigmoid" or "none"'),
          ),
        },
        must('an object with name and activation'),
      )
      .strict(),
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
  })
  .strict()
  .superRefine((m, ctx) => {
    if (m.output.activation === 'sigmoid' && m.labels.length !== 2) {
      ctx.addIssue({
        code: 'custom',
        path: ['labels'],
        message: `must have exactly 2 labels with a sigmoid output (the output is P(labels[1]))`,
      });
    }
    if (m.threshold != null && m.labels.length !== 2) {
      ctx.addIssue({
        code: 'custom',
        path: ['threshold'],
        message: 'must be null or absent for a model with more than 2 labels',
      });
    }
  });

/** A validated model.json, with defaults applied. */
export type ModelManifest = z.output<typeof ModelManifestSchema>;
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

/** Validates a parsed model.json; throws MODEL_INVALID naming the first wrong field(s). */
export function parseManifest(raw: unknown, source = 'model.json'): ModelManifest {
  if (raw === null || typeof raw !== 'object' || Array.isArray(raw)) {
    throw new CoreError(
      'MODEL_INVALID',
      `${source} must hold a JSON object describing the model (got ${describeValue(raw)}).`,
    );
  }
  const parsed = ModelManifestSchema.safeParse(raw);
  if (parsed.success) return parsed.data;
  const problems = parsed.error.issues.map((issue) => describeIssue(issue, raw));
  throw new CoreError('MODEL_INVALID', `${source}: ${problems.join('; ')}`, { problems });
}

/** Reads and validates `model.json`; `label` names the file in messages. */
export async function readManifest(file: string, label = 'model.json'): Promise<ModelManifest> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (error) {
    throw new CoreError(
      'MODEL_INVALID',
      `Cannot read ${file} (${(error as Error).message}). A model folder holds model.json and model.onnx.`,
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
      `${label} is not valid JSON (${(error as Error).message}). Fix the file and add the model again.`,
      { file },
      { cause: error },
    );
  }
  return parseManifest(raw, label);
}
