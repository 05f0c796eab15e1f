// A call to the browser host's HTTP API, as the browser client posts it (when its call socket is not
// open): POST /api/call/<name> with the run's token as a Bearer credential.
import type { HandlerName, HandlerOutput } from '../contract/handlers';
import type { Result } from '../contract/result';

/** The Result as the host sent it (an error result too); throws only when no answer came in `timeoutMs`. */
export async function callHost<K extends HandlerName>(origin: string, token: string, name: K, input: unknown, timeoutMs = 30_000): Promise<Result<HandlerOutput<K>>> {
  const response = await fetch(`${origin}/api/call/${name}`, {
    method: 'POST',
    headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
    body: JSON.stringify(input),
    signal: AbortSignal.timeout(timeoutMs),
  });
  return (await response.json()) as Result<HandlerOutput<K>>;
}
