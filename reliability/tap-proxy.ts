// A small HTTP proxy between the app and the simulator that shows the test each exchange as it
// passes: the request before it is forwarded (the test may kill the app there, or hold the request
// back) and the answer once it has been handed to the app. The crash suites use it to kill the app
// at exact points of a payment: before Zoho sees the create, while it is being answered, while the
// app writes what it was told, and so on. Real HTTP on both sides; nothing is rewritten.
import { Agent, createServer, request as httpRequest, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

export type ExchangeKind = 'create' | 'retrieve' | 'token' | 'other';

export interface Exchange {
  kind: ExchangeKind;
  method: string;
  path: string;
  /** The session a retrieve asks about. */
  sessionId?: string;
  /** The request body (creates carry the invoice number and the attempt id). */
  requestBody: string;
}

export interface Answered extends Exchange {
  status: number;
  body: string;
}

export interface TapHooks {
  /** Before forwarding: return 'drop' to cut the connection instead (Zoho never sees it). */
  onRequest?: (exchange: Exchange) => 'forward' | 'drop';
  /** After Zoho answered and the answer was written to the app ('finish'). */
  onAnswered?: (answered: Answered) => void;
}

const HOP_BY_HOP = new Set(['connection', 'keep-alive', 'transfer-encoding', 'upgrade', 'proxy-connection', 'te', 'trailer']);

function classify(method: string, path: string): { kind: ExchangeKind; sessionId?: string } {
  if (path.startsWith('/oauth/')) return { kind: 'token' };
  if (method === 'POST' && path === '/api/v1/terminal/paymentsessions') return { kind: 'create' };
  const retrieve = /^\/api\/v1\/terminal\/paymentsessions\/([^/]+)$/.exec(path);
  if (method === 'GET' && retrieve?.[1]) return { kind: 'retrieve', sessionId: decodeURIComponent(retrieve[1]) };
  return { kind: 'other' };
}

export class TapProxy {
  hooks: TapHooks = {};
  private readonly agent = new Agent({ keepAlive: true });

  private constructor(
    private readonly server: Server,
    readonly url: string,
  ) {}

  static async start(target: string): Promise<TapProxy> {
    let self: TapProxy | null = null;
    const upstream = new URL(target);
    const server = createServer((req, res) => {
      if (self) self.handle(req, res, upstream);
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    self = new TapProxy(server, `http://127.0.0.1:${(server.address() as AddressInfo).port}`);
    return self;
  }

  stop(): Promise<void> {
    this.agent.destroy();
    return new Promise((resolve) => {
      this.server.close(() => resolve());
      this.server.closeAllConnections();
    });
  }

  private handle(req: IncomingMessage, res: ServerResponse, upstream: URL): void {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('error', () => undefined);
    req.on('end', () => {
      const url = new URL(req.url ?? '/', 'http://proxy');
      const requestBody = Buffer.concat(chunks);
      const exchange: Exchange = { ...classify(req.method ?? 'GET', url.pathname), method: req.method ?? 'GET', path: url.pathname, requestBody: requestBody.toString('utf8') };
      if ((this.hooks.onRequest?.(exchange) ?? 'forward') === 'drop') {
        req.socket.destroy();
        return;
      }
      const headers: Record<string, string | string[]> = {};
      for (const [name, value] of Object.entries(req.headers)) if (value !== undefined && !HOP_BY_HOP.has(name)) headers[name] = value;
      headers.host = upstream.host;
      const forwarded = httpRequest(
        { host: upstream.hostname, port: upstream.port, method: req.method, path: req.url, headers, agent: this.agent },
        (answer) => {
          const body: Buffer[] = [];
          answer.on('data', (chunk: Buffer) => body.push(chunk));
          answer.on('error', () => res.destroy());
          answer.on('end', () => {
            const text = Buffer.concat(body);
            const outHeaders: Record<string, string | string[]> = {};
            for (const [name, value] of Object.entries(answer.headers)) if (value !== undefined && !HOP_BY_HOP.has(name)) outHeaders[name] = value;
            outHeaders['content-length'] = String(text.length);
            res.on('finish', () => this.hooks.onAnswered?.({ ...exchange, status: answer.statusCode ?? 0, body: text.toString('utf8') }));
            res.on('error', () => undefined);
            try {
              res.writeHead(answer.statusCode ?? 502, outHeaders);
              res.end(text);
            } catch {
              res.destroy();
            }
          });
        },
      );
      // The simulator dropped the connection (an injected fault): drop ours too.
      forwarded.on('error', () => res.destroy());
      forwarded.end(requestBody);
    });
  }
}
