import type { ClassifyOutcome } from '../../contract.js';
import type { CoreContext } from '../context.js';
import { CoreError } from '../errors.js';

// STUB: replaced by the inference implementation.
export async function classifyImageBuffer(_ctx: CoreContext, _bytes: Buffer): Promise<ClassifyOutcome> {
  throw new CoreError('INTERNAL', 'not implemented yet');
}
