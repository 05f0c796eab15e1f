// BillingApi over the browser host: each call is a message on its call socket while that is open
// (call-socket.ts), else POST /api/call/<name> with a JSON body, answered by a Result; events come
// from GET /api/events. The host's auth cookie is HttpOnly, so this code
// never sees (and cannot leak) the token.
import { camelCaseName, type BillingApi, type BillingCalls } from '../../../contract/api';
import { HANDLER_NAMES, type CallResult, type HandlerInput, type HandlerName, type HandlerOutput } from '../../../contract/handlers';
import type { Result } from '../../../contract/result';
import { CallSocket, type SocketLike } from './call-socket';
import { CsvRecordCounter } from './csv-records';
import { ReconnectingEventStream, type EventSourceLike, type TransportState } from './event-stream';

export interface HttpTransport {
  fetch: (url: string, init: RequestInit) => Promise<Response>;
  openEvents: (url: string) => EventSourceLike;
  /** The host's call socket (GET /api/calls): calls go over it while it is open, else by POST. */
  openCallSocket?: () => SocketLike;
}

export interface HttpBillingApi extends BillingApi {
  onTransportChange(listener: (state: TransportState) => void): () => void;
  /** The day's CSV (log-export-csv's input), streamed by the host and gathered into a file to download. */
  fetchDayCsv(filter: HandlerInput<'log-export-csv'>): Promise<Result<DayCsvFile>>;
}

export interface DayCsvFile {
  fileName: string;
  file: Blob;
  rowCount: number;
}

export function createHttpBillingApi(transport: HttpTransport): HttpBillingApi {
  const { openCallSocket } = transport;
  const socket = openCallSocket ? new CallSocket(openCallSocket) : null;
  const post = async <K extends HandlerName>(name: K, input: HandlerInput<K>): CallResult<K> => {
    const body = JSON.stringify(input ?? {});
    const overSocket = socket?.send(name, body);
    if (overSocket) {
      const answer = await overSocket;
      if (isResult(answer)) return answer as Result<HandlerOutput<K>>;
      throw new Error('The Counter host answered a call without a result');
    }
    const response = await transport.fetch(`/api/call/${name}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body,
      credentials: 'same-origin',
      cache: 'no-store',
    });
    const answer: unknown = await response.json().catch(() => undefined);
    if (isResult(answer)) return answer as Result<HandlerOutput<K>>;
    throw new Error(`The Counter host answered ${response.status} without a result`);
  };

  // One entry per contract call; the mapped type BillingCalls is what guarantees name ↔ signature.
  const calls = Object.fromEntries(HANDLER_NAMES.map((name) => [camelCaseName(name), (input: HandlerInput<typeof name>) => post(name, input)]));
  const events = new ReconnectingEventStream('/api/events', transport.openEvents);

  return {
    ...(calls as BillingCalls),
    onEvent: (listener) => events.subscribe(listener),
    onTransportChange: (listener) => events.onStateChange(listener),
    fetchDayCsv: (filter) => fetchDayCsv(transport, filter),
  };
}

/**
 * POST /api/export/day-csv: a refusal is a Result in JSON; the CSV comes a page at a time, kept as
 * the browser's own chunks (a Blob) and counted as it arrives. A response cut part-way rejects.
 */
async function fetchDayCsv(transport: HttpTransport, filter: HandlerInput<'log-export-csv'>): Promise<Result<DayCsvFile>> {
  const response = await transport.fetch('/api/export/day-csv', {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(filter),
    credentials: 'same-origin',
    cache: 'no-store',
  });
  if (!(response.headers.get('content-type') ?? '').startsWith('text/csv') || !response.body) {
    const body: unknown = await response.json().catch(() => undefined);
    if (isResult(body) && !body.ok) return body;
    throw new Error(`The Counter host answered ${response.status} without the CSV`);
  }
  const fileName = /filename="([^"]+)"/.exec(response.headers.get('content-disposition') ?? '')?.[1] ?? 'payments.csv';
  const chunks: Uint8Array<ArrayBuffer>[] = [];
  const rows = new CsvRecordCounter();
  const text = new TextDecoder();
  const reader = response.body.getReader();
  for (let next = await reader.read(); !next.done; next = await reader.read()) {
    chunks.push(next.value);
    rows.add(text.decode(next.value, { stream: true }));
  }
  return { ok: true, value: { fileName, file: new Blob(chunks, { type: 'text/csv;charset=utf-8' }), rowCount: rows.rows } };
}

function isResult(body: unknown): body is Result<unknown> {
  if (typeof body !== 'object' || body === null || !('ok' in body)) return false;
  if (body.ok === true) return 'value' in body;
  if (body.ok !== false || !('error' in body)) return false;
  const { error } = body;
  return typeof error === 'object' && error !== null && 'code' in error && typeof error.code === 'string' && 'message' in error && typeof error.message === 'string';
}
