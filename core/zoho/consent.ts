// "Sign in with Zoho": the organisation consent URL with PKCE, and a one-shot loopback listener on
// 127.0.0.1 that receives the redirect. The shell opens the URL in the system browser; the code is
// exchanged by the core, so the client secret never leaves this process.
import { createHash, randomBytes } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { Edition } from '../../contract/vocabulary';
import { editionScopes, editionSoid } from './editions';

export interface ConsentResult {
  code: string;
  redirectUri: string;
  codeVerifier: string;
  /** The data centre's accounts server, as Zoho's redirect named it (`accounts-server`), if it did. */
  accountsServer: string | null;
}

export interface PendingConsent {
  authUrl: string;
  /** Settles once: with the code, or with an error when refused, mismatched or timed out. */
  result: Promise<ConsentResult>;
  cancel(): void;
}

export interface ConsentOptions {
  accountsUrl: string;
  edition: Edition;
  accountId: string;
  clientId: string;
  /** The loopback port registered as the client's redirect URI; 0 picks a free one (tests). */
  port: number;
  timeoutMs?: number;
}

const base64url = (bytes: Buffer) => bytes.toString('base64url');

export async function beginConsent(options: ConsentOptions): Promise<PendingConsent> {
  const codeVerifier = base64url(randomBytes(32));
  const challenge = base64url(createHash('sha256').update(codeVerifier).digest());
  const state = base64url(randomBytes(16));

  type Answer = { code: string; accountsServer: string | null } | { error: string };
  let settle!: (outcome: Answer) => void;
  const outcome = new Promise<Answer>((resolve) => (settle = resolve));

  const server = createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    if (url.pathname !== '/callback') {
      res.writeHead(404).end();
      return;
    }
    // Only the answer to this sign-in (its state) may end it: any other request, from any web page,
    // is turned away without cancelling the sign-in in progress.
    if (url.searchParams.get('state') !== state) {
      res.writeHead(404).end();
      return;
    }
    const code = url.searchParams.get('code');
    res.writeHead(200, { 'content-type': 'text/html; charset=utf-8', 'content-security-policy': "default-src 'none'; style-src 'unsafe-inline'" });
    if (code) {
      res.end(page('Counter is connected to Zoho', 'You can close this tab and go back to Counter.'));
      settle({ code, accountsServer: url.searchParams.get('accounts-server') });
    } else {
      res.end(page('Zoho sign-in did not finish', 'Go back to Counter and try again.'));
      settle({ error: `Zoho said: ${url.searchParams.get('error') ?? 'no code'}` });
    }
  });
  const redirectUri = await listen(server, options.port);
  const timer = setTimeout(() => settle({ error: 'Sign-in timed out. Start it again.' }), options.timeoutMs ?? 5 * 60_000);

  const params = new URLSearchParams({
    response_type: 'code',
    client_id: options.clientId,
    scope: editionScopes(options.edition),
    redirect_uri: redirectUri,
    access_type: 'offline',
    prompt: 'consent',
    soid: editionSoid(options.edition, options.accountId),
    state,
    code_challenge: challenge,
    code_challenge_method: 'S256',
  });

  const result = outcome.then((answer) => {
    clearTimeout(timer);
    server.close();
    if ('error' in answer) throw new Error(answer.error);
    return { code: answer.code, redirectUri, codeVerifier, accountsServer: answer.accountsServer };
  });
  return {
    authUrl: `${options.accountsUrl}/oauth/v2/org/auth?${params.toString()}`,
    result,
    cancel: () => settle({ error: 'Sign-in was cancelled.' }),
  };
}

function listen(server: Server, port: number): Promise<string> {
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, '127.0.0.1', () => {
      const address = server.address();
      const actual = typeof address === 'object' && address ? address.port : port;
      resolve(`http://127.0.0.1:${actual}/callback`);
    });
  });
}

function page(title: string, text: string): string {
  return `<!doctype html><html lang="en"><meta charset="utf-8"><title>${title}</title><body style="font-family:sans-serif;padding:3rem"><h1>${title}</h1><p>${text}</p></body></html>`;
}
