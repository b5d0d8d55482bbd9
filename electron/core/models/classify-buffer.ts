/** Classifies one uploaded photo with the active model (the seeds' REST endpoint). */
import type { ClassifyOutcome } from '../../contract.js';
import type { CoreContext } from '../context.js';
import { CoreError } from '../errors.js';
import { decodePhoto } from '../imaging/decode.js';
import { getActiveModel } from './registry.js';
import { describeRaw, isUsableOutput } from '../inference/postprocess.js';

/** Decodes and classifies `bytes`; nothing is stored in the library. */
export async function classifyImageBuffer(
  ctx: CoreContext,
  bytes: Buffer,
): Promise<ClassifyOutcome> {
  const model = await getActiveModel(ctx);
  if (!model) {
    throw new CoreError('NO_ACTIVE_MODEL', { key: 'models.noActiveForPhoto' });
  }
  const { preview } = await decodePhoto(bytes, 'the uploaded image');
  const [output] = await model.classify([preview]);
  if (!output)
    throw new CoreError('INTERNAL', `Model ${model.id} returned no result for the photo.`);
  // Never answer "classified" with a confidence that is not a probability (NaN became null in JSON).
  if (!isUsableOutput(output)) {
    throw new CoreError(
      'MODEL_INVALID',
      {
        key: 'models.classify.badOutput',
        values: { value: describeRaw(output.raw ?? Float32Array.of(output.confidence)) },
      },
      { modelId: model.id },
    );
  }
  return {
    label: output.label,
    confidence: output.confidence,
    scores: output.scores,
    model: { id: model.id, name: model.name, version: model.version },
  };
}
