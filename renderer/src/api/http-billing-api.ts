// BillingApi over the browser host: each call is POST /api/call/<name> with a JSON body answered by
// a Result; events come from GET /api/events. The host's auth cookie is HttpOnly, so this code
// never sees (and cannot leak) the token.
import { camelCaseName, type BillingApi, type BillingCalls } from '../../../contract/api';
import { HANDLER_NAMES, type CallResult, type HandlerInput, type HandlerName, type HandlerOutput } from '../../../contract/handlers';
import type { Result } from '../../../contract/result';
import { ReconnectingEventStream, type EventSourceLike, type TransportState } from './event-stream';

export interface HttpTransport {
  fetch: (url: string, init: RequestInit) => Promise<Response>;
  openEvents: (url: string) => EventSourceLike;
}

export interface HttpBillingApi extends BillingApi {
  onTransportChange(listener: (state: TransportState) => void): () => void;
}

export function createHttpBillingApi(transport: HttpTransport): HttpBillingApi {
  const post = async <K extends HandlerName>(name: K, input: HandlerInput<K>): CallResult<K> => {
    const response = await transport.fetch(`/api/call/${name}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(input ?? {}),
      credentials: 'same-origin',
      cache: 'no-store',
    });
    const body: unknown = await response.json().catch(() => undefined);
    if (isResult(body)) return body as Result<HandlerOutput<K>>;
    throw new Error(`The Counter host answered ${response.status} without a result`);
  };

  // One entry per contract call; the mapped type BillingCalls is what guarantees name ↔ signature.
  const calls = Object.fromEntries(HANDLER_NAMES.map((name) => [camelCaseName(name), (input: HandlerInput<typeof name>) => post(name, input)]));
  const events = new ReconnectingEventStream('/api/events', transport.openEvents);

  return {
    ...(calls as BillingCalls),
    onEvent: (listener) => events.subscribe(listener),
    onTransportChange: (listener) => events.onStateChange(listener),
  };
}

function isResult(body: unknown): body is Result<unknown> {
  if (typeof body !== 'object' || body === null || !('ok' in body)) return false;
  if (body.ok === true) return 'value' in body;
  if (body.ok !== false || !('error' in body)) return false;
  const { error } = body;
  return typeof error === 'object' && error !== null && 'code' in error && typeof error.code === 'string' && 'message' in error && typeof error.message === 'string';
}
