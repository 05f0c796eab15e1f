// The browser host's API: POST /api/call/<name> answers a Result, POST /api/export/day-csv streams the
// day's CSV, GET /api/events streams events (GET /api/calls, the call socket: call-socket.ts).
import type { IncomingMessage, ServerResponse } from 'node:http';
import { isHandlerName, type HandlerName } from '../contract/handlers';
import type { Backend } from '../core/backend';
import { finish, streamOut } from '../core/handlers/csv-file';
import { SECURITY_HEADERS, sendJson, sendRefusal } from './replies';

export interface ApiLimits {
  maxBodyBytes: number;
  /** For a call that carries a whole file the manager chose (FILE_CALLS); every other call keeps maxBodyBytes. */
  maxFileBodyBytes: number;
  heartbeatMs: number;
}

/** Calls whose input is a file: a catalogue CSV of 50,000 items is about 4 MB. */
const FILE_CALLS: ReadonlySet<HandlerName> = new Set<HandlerName>(['catalogue-import']);

/**
 * A call's answer says how long the host took over it, from its body read to its answer (a
 * Server-Timing `call` entry, in ms): the page's Resource Timing then splits a call's round trip
 * into the host's part and the browser's (bench/catalogue.ts).
 */
export async function handleCall(req: IncomingMessage, res: ServerResponse, name: string, backend: Backend, limits: ApiLimits): Promise<void> {
  if (req.method !== 'POST') return sendRefusal(res, 405, 'Calls are POST requests.');
  if (!isHandlerName(name)) return sendRefusal(res, 404, 'There is no such call.', 'not_found');
  const started = performance.now();
  const input = await readJsonInput(req, res, FILE_CALLS.has(name) ? limits.maxFileBodyBytes : limits.maxBodyBytes);
  if (input === REFUSED) return;
  // The backend parses the input by the call's schema; a refusal names the field.
  const result = await backend.call(name, input);
  sendJson(res, 200, result, { 'server-timing': `call;dur=${(performance.now() - started).toFixed(2)}` });
}

/**
 * POST /api/export/day-csv: the day's log (log-export-csv's input) streamed as a CSV download, a
 * page of rows at a time. A refusal before the first row is a Result in JSON, as any call's; a
 * failure after it cuts the response, so a partial file never looks whole.
 */
export async function handleDayCsvExport(req: IncomingMessage, res: ServerResponse, backend: Backend, limits: ApiLimits): Promise<void> {
  const input = await readJsonInput(req, res, limits.maxBodyBytes);
  if (input === REFUSED) return;
  const result = await backend.exportDayCsv(input, {
    open: async (fileName) => {
      res.writeHead(200, {
        ...SECURITY_HEADERS,
        'content-type': 'text/csv; charset=utf-8',
        'content-disposition': `attachment; filename="${fileName}"`,
        'cache-control': 'no-store',
      });
      return { ...streamOut(res), finish: () => finish(res), abandon: async () => void res.destroy() };
    },
  });
  if (!res.headersSent) sendJson(res, 200, result);
}

const REFUSED = Symbol('refused');

/** A POST's JSON body, or REFUSED once a refusal is sent (not POST, not JSON, too large, unparsable). */
async function readJsonInput(req: IncomingMessage, res: ServerResponse, limit: number): Promise<unknown> {
  if (req.method !== 'POST') {
    sendRefusal(res, 405, 'Calls are POST requests.');
    return REFUSED;
  }
  // Requiring JSON also keeps out HTML forms, which can only send "simple" content types.
  if (!/^application\/json\s*(;|$)/i.test(req.headers['content-type'] ?? '')) {
    sendRefusal(res, 415, 'Calls must send JSON (Content-Type: application/json).', 'invalid_input');
    return REFUSED;
  }
  const body = await readBody(req, limit);
  if (body === null) {
    res.setHeader('connection', 'close');
    sendRefusal(res, 413, 'The request is too large.', 'invalid_input');
    return REFUSED;
  }
  try {
    return body === '' ? {} : (JSON.parse(body) as unknown);
  } catch {
    sendRefusal(res, 400, 'The request body is not valid JSON.', 'invalid_input');
    return REFUSED;
  }
}

/** Server-Sent Events: one `data:` line of JSON per backend event, and comment heartbeats. */
export function openEventStream(req: IncomingMessage, res: ServerResponse, backend: Backend, limits: ApiLimits, open: Set<ServerResponse>): void {
  if (req.method !== 'GET') return sendRefusal(res, 405, 'The event stream is a GET request.');
  res.writeHead(200, {
    ...SECURITY_HEADERS,
    'content-type': 'text/event-stream; charset=utf-8',
    'cache-control': 'no-store',
    connection: 'keep-alive',
  });
  res.write('retry: 2000\n: connected\n\n');
  const unsubscribe = backend.subscribe((event) => res.write(`data: ${JSON.stringify(event)}\n\n`));
  const heartbeat = setInterval(() => res.write(': heartbeat\n\n'), limits.heartbeatMs);
  open.add(res);
  res.on('close', () => {
    clearInterval(heartbeat);
    unsubscribe();
    open.delete(res);
  });
}

/** The body as text, or null once it exceeds `limit` bytes (the rest is drained unread). */
function readBody(req: IncomingMessage, limit: number): Promise<string | null> {
  if (Number(req.headers['content-length'] ?? 0) > limit) {
    req.resume();
    return Promise.resolve(null);
  }
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    const onData = (chunk: Buffer) => {
      size += chunk.length;
      if (size <= limit) {
        chunks.push(chunk);
        return;
      }
      req.off('data', onData);
      req.resume();
      resolve(null);
    };
    req.on('data', onData);
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}
