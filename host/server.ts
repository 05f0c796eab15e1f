// The browser host: the same backend the desktop app runs, served to a normal browser on
// 127.0.0.1 (the renderer's files, the calls and the event stream), guarded by a per-run token.
import { randomBytes } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Duplex } from 'node:stream';
import { startBackend, type Backend, type BackendOptions, type BackendTuning } from '../core/backend';
import { INTERNAL_FAILURE_MESSAGE } from '../contract/result';
import { consoleLogger, type Logger } from '../core/logger';
import { handleCall, handleDayCsvExport, openEventStream, type ApiLimits } from './api-routes';
import { acceptCallSocket, refuseUpgrade } from './call-socket';
import { SECURITY_HEADERS, sendPage, sendRefusal } from './replies';
import { isAllowedHost, isCrossSiteFetch, isForeignOrigin, presentedToken, tokenCookie, tokenMatches } from './request-guard';
import { resolveStaticFile, sendFile } from './static-files';

export interface BrowserHostOptions {
  /** The built renderer (out/renderer). */
  rendererDir: string;
  /** 0 (default) picks a free port. */
  port?: number;
  /** Tests may fix the token; by default a random 256-bit one per run. */
  token?: string;
  heartbeatMs?: number;
  maxBodyBytes?: number;
  maxFileBodyBytes?: number;
  log?: Logger;
}

/** A running backend (the caller closes it), or the options to start one (the host closes it). */
export type BackendSource = { backend: Backend } | { backendOptions: BackendOptions & { tuning?: BackendTuning } };

export interface BrowserHost {
  /** The address to open: it carries the token, which the host swaps for an HttpOnly cookie. */
  url: string;
  origin: string;
  port: number;
  token: string;
  backend: Backend;
  stop(): Promise<void>;
}

const HOST = '127.0.0.1';
/**
 * A call's body is at most 1 MB, except a file's (a catalogue import): the schema takes a CSV of up
 * to 20 million characters (contract/catalogue/fields.ts), and 64 MB holds that as JSON even when
 * most of its characters take three bytes. Only a signed-in tab gets this far (routeApi checks the
 * token first).
 */
const DEFAULT_LIMITS: ApiLimits = { maxBodyBytes: 1024 * 1024, maxFileBodyBytes: 64 * 1024 * 1024, heartbeatMs: 15_000 };
const ONLY_LOCAL = 'Refused: Counter answers on 127.0.0.1 and localhost only.';
const ANOTHER_SITE = 'Refused: this request came from another site.';

/** Why a request is refused, answered as an /api refusal (a Result) or an upgrade's. */
interface Refusal {
  status: number;
  message: string;
}

const NOT_SIGNED_IN = 'This browser tab is not signed in to Counter. Open the address printed by `npm run start:browser` (it carries a key).';

export async function startBrowserHost(options: BrowserHostOptions & BackendSource): Promise<BrowserHost> {
  const log = options.log ?? consoleLogger();
  const ownsBackend = !('backend' in options);
  const backend = 'backend' in options ? options.backend : await startBackend(options.backendOptions);
  const token = options.token ?? randomBytes(32).toString('base64url');
  const limits: ApiLimits = {
    maxBodyBytes: options.maxBodyBytes ?? DEFAULT_LIMITS.maxBodyBytes,
    maxFileBodyBytes: options.maxFileBodyBytes ?? DEFAULT_LIMITS.maxFileBodyBytes,
    heartbeatMs: options.heartbeatMs ?? DEFAULT_LIMITS.heartbeatMs,
  };
  const streams = new Set<ServerResponse>();
  const sockets = new Set<Duplex>();
  let port = 0;

  /** The checks every request passes: the host it was sent to, and the page it came from. */
  const pageRefusal = (req: IncomingMessage): Refusal | null => {
    if (!isAllowedHost(req.headers.host, port)) return { status: 403, message: ONLY_LOCAL };
    if (isForeignOrigin(req.headers)) return { status: 403, message: ANOTHER_SITE };
    return null;
  };

  /** And those of every /api request (a call, the event stream, the call socket): the fetch's site, and the token. */
  const apiRefusal = (req: IncomingMessage): Refusal | null => {
    if (isCrossSiteFetch(req.headers)) return { status: 403, message: ANOTHER_SITE };
    if (!tokenMatches(presentedToken(req.headers, port), token)) return { status: 401, message: NOT_SIGNED_IN };
    return null;
  };

  const routeApi = async (req: IncomingMessage, res: ServerResponse, pathname: string) => {
    const refused = apiRefusal(req);
    if (refused) return sendRefusal(res, refused.status, refused.message);
    if (pathname === '/api/events') return openEventStream(req, res, backend, limits, streams);
    if (pathname === '/api/export/day-csv') return handleDayCsvExport(req, res, backend, limits);
    const call = /^\/api\/call\/([^/]+)$/.exec(pathname);
    if (call?.[1]) return handleCall(req, res, call[1], backend, limits);
    sendRefusal(res, 404, 'There is no such API.', 'not_found');
  };

  const routeStatic = async (req: IncomingMessage, res: ServerResponse, url: URL) => {
    if (req.method !== 'GET' && req.method !== 'HEAD') return sendPage(res, 405, 'Not allowed', 'Counter serves its pages read-only.');
    if (url.pathname === '/' || url.pathname === '/index.html') {
      const offered = url.searchParams.get('token');
      if (offered !== null && tokenMatches(offered, token)) {
        // Swap the key in the address for a cookie scripts cannot read, and drop it from the address bar.
        res.writeHead(303, { ...SECURITY_HEADERS, location: '/', 'set-cookie': tokenCookie(port, token), 'cache-control': 'no-store' });
        return void res.end();
      }
      if (!tokenMatches(presentedToken(req.headers, port), token)) return sendPage(res, 401, 'Counter', NOT_SIGNED_IN);
    }
    const file = await resolveStaticFile(options.rendererDir, url.pathname);
    if (!file) return sendPage(res, 404, 'Not found', 'There is no such page in Counter.');
    sendFile(res, file, req.method === 'HEAD');
  };

  const route = async (req: IncomingMessage, res: ServerResponse) => {
    const refused = pageRefusal(req);
    if (refused) return sendRefusal(res, refused.status, refused.message);
    const url = new URL(req.url ?? '/', `http://${HOST}:${port}`);
    if (url.pathname.startsWith('/api/')) return routeApi(req, res, url.pathname);
    return routeStatic(req, res, url);
  };

  /** GET /api/calls upgrades to the call socket (call-socket.ts), behind the same guard as every /api request. */
  const upgrade = (req: IncomingMessage, socket: Duplex) => {
    socket.on('error', () => socket.destroy());
    // Browsers send Origin with every WebSocket handshake; one without it is not from the app's page.
    const withoutOrigin = req.headers.origin === undefined ? { status: 403, message: ANOTHER_SITE } : null;
    const refused = pageRefusal(req) ?? withoutOrigin ?? apiRefusal(req);
    if (refused) return refuseUpgrade(socket, refused.status, refused.message);
    if (new URL(req.url ?? '/', `http://${HOST}:${port}`).pathname !== '/api/calls') return refuseUpgrade(socket, 404, 'There is no such API.', 'not_found');
    acceptCallSocket(req, socket, backend, limits.maxBodyBytes, sockets, log);
  };

  const server = createServer((req, res) => {
    route(req, res).catch((error: unknown) => {
      log.error('browser host request failed', { path: req.url?.split('?')[0], error: error instanceof Error ? error.stack : String(error) });
      if (res.headersSent) res.destroy();
      else sendRefusal(res, 500, INTERNAL_FAILURE_MESSAGE);
    });
  });

  server.on('upgrade', upgrade);

  try {
    port = await listen(server, options.port ?? 0);
  } catch (error) {
    if (ownsBackend) await backend.close();
    throw error;
  }

  let stopping: Promise<void> | null = null;
  const origin = `http://${HOST}:${port}`;
  return {
    url: `${origin}/?token=${token}`,
    origin,
    port,
    token,
    backend,
    stop: () =>
      (stopping ??= (async () => {
        for (const stream of streams) stream.end();
        for (const socket of sockets) socket.destroy();
        const closed = new Promise<void>((resolve) => server.close(() => resolve()));
        server.closeAllConnections();
        await closed;
        if (ownsBackend) await backend.close();
      })()),
  };
}

function listen(server: Server, port: number): Promise<number> {
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, HOST, () => {
      server.off('error', reject);
      resolve((server.address() as AddressInfo).port);
    });
  });
}
