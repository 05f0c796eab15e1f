// The local integration API: versioned HTTP (/v1/…) on a port of its own, for the billing software a
// shop already has. 127.0.0.1 only unless the manager allows the shop's network; every call carries a
// key, is rate-limited per key and recorded with it.
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { IntegrationKey } from '../../contract/records';
import type { IntegrationScope } from '../../contract/vocabulary';
import { appendIntegrationCall } from '../../db/local/integration';
import type { Logger } from '../logger';
import { createCharge, getCharge, listCharges, type Answer } from './charges';
import { listCounters } from './counters';
import { createRefundRequest, getRefundRequestAnswer } from './refund-requests';
import { authenticate, checkCaller } from './guard';
import { OPENAPI_DOCUMENT } from './openapi';
import type { IntegrationBackend } from './port';
import { RateLimiter, DEFAULT_RATE_LIMIT, type RateLimit } from './rate-limit';
import { ApiRefusal, readJson, refuse, sendJson } from './replies';

export interface IntegrationApiOptions {
  backend: IntegrationBackend;
  /** 0 picks a free port (tests). */
  port: number;
  /** Listen on the shop's network too (all interfaces); off: 127.0.0.1 only, and other hosts are refused. */
  lan?: boolean;
  rateLimit?: RateLimit;
  log: Logger;
  /** Monotonic clock for the rate limit. */
  clock?: () => number;
}

export interface IntegrationApi {
  url: string;
  close(): Promise<void>;
}

interface Route {
  method: 'GET' | 'POST';
  pattern: RegExp;
  scope: IntegrationScope;
  run: (api: IntegrationBackend, key: IntegrationKey, req: IncomingMessage, match: RegExpExecArray, query: Record<string, string>) => Promise<Answer> | Answer;
}

const ROUTES: readonly Route[] = [
  { method: 'GET', pattern: /^\/v1\/counters$/, scope: 'read', run: (api, key) => listCounters(api, key) },
  { method: 'POST', pattern: /^\/v1\/charges$/, scope: 'charge', run: async (api, key, req) => createCharge(api, key, await readJson(req), req.headers['idempotency-key']) },
  { method: 'GET', pattern: /^\/v1\/charges$/, scope: 'read', run: (api, key, _req, _match, query) => listCharges(api, key, query) },
  { method: 'GET', pattern: /^\/v1\/charges\/([A-Za-z0-9_-]{1,64})$/, scope: 'read', run: (api, key, _req, match, query) => getCharge(api, key, match[1] ?? '', query) },
  {
    method: 'POST',
    pattern: /^\/v1\/charges\/([A-Za-z0-9_-]{1,64})\/refund-requests$/,
    scope: 'refund-request',
    run: async (api, key, req, match) => createRefundRequest(api, key, match[1] ?? '', await readJson(req), req.headers['idempotency-key']),
  },
  { method: 'GET', pattern: /^\/v1\/refund-requests\/([A-Za-z0-9_-]{1,64})$/, scope: 'refund-request', run: (api, key, _req, match) => getRefundRequestAnswer(api, key, match[1] ?? '') },
];

export async function startIntegrationApi(options: IntegrationApiOptions): Promise<IntegrationApi> {
  const lan = options.lan ?? false;
  const limiter = new RateLimiter(options.rateLimit ?? DEFAULT_RATE_LIMIT, options.clock ?? (() => performance.now()));
  const server = createServer((req, res) => {
    void handle(options, lan, limiter, req, res);
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port, lan ? '0.0.0.0' : '127.0.0.1', () => {
      server.off('error', reject);
      resolve();
    });
  });
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}

async function handle(options: IntegrationApiOptions, lan: boolean, limiter: RateLimiter, req: IncomingMessage, res: ServerResponse): Promise<void> {
  const api = options.backend;
  const url = new URL(req.url ?? '/', 'http://localhost');
  let key: IntegrationKey | null = null;
  let status = 500;
  let errorCode: string | null = null;
  try {
    checkCaller(req.socket.remoteAddress, req.headers, lan);
    if (req.method === 'GET' && url.pathname === '/v1/openapi.json') {
      sendJson(res, (status = 200), OPENAPI_DOCUMENT);
      return;
    }
    const paths = ROUTES.filter((r) => r.pattern.test(url.pathname));
    if (paths.length === 0) refuse(404, 'not_found', `There is no ${url.pathname} in this API: see /v1/openapi.json.`);
    const route = paths.find((r) => r.method === req.method);
    if (!route) refuse(405, 'method_not_allowed', `${url.pathname} takes ${paths.map((r) => r.method).join(' or ')} only.`);
    key = authenticate(api.db(), req.headers, route.scope);
    const allowed = limiter.take(key.id);
    if (!allowed.ok) {
      throw new ApiRefusal(429, { code: 'rate_limited', message: `Too many requests with this key: wait ${allowed.retryAfterSeconds} s.` }, { 'retry-after': String(allowed.retryAfterSeconds) });
    }
    const answer = await route.run(api, key, req, route.pattern.exec(url.pathname) as RegExpExecArray, Object.fromEntries(url.searchParams));
    sendJson(res, (status = answer.status), answer.body, answer.headers);
  } catch (error) {
    if (error instanceof ApiRefusal) {
      errorCode = error.error.code;
      sendJson(res, (status = error.status), { error: error.error }, error.headers);
    } else {
      errorCode = 'internal';
      options.log.error('integration api call failed', { path: url.pathname, error: error instanceof Error ? error.stack : String(error) });
      sendJson(res, (status = 500), { error: { code: 'internal', message: 'Something went wrong inside Counter. The details were logged.' } });
    }
  } finally {
    if (url.pathname !== '/v1/openapi.json') record(options, { keyId: key?.id ?? null, method: req.method ?? '?', path: url.pathname, status, errorCode });
  }
}

function record(options: IntegrationApiOptions, call: { keyId: string | null; method: string; path: string; status: number; errorCode: string | null }): void {
  try {
    appendIntegrationCall(options.backend.db(), { ...call, at: options.backend.now() });
  } catch (error) {
    options.log.warn('could not record an integration api call', { error: error instanceof Error ? error.message : String(error) });
  }
}
