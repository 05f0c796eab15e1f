// A local HTTP server answering with whatever the current test wants: for answers Zoho may give that
// the simulator, a strict stand-in, never does (garbage, or documented shapes read generously).
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface Answer {
  status: number;
  body: string;
  headers?: Record<string, string>;
  /** Close the connection without an answer. */
  hangUp?: boolean;
}

export type Responder = (request: { method: string; path: string; body: string }) => Answer;

export class AnswerServer {
  responder: Responder = () => ({ status: 500, body: '' });
  private constructor(
    private readonly server: Server,
    readonly url: string,
  ) {}

  static async start(): Promise<AnswerServer> {
    let self: AnswerServer | null = null;
    const server = createServer((req: IncomingMessage, res: ServerResponse) => {
      const chunks: Buffer[] = [];
      req.on('data', (chunk: Buffer) => chunks.push(chunk));
      req.on('end', () => {
        const answer = self?.responder({ method: req.method ?? 'GET', path: new URL(req.url ?? '/', 'http://x').pathname, body: Buffer.concat(chunks).toString('utf8') }) ?? { status: 500, body: '' };
        if (answer.hangUp) {
          req.socket.destroy();
          return;
        }
        try {
          res.writeHead(answer.status, { 'content-type': 'application/json', ...answer.headers });
          res.end(answer.body);
        } catch {
          // A header value a test made up that Node refuses to send: answer plainly instead.
          if (!res.headersSent) res.writeHead(answer.status).end(answer.body);
        }
      });
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    self = new AnswerServer(server, `http://127.0.0.1:${(server.address() as AddressInfo).port}`);
    return self;
  }

  stop(): Promise<void> {
    return new Promise((resolve) => {
      this.server.close(() => resolve());
      this.server.closeAllConnections();
    });
  }
}
