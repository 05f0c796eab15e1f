// The Zoho Payments simulator: OAuth, the In-Person (POS) session API, virtual terminals, fault
// injection and a control API, served on 127.0.0.1. Demo mode, tests and benchmarks use it;
// production never does. See docs/SIMULATOR.md.
import { setMaxListeners } from 'node:events';
import type { AddressInfo } from 'node:net';
import { SimulatorControl, type FetchedSession, type Outcome, type TerminalInfo } from './control/operations';
import type { RequestLogEntry } from './control/request-log';
import type { SimulatorStats } from './control/stats';
import type { ActiveFaults, FaultPlanInput } from './faults/fault-plan';
import { summarizeFixture, type FixtureSummary } from './fixture';
import { Router } from './http/router';
import { createPipelineServer } from './http/server';
import { resolveOptions, type SimulatorOptions } from './options';
import type { TerminalOutcome } from './payments/session-store';
import type { WireSession } from './payments/wire';
import type { WireRefund } from './refunds/wire';
import { buildRoutes } from './routes';
import { createSimulatorState } from './state';

export { defaultFixture } from './fixture';
export type { FixtureSummary, OAuthClientFixture, SimulatorFixture } from './fixture';
export type { SessionTypeKey, SimulatorOptions } from './options';
export type { ActiveFaults, FaultPlan, FaultPlanInput } from './faults/fault-plan';
export type { RequestLogEntry } from './control/request-log';
export type { SimulatorStats } from './control/stats';
export type { FetchedSession, TerminalInfo } from './control/operations';
export type { TerminalOutcome } from './payments/session-store';
export type { WirePayment, WireSession } from './payments/wire';
export type { WireRefund } from './refunds/wire';
export { FAILURE_CODES, SESSION_EXPIRED } from './payments/model';

/** How often in-progress sessions are checked for expiry between reads. */
const EXPIRY_SWEEP_MS = 1000;

export interface RunningSimulator {
  /** "http://127.0.0.1:<port>": both the accounts server and the payments API. */
  url: string;
  /** Connection details for a client: account, OAuth client and a ready refresh token. */
  fixture: FixtureSummary;
  stop(): Promise<void>;

  /** Adds a terminal to the account (idempotent); returns its id. */
  addTerminal(terminalId: string): Promise<string>;
  terminals(): TerminalInfo[];
  /** "Fetch Payments" on a terminal; throws when it has no active session. */
  fetchOnTerminal(terminalId: string): FetchedSession;
  /** The device's report for the fetched session; throws when refused. */
  pay(terminalId: string, outcome: TerminalOutcome): WireSession;
  /** Every session, in creation order. */
  sessions(): WireSession[];
  /** Ends a session's validity now (it becomes failed if still in progress). */
  expireSession(sessionId: string): WireSession;
  /** Every refund, in creation order. */
  refunds(): WireRefund[];
  /** Moves a refund that is not final yet (pending, succeeded, failed with a reason, canceled); throws when refused. */
  setRefundStatus(refundId: string, change: { status: 'pending' | 'succeeded' | 'canceled' } | { status: 'failed'; failure_reason?: string }): WireRefund;
  setFaults(plan: FaultPlanInput): ActiveFaults;
  clearFaults(): void;
  /** Ends every live access token now; returns how many there were. */
  expireAccessTokens(): number;
  /** A live access token with both payments scopes, without using (or counting) the token endpoint. */
  issueAccessToken(): string;
  /** A Self Client style authorisation code for the fixture's client. */
  issueAuthorizationCode(options?: { redirect_uri?: string; code_challenge?: string; scope?: string }): string;
  requests(): RequestLogEntry[];
  clearRequests(): void;
  stats(): SimulatorStats;
}

function orThrow<T>(outcome: Outcome<T>): T {
  if (!outcome.ok) throw new Error(`${outcome.error.code}: ${outcome.error.message}`);
  return outcome.value;
}

export async function startSimulator(options: SimulatorOptions = {}): Promise<RunningSimulator> {
  const resolved = resolveOptions(options);
  const state = createSimulatorState(resolved);
  const control = new SimulatorControl(state);
  const stopping = new AbortController();
  // Every delayed answer waits on this signal: under added latency hundreds may wait at once.
  setMaxListeners(0, stopping.signal);
  const router = new Router();
  const server = createPipelineServer({
    router,
    faults: state.faults,
    log: state.log,
    stats: state.stats,
    now: resolved.now,
    stopping: stopping.signal,
  });

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(resolved.port, '127.0.0.1', () => {
      server.off('error', reject);
      resolve();
    });
  });
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  router.setRoutes(buildRoutes(state, control, url));

  const sweep = setInterval(() => state.sessions.expireDue(), EXPIRY_SWEEP_MS);
  sweep.unref();

  let stopped: Promise<void> | null = null;
  const stop = (): Promise<void> => {
    stopped ??= new Promise<void>((resolve) => {
      clearInterval(sweep);
      stopping.abort();
      server.close(() => resolve());
      server.closeAllConnections();
    });
    return stopped;
  };

  return {
    url,
    fixture: summarizeFixture(resolved.fixture, state.sessions.terminalIds()),
    stop,
    addTerminal: (terminalId) => Promise.resolve().then(() => orThrow(control.addTerminal(terminalId)).terminal_id),
    terminals: () => control.terminals(),
    fetchOnTerminal: (terminalId) => orThrow(control.fetch(terminalId)),
    pay: (terminalId, outcome) => orThrow(control.pay(terminalId, outcome)),
    sessions: () => control.sessions(),
    expireSession: (sessionId) => orThrow(control.expireSession(sessionId)),
    refunds: () => control.refunds(),
    setRefundStatus: (refundId, change) => orThrow(control.setRefundStatus(refundId, change)),
    setFaults: (plan) => orThrow(control.setFaults(plan)),
    clearFaults: () => control.clearFaults(),
    expireAccessTokens: () => control.expireAccessTokens(),
    issueAccessToken: () => state.tokens.issueAccessToken(),
    issueAuthorizationCode: (codeOptions = {}) => orThrow(control.issueAuthorizationCode(codeOptions)).code,
    requests: () => control.requests(),
    clearRequests: () => control.clearRequests(),
    stats: () => control.stats(),
  };
}
