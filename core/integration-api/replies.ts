// How the integration API answers: JSON only, no CORS headers (a web page may not call it), and
// every refusal as {error: {code, message, field?}} with the field or header it is about.
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { AppError } from '../../contract/result';

export interface ApiError {
  code: string;
  message: string;
  /** The body field, query parameter or header the refusal is about. */
  field?: string;
}

/** A refusal thrown inside a route and answered with its status. */
export class ApiRefusal extends Error {
  constructor(
    readonly status: number,
    readonly error: ApiError,
    readonly headers: Record<string, string> = {},
  ) {
    super(error.message);
    this.name = 'ApiRefusal';
  }
}

export function refuse(status: number, code: string, message: string, field?: string): never {
  throw new ApiRefusal(status, field === undefined ? { code, message } : { code, message, field });
}

const STATUS_OF: Record<AppError['code'], number> = {
  invalid_input: 422,
  not_found: 404,
  conflict: 409,
  locked: 403,
  not_connected: 503,
  zoho_error: 502,
  internal: 500,
};

/** A backend call's refusal, as the API answers it. */
export function fromAppError(error: AppError): ApiRefusal {
  return new ApiRefusal(STATUS_OF[error.code], error.field === undefined ? { code: error.code, message: error.message } : { ...error });
}

export function sendJson(res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
  const text = JSON.stringify(body);
  res.writeHead(status, {
    'content-type': 'application/json; charset=utf-8',
    'content-length': Buffer.byteLength(text),
    'cache-control': 'no-store',
    'x-content-type-options': 'nosniff',
    ...headers,
  });
  res.end(text);
}

const MAX_BODY_BYTES = 16 * 1024;

/** The request's JSON body (at most 16 KB). */
export async function readJson(req: IncomingMessage): Promise<unknown> {
  if (!/^application\/json\b/i.test(req.headers['content-type'] ?? '')) refuse(415, 'invalid_input', 'Send the body as JSON (Content-Type: application/json).', 'Content-Type');
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size > MAX_BODY_BYTES) refuse(413, 'invalid_input', `The body must be at most ${MAX_BODY_BYTES / 1024} KB.`);
    chunks.push(chunk);
  }
  try {
    return JSON.parse(Buffer.concat(chunks).toString('utf8')) as unknown;
  } catch {
    return refuse(400, 'invalid_input', 'The body is not valid JSON.');
  }
}
