// The simulated Zoho Payments account: who may sign in (OAuth clients) and which terminals exist.
import { TERMINAL_ID_SHAPE } from './payments/model';

export interface OAuthClientFixture {
  clientId: string;
  clientSecret: string;
  /** Shown on the consent page, as the Developer Console's "Client Name" is. */
  name: string;
  /**
   * Registered redirect URIs. A loopback URI registered without a port (http://127.0.0.1/callback)
   * accepts any port, as desktop apps bind a free one (RFC 8252 §7.3); otherwise the match is exact.
   */
  redirectUris: string[];
  /** Refresh tokens that exist from the start, granted both payments scopes. */
  refreshTokens: string[];
}

export interface SimulatorFixture {
  /** The Zoho Payments account id: the `account_id` query parameter and the consent `soid`. */
  accountId: string;
  /** The only currency the account accepts (INR for the India edition, USD for the US one). */
  currency: string;
  /** IANA zone used for `date_formatted` on payments. */
  timeZone: string;
  terminals: string[];
  clients: OAuthClientFixture[];
}

/** What a client needs to connect: the CLI's second line and `RunningSimulator.fixture`. */
export interface FixtureSummary {
  account_id: string;
  client_id: string;
  client_secret: string;
  refresh_token: string;
  terminals: string[];
}

/** The India demo account. Credentials are fixed so a demo configuration survives restarts. */
export function defaultFixture(): SimulatorFixture {
  return {
    accountId: '23137556',
    currency: 'INR',
    timeZone: 'Asia/Kolkata',
    terminals: ['TRM001', 'TRM002', 'TRM003'],
    clients: [
      {
        clientId: '1000.SIMCOUNTER0DEMO0CLIENT00000001',
        clientSecret: '5f0c3d2e1b4a69788796a5b4c3d2e1f0a9b8c7d6e5',
        name: 'Counter',
        redirectUris: ['http://127.0.0.1/callback', 'http://localhost/callback'],
        refreshTokens: ['1000.5e1ad0c0ffee5e1ad0c0ffee5e1ad0c0.f00dfacef00dfacef00dfacef00dface'],
      },
    ],
  };
}

/** Fills what `partial` leaves out from the default fixture and refuses a fixture that cannot work. */
export function resolveFixture(partial: Partial<SimulatorFixture> = {}): SimulatorFixture {
  const fixture = { ...defaultFixture(), ...partial };
  const firstClient = fixture.clients[0];
  if (!firstClient) throw new Error('The simulator fixture needs at least one OAuth client.');
  if (!/^[A-Z]{3}$/.test(fixture.currency)) throw new Error(`Not an ISO 4217 currency code: ${fixture.currency}`);
  if (new Set(fixture.terminals).size !== fixture.terminals.length) throw new Error('Terminal ids must be unique.');
  const badTerminal = fixture.terminals.find((terminalId) => !TERMINAL_ID_SHAPE.test(terminalId));
  if (badTerminal !== undefined) throw new Error(`Not a terminal id: ${JSON.stringify(badTerminal)}`);
  return fixture;
}

export function summarizeFixture(fixture: SimulatorFixture, terminals: string[]): FixtureSummary {
  const client = fixture.clients[0];
  if (!client) throw new Error('The simulator fixture needs at least one OAuth client.');
  return {
    account_id: fixture.accountId,
    client_id: client.clientId,
    client_secret: client.clientSecret,
    refresh_token: client.refreshTokens[0] ?? '',
    terminals,
  };
}
