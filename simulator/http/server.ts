// The request pipeline: route, read the body, inject faults, handle, answer, log.
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { setTimeout as sleep } from 'node:timers/promises';
import type { RequestLog, RequestLogEntry } from '../control/request-log';
import type { SimulatorStats } from '../control/stats';
import type { FaultDecision, FaultInjector } from '../faults/fault-plan';
import { errorReply, faultReply, internalErrorReply } from './replies';
import type { RouteArea, Router, RouteMatch } from './router';
import type { LogDetails, SimReply, SimRequest } from './types';

const MAX_BODY_BYTES = 1024 * 1024;
const NO_FAULT: FaultDecision = { latencyMs: 0, outcome: 'none', errorStatus: 500 };
const LOGGED_AREAS: ReadonlySet<RouteArea> = new Set(['payments', 'oauth']);

/** Unknown URLs under Zoho's prefixes are logged too: a client calling a wrong URL is worth seeing. */
function isZohoFacing(pathname: string): boolean {
  return pathname.startsWith('/api/') || pathname.startsWith('/oauth/');
}

export interface PipelineDeps {
  router: Router;
  faults: FaultInjector;
  log: RequestLog;
  stats: SimulatorStats;
  now: () => number;
  /** Aborted when the simulator stops, ending injected delays at once. */
  stopping: AbortSignal;
}

/** The body as text, or null when it is larger than MAX_BODY_BYTES (the rest is read and discarded). */
function readBody(request: IncomingMessage): Promise<string | null> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    request.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size <= MAX_BODY_BYTES) chunks.push(chunk);
    });
    request.on('end', () => resolve(size > MAX_BODY_BYTES ? null : Buffer.concat(chunks).toString('utf8')));
    request.on('error', reject);
  });
}

function send(response: ServerResponse, reply: SimReply): void {
  response.writeHead(reply.status, reply.headers);
  response.end(reply.body);
}

/** Cuts a body short, as a proxy failing mid-answer would. */
function truncate(body: string): string {
  return body.length > 1 ? body.slice(0, Math.ceil(body.length / 2)) : '{"code":';
}

function unmatchedReply(match: RouteMatch, method: string): SimReply {
  if (match.kind === 'method_not_allowed') {
    return errorReply(405, 'method_not_allowed', `The ${method} method is not supported for this API.`);
  }
  return errorReply(404, 'url_not_found', 'The URL you requested was not found.');
}

function applyDetails(entry: RequestLogEntry, details: LogDetails | undefined): void {
  if (details?.sessionId) entry.session_id = details.sessionId;
  if (details?.grantType) entry.grant_type = details.grantType;
}

export function createPipelineServer(deps: PipelineDeps): Server {
  async function handle(incoming: IncomingMessage, response: ServerResponse): Promise<void> {
    const method = incoming.method ?? 'GET';
    const url = new URL(incoming.url ?? '/', 'http://127.0.0.1');
    const match = deps.router.match(method, url.pathname);
    const logged = match.kind === 'found' ? LOGGED_AREAS.has(match.route.area) : isZohoFacing(url.pathname);
    const entry: RequestLogEntry = { method, path: url.pathname, time: deps.now(), status: 0 };
    const finish = (status: number, fault?: RequestLogEntry['fault']): void => {
      entry.status = status;
      if (fault) entry.fault = fault;
      if (logged) deps.log.add(entry);
    };
    const answer = (reply: SimReply, fault?: RequestLogEntry['fault']): void => {
      applyDetails(entry, reply.logDetails);
      send(response, reply);
      finish(reply.status, fault);
    };

    const body = await readBody(incoming);
    if (body === null) {
      answer(errorReply(413, 'request_too_large', 'The request body is larger than 1 MB.'));
      return;
    }
    if (match.kind !== 'found') {
      answer(unmatchedReply(match, method));
      return;
    }
    if (match.route.area === 'payments' && match.params.id) entry.session_id = match.params.id;
    if (match.params.refund) entry.refund_id = match.params.refund;
    if (match.params.payment) entry.payment_id = match.params.payment;

    const { action } = match;
    const decision = action.faultTarget ? deps.faults.decide(action.faultTarget) : NO_FAULT;
    if (decision.latencyMs > 0) {
      deps.stats.faults.delayed += 1;
      entry.latency_ms = decision.latencyMs;
      await sleep(decision.latencyMs, undefined, { signal: deps.stopping });
    }
    if (decision.outcome === 'drop_before') {
      deps.stats.faults.dropped += 1;
      incoming.socket.destroy();
      finish(0, 'drop');
      return;
    }
    if (decision.outcome === 'error') {
      deps.stats.faults.errored += 1;
      answer(faultReply(decision.errorStatus), 'error');
      return;
    }

    const request: SimRequest = { method, url, headers: incoming.headers, body, params: match.params };
    let reply: SimReply;
    try {
      reply = action.handle(request);
    } catch (error) {
      console.error('simulator handler failed', error);
      reply = internalErrorReply();
    }

    if (decision.outcome === 'drop_after') {
      deps.stats.faults.dropped += 1;
      applyDetails(entry, reply.logDetails);
      incoming.socket.destroy();
      finish(0, 'drop');
      return;
    }
    if (decision.outcome === 'malformed') {
      deps.stats.faults.malformed += 1;
      answer({ ...reply, body: truncate(reply.body) }, 'malformed');
      return;
    }
    answer(reply);
  }

  return createServer((incoming, response) => {
    handle(incoming, response).catch((error: unknown) => {
      // A delay ended by stop(), or a client that went away: nobody is left to answer.
      if (deps.stopping.aborted || incoming.socket.destroyed) return;
      console.error('simulator request failed', error);
      if (!response.headersSent) send(response, internalErrorReply());
    });
  });
}
