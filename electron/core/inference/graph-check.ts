/**
 * Checks model.json's `output.type` against the node that ends the ONNX graph, so a
 * model cannot be added with its probabilities squashed twice (a Keras sigmoid model
 * declared as logits) or its logits read as probabilities. The refusal names the node
 * and gives the exact `output` to write.
 */
import { CoreError } from '../errors.js';
import type { ModelManifest, OutputType } from './manifest.js';
import { finalNode, outputKindOf, type OnnxGraph, type OnnxNode } from './onnx-graph.js';

/** How the graph ended the declared output; `kind` is null when the graph cannot tell. */
export interface GraphVerdict {
  node: OnnxNode | null;
  kind: OutputType | null;
}

function fixFor(output: string, type: OutputType): string {
  return JSON.stringify({ name: output, type });
}

function nodeLabel(node: OnnxNode | null): { node: string; opType: string } {
  if (!node) return { node: '(graph input or constant)', opType: '-' };
  return { node: node.name || node.outputs[0] || node.opType, opType: node.opType };
}

/** Refuses a manifest whose output type the graph contradicts; returns what it saw. */
export function checkManifestAgainstGraph(graph: OnnxGraph, manifest: ModelManifest): GraphVerdict {
  const output = manifest.output.name;
  if (!graph.outputs.some((o) => o.name === output)) {
    throw new CoreError(
      'MODEL_MISMATCH',
      {
        key: 'models.graph.outputMissing',
        values: { output, outputs: graph.outputs.map((o) => `"${o.name}"`).join(', ') },
      },
      { field: 'output.name' },
    );
  }
  const node = finalNode(graph, output);
  const found = outputKindOf(node);
  const kind = found === 'unknown' ? null : found;
  const declared = manifest.output.type;
  const where = { output, ...nodeLabel(node) };
  if (manifest.v1Activation !== undefined) {
    if (kind === null) {
      throw new CoreError(
        'MODEL_MISMATCH',
        {
          key: 'models.graph.v1Ambiguous',
          values: {
            ...where,
            activation: manifest.v1Activation,
            fix: fixFor(output, 'probabilities'),
          },
        },
        { field: 'output.activation' },
      );
    }
    if (kind !== declared) {
      throw new CoreError(
        'MODEL_MISMATCH',
        {
          key: 'models.graph.v1Mismatch',
          values: {
            ...where,
            activation: manifest.v1Activation,
            declared,
            actual: kind,
            fix: fixFor(output, kind),
          },
        },
        { field: 'output.activation', expected: kind },
      );
    }
  } else if (kind !== null && kind !== declared) {
    throw new CoreError(
      'MODEL_MISMATCH',
      {
        key: 'models.graph.typeMismatch',
        values: { ...where, declared, actual: kind, fix: fixFor(output, kind) },
      },
      { field: 'output.type', expected: kind },
    );
  }
  return { node, kind };
}
