// Test plumbing: a simulator on a manual clock, stopped after each test, and a thin HTTP client
// that speaks to it exactly as the app would (fetch over 127.0.0.1).
import { onTestFinished } from 'vitest';
import { SEED_003 } from '../../testkit/zoho-examples';
import { startSimulator, type RunningSimulator, type SimulatorOptions, type WireRefund, type WireSession } from '../index';

export class ManualClock {
  constructor(public time = Date.UTC(2026, 4, 21, 10, 0, 0)) {}

  readonly now = (): number => this.time;

  advance(ms: number): void {
    this.time += ms;
  }
}

export interface Answer<T> {
  status: number;
  headers: Headers;
  body: T;
}

export interface SessionAnswer {
  code: number | string;
  message: string;
  payments_session?: WireSession;
}

export interface RefundAnswer {
  code: number | string;
  message: string;
  refund?: WireRefund;
  refunds?: WireRefund[];
}

export type TokenAnswer = Record<string, string | number | undefined>;

export interface Harness {
  sim: RunningSimulator;
  clock: ManualClock;
  api: ApiClient;
}

/** Starts a simulator on a manual clock (unless `now` is given) and stops it when the test ends. */
export async function startHarness(options: SimulatorOptions = {}): Promise<Harness> {
  const clock = new ManualClock();
  const sim = await startSimulator({ now: clock.now, ...options });
  onTestFinished(() => sim.stop());
  return { sim, clock, api: new ApiClient(sim) };
}

async function read<T>(response: Response): Promise<Answer<T>> {
  const text = await response.text();
  return { status: response.status, headers: response.headers, body: (text === '' ? undefined : JSON.parse(text)) as T };
}

/** The create request of Zoho's guide (seed 003), on the simulator's terminal TRM001. */
export const VALID_CREATE = { ...SEED_003.createRequest, terminal_id: 'TRM001' };

export class ApiClient {
  constructor(private readonly sim: RunningSimulator) {}

  get url(): string {
    return this.sim.url;
  }

  async token(params: Record<string, string>): Promise<Answer<TokenAnswer>> {
    return read(
      await fetch(`${this.sim.url}/oauth/v2/token`, {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        body: new URLSearchParams(params),
      }),
    );
  }

  refreshGrant(overrides: Record<string, string> = {}): Promise<Answer<TokenAnswer>> {
    const { fixture } = this.sim;
    return this.token({
      grant_type: 'refresh_token',
      client_id: fixture.client_id,
      client_secret: fixture.client_secret,
      refresh_token: fixture.refresh_token,
      ...overrides,
    });
  }

  /** A fresh access token through the token endpoint (counts towards the throttle). */
  async accessToken(): Promise<string> {
    const answer = await this.refreshGrant();
    const token = answer.body.access_token;
    if (typeof token !== 'string') throw new Error(`no access token: ${JSON.stringify(answer.body)}`);
    return token;
  }

  async create(token: string, body: unknown, accountId = this.sim.fixture.account_id): Promise<Answer<SessionAnswer>> {
    return read(
      await fetch(`${this.sim.url}/api/v1/terminal/paymentsessions?account_id=${accountId}`, {
        method: 'POST',
        headers: { authorization: `Zoho-oauthtoken ${token}`, 'content-type': 'application/json' },
        body: typeof body === 'string' ? body : JSON.stringify(body),
      }),
    );
  }

  async retrieve(token: string, sessionId: string, accountId = this.sim.fixture.account_id): Promise<Answer<SessionAnswer>> {
    return read(
      await fetch(`${this.sim.url}/api/v1/terminal/paymentsessions/${sessionId}?account_id=${accountId}`, {
        headers: { authorization: `Zoho-oauthtoken ${token}` },
      }),
    );
  }

  /** Creates a valid session and returns it (fails the test otherwise). */
  async createSession(token: string, overrides: Record<string, unknown> = {}): Promise<WireSession> {
    const answer = await this.create(token, { ...VALID_CREATE, ...overrides });
    const session = answer.body.payments_session;
    if (answer.status !== 201 || !session) throw new Error(`create failed: ${answer.status} ${JSON.stringify(answer.body)}`);
    return session;
  }

  /** A session on TRM001 for `amount`, fetched and paid (or failed) on the terminal: its payment id. */
  async paidPayment(token: string, amount = 100.5, outcome: 'succeeded' | 'failed' = 'succeeded'): Promise<string> {
    await this.createSession(token, { amount });
    this.sim.fetchOnTerminal('TRM001');
    const session = this.sim.pay('TRM001', outcome === 'succeeded' ? { outcome } : { outcome, failure_code: 'card_declined' });
    const payment = session.payments?.at(-1);
    if (!payment) throw new Error('the session has no payment');
    return payment.payment_id;
  }

  async createRefund(token: string, paymentId: string, body: unknown, accountId = this.sim.fixture.account_id): Promise<Answer<RefundAnswer>> {
    return read(
      await fetch(`${this.sim.url}/api/v1/payments/${paymentId}/refunds?account_id=${accountId}`, {
        method: 'POST',
        headers: { authorization: `Zoho-oauthtoken ${token}`, 'content-type': 'application/json' },
        body: typeof body === 'string' ? body : JSON.stringify(body),
      }),
    );
  }

  async retrieveRefund(token: string, refundId: string): Promise<Answer<RefundAnswer>> {
    return read(
      await fetch(`${this.sim.url}/api/v1/refunds/${refundId}?account_id=${this.sim.fixture.account_id}`, {
        headers: { authorization: `Zoho-oauthtoken ${token}` },
      }),
    );
  }

  async paymentRefunds(token: string, paymentId: string): Promise<Answer<RefundAnswer>> {
    return read(
      await fetch(`${this.sim.url}/api/v1/payments/${paymentId}/refunds?account_id=${this.sim.fixture.account_id}`, {
        headers: { authorization: `Zoho-oauthtoken ${token}` },
      }),
    );
  }

  async control<T>(method: string, path: string, body?: unknown): Promise<Answer<T>> {
    return read(
      await fetch(`${this.sim.url}${path}`, {
        method,
        headers: { 'content-type': 'application/json' },
        ...(body === undefined ? {} : { body: JSON.stringify(body) }),
      }),
    );
  }
}
