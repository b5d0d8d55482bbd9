/**
 * The contract over HTTP, as the renderer's HTTP transport calls it: POST
 * /api/rpc/<method> with the arguments as JSON; `{result}` or `{error}` back.
 */
import type { ArgsIn, MethodName, Result } from '../../electron/contract.js';

export async function rpc<M extends MethodName>(
  baseUrl: string,
  method: M,
  args: ArgsIn<M>,
): Promise<Result<M>> {
  const response = await fetch(`${baseUrl}/api/rpc/${method}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(args),
  });
  const body = (await response.json()) as { result?: Result<M>; error?: { message: string } };
  if (!response.ok || body.error) {
    throw new Error(`${method} failed (${response.status}): ${body.error?.message ?? 'no body'}`);
  }
  return body.result as Result<M>;
}
