// What tests, benchmarks and the terminal page may do to the simulator. The control API serves
// these over HTTP; RunningSimulator offers the same in process.
import { z } from 'zod';
import { faultPlanSchema, type ActiveFaults } from '../faults/fault-plan';
import { DEFAULT_SCOPE, parseScopes } from '../oauth/scopes';
import type { ApiError } from '../payments/api-errors';
import { FAILURE_CODE_SHAPE, TERMINAL_ID_SHAPE } from '../payments/model';
import type { StoreResult, TerminalOutcome } from '../payments/session-store';
import type { WireSession } from '../payments/wire';
import { wireRefund, type WireRefund } from '../refunds/wire';
import type { SimulatorState } from '../state';
import type { RequestLogEntry } from './request-log';
import { copyStats, type SimulatorStats } from './stats';

export type Outcome<T> = { ok: true; value: T } | { ok: false; error: ApiError };

const method = z.enum(['card', 'upi']).optional();
const failureCode = z
  .string()
  .regex(FAILURE_CODE_SHAPE, { error: 'failure_code must be a lower_snake_case code, such as insufficient_funds.' });

const terminalOutcomeSchema = z.discriminatedUnion(
  'outcome',
  [
    z.strictObject({ outcome: z.literal('succeeded'), method }),
    z.strictObject({ outcome: z.literal('failed'), failure_code: failureCode, method }),
    z.strictObject({ outcome: z.literal('declined_attempt'), failure_code: failureCode, method }),
  ],
  { error: 'outcome must be "succeeded", "failed" or "declined_attempt".' },
);

const refundStatusSchema = z.discriminatedUnion(
  'status',
  [
    z.strictObject({ status: z.literal('pending') }),
    z.strictObject({ status: z.literal('succeeded') }),
    z.strictObject({ status: z.literal('canceled') }),
    z.strictObject({ status: z.literal('failed'), failure_reason: failureCode.optional() }),
  ],
  { error: 'status must be "pending", "succeeded", "failed" or "canceled".' },
);

const tamperSchema = z.strictObject({
  amount: z.string().regex(/^\d+\.\d{2}$/).optional(),
  currency: z.string().regex(/^[A-Z]{3}$/).optional(),
  invoice_number: z.string().max(50).optional(),
});

const selfClientCodeSchema = z.strictObject({
  redirect_uri: z.url().optional(),
  code_challenge: z.string().min(43).max(128).optional(),
  scope: z.string().default(DEFAULT_SCOPE),
});

export interface FetchedSession {
  payments_session: WireSession;
  /** Seconds of validity left, for the terminal's countdown. */
  expires_in_seconds: number;
  /** payment_method_details.type of the create request: the only way the customer may pay. */
  requested_method: 'card' | 'upi' | null;
}

export interface TerminalInfo {
  terminal_id: string;
  active_session_id: string | null;
}

function invalid(message: string): Outcome<never> {
  return { ok: false, error: { status: 400, code: 'invalid_request', message } };
}

/** The first problem zod found, as one line. */
function describeIssue(error: z.ZodError): string {
  const issue = error.issues[0];
  if (!issue) return 'The request is invalid.';
  return issue.path.length > 0 ? `${issue.path.join('.')}: ${issue.message}` : issue.message;
}

export class SimulatorControl {
  constructor(private readonly state: SimulatorState) {}

  private wire(result: StoreResult): Outcome<WireSession> {
    return result.ok ? { ok: true, value: this.state.wire.session(result.session, 'payments_session_type') } : result;
  }

  terminals(): TerminalInfo[] {
    const { sessions } = this.state;
    return sessions.terminalIds().map((terminalId) => ({
      terminal_id: terminalId,
      active_session_id: sessions.activeOn(terminalId)?.sessionId ?? null,
    }));
  }

  addTerminal(terminalId: string): Outcome<{ terminal_id: string; created: boolean }> {
    if (!TERMINAL_ID_SHAPE.test(terminalId)) return invalid('A terminal id is 1 to 50 letters, digits, "-" or "_".');
    return { ok: true, value: { terminal_id: terminalId, created: this.state.sessions.addTerminal(terminalId) } };
  }

  fetch(terminalId: string): Outcome<FetchedSession> {
    const fetched = this.state.sessions.fetch(terminalId);
    if (!fetched.ok) return fetched;
    const left = Math.max(0, Math.ceil((fetched.session.expiresAt - this.state.options.now()) / 1000));
    const wire = this.wire(fetched);
    if (!wire.ok) return wire;
    return {
      ok: true,
      value: { payments_session: wire.value, expires_in_seconds: left, requested_method: fetched.session.requestedMethod },
    };
  }

  pay(terminalId: string, body: unknown): Outcome<WireSession> {
    const parsed = terminalOutcomeSchema.safeParse(body);
    if (!parsed.success) return invalid(describeIssue(parsed.error));
    const outcome: TerminalOutcome = parsed.data;
    return this.wire(this.state.sessions.pay(terminalId, outcome));
  }

  sessions(): WireSession[] {
    return this.state.sessions.list().map((session) => this.state.wire.session(session, 'payments_session_type'));
  }

  expireSession(sessionId: string): Outcome<WireSession> {
    const session = this.state.sessions.expire(sessionId);
    if (!session) return { ok: false, error: { status: 404, code: 'resource_does_not_exist', message: `No session ${sessionId}.` } };
    return { ok: true, value: this.state.wire.session(session, 'payments_session_type') };
  }

  tamperSession(sessionId: string, body: unknown): Outcome<WireSession> {
    const parsed = tamperSchema.safeParse(body ?? {});
    if (!parsed.success) return invalid(describeIssue(parsed.error));
    const { amount, currency, invoice_number: invoiceNumber } = parsed.data;
    const session = this.state.sessions.tamper(sessionId, {
      ...(amount === undefined ? {} : { amount }),
      ...(currency === undefined ? {} : { currency }),
      ...(invoiceNumber === undefined ? {} : { invoiceNumber }),
    });
    if (!session) return { ok: false, error: { status: 404, code: 'resource_does_not_exist', message: `No session ${sessionId}.` } };
    return { ok: true, value: this.state.wire.session(session, 'payments_session_type') };
  }

  refunds(): WireRefund[] {
    return this.state.refunds.list().map(wireRefund);
  }

  /** Moves a refund that is not final yet: `{"status":"failed","failure_reason":"insufficient_funds"}` and the like. */
  setRefundStatus(refundId: string, body: unknown): Outcome<WireRefund> {
    const parsed = refundStatusSchema.safeParse(body);
    if (!parsed.success) return invalid(describeIssue(parsed.error));
    const failureReason = parsed.data.status === 'failed' ? (parsed.data.failure_reason ?? null) : null;
    const moved = this.state.refunds.setStatus(refundId, parsed.data.status, failureReason);
    return moved.ok ? { ok: true, value: wireRefund(moved.refund) } : moved;
  }

  setFaults(body: unknown): Outcome<ActiveFaults> {
    const parsed = faultPlanSchema.safeParse(body ?? {});
    if (!parsed.success) return invalid(describeIssue(parsed.error));
    this.state.faults.set(parsed.data);
    const active = this.state.faults.current();
    return active ? { ok: true, value: active } : invalid('The fault plan ended at once.');
  }

  faults(): ActiveFaults | null {
    return this.state.faults.current();
  }

  clearFaults(): void {
    this.state.faults.clear();
  }

  expireAccessTokens(): number {
    return this.state.tokens.expireAccessTokens();
  }

  /** A Self Client style authorisation code, as if generated in the Developer Console. */
  issueAuthorizationCode(body: unknown): Outcome<{ code: string; expires_in: number }> {
    const parsed = selfClientCodeSchema.safeParse(body ?? {});
    if (!parsed.success) return invalid(describeIssue(parsed.error));
    const scopes = parseScopes(parsed.data.scope);
    const client = this.state.options.fixture.clients[0];
    if (!scopes || !client) return invalid('scope must list Zoho Payments scopes.');
    const code = this.state.tokens.issueCode({
      clientId: client.clientId,
      redirectUri: parsed.data.redirect_uri ?? null,
      scopes,
      offline: true,
      codeChallenge: parsed.data.code_challenge ?? null,
    });
    return { ok: true, value: { code, expires_in: Math.round(this.state.options.authorizationCodeTtlMs / 1000) } };
  }

  requests(): RequestLogEntry[] {
    return this.state.log.list();
  }

  clearRequests(): void {
    this.state.log.clear();
  }

  stats(): SimulatorStats {
    return copyStats(this.state.stats);
  }
}
