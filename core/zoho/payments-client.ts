// Zoho Payments' In-Person session API (create, retrieve) and its refunds (create for a payment,
// retrieve, a payment's list). Every answer is parsed by a schema; a 401 gets exactly one token
// refresh and one retry, unless Zoho says the token lacks the call's scope (a new token would not
// help, and token requests are scarce). The Authorization header is never logged.
import type { PaymentMethod } from '../../contract/vocabulary';
import type { Logger } from '../logger';
import { ZohoError } from './errors';
import { requestJson, retryAfterMs, type HttpAnswer } from './http';
import { errorEnvelope, refundEnvelope, refundsEnvelope, sessionEnvelope, sessionIdEnvelope, type ZohoRefund, type ZohoSession } from './schemas';
import type { TokenManager } from './token-manager';

export interface CreateSessionRequest {
  amount: number;
  currency: string;
  terminalId: string;
  invoiceNumber: string;
  description: string;
  metaData: { key: string; value: string }[];
  method: PaymentMethod;
}

/** Create Refund's arguments (Zoho Payments API v1, "Refunds"). */
export interface CreateRefundRequest {
  amount: number;
  reason: string;
  type: 'initiated_by_merchant';
  description: string;
  metaData: { key: string; value: string }[];
}

export interface PaymentsClientOptions {
  paymentsUrl: string;
  accountId: string;
  tokens: TokenManager;
  log: Logger;
  now: () => number;
  timeoutMs?: number;
}

export class PaymentsClient {
  constructor(private readonly options: PaymentsClientOptions) {}

  async createSession(request: CreateSessionRequest): Promise<ZohoSession> {
    const body = JSON.stringify({
      amount: request.amount,
      currency: request.currency,
      type: 'pos_payment',
      terminal_id: request.terminalId,
      invoice_number: request.invoiceNumber,
      description: request.description,
      meta_data: request.metaData,
      payment_method_details: { type: request.method },
    });
    return this.sessionCall('POST', '/api/v1/terminal/paymentsessions', body);
  }

  async retrieveSession(sessionId: string): Promise<ZohoSession> {
    return this.sessionCall('GET', `/api/v1/terminal/paymentsessions/${encodeURIComponent(sessionId)}`);
  }

  /** POST /api/v1/payments/{payment_id}/refunds (scope ZohoPay.refunds.CREATE). */
  async createRefund(paymentId: string, request: CreateRefundRequest): Promise<ZohoRefund> {
    const body = JSON.stringify({
      amount: request.amount,
      reason: request.reason,
      type: request.type,
      description: request.description,
      meta_data: request.metaData,
    });
    return this.readRefund(await this.authorizedCall('POST', `/api/v1/payments/${encodeURIComponent(paymentId)}/refunds`, body));
  }

  /** GET /api/v1/refunds/{refund_id} (scope ZohoPay.refunds.READ). */
  async retrieveRefund(refundId: string): Promise<ZohoRefund> {
    return this.readRefund(await this.authorizedCall('GET', `/api/v1/refunds/${encodeURIComponent(refundId)}`));
  }

  /** GET /api/v1/payments/{payment_id}/refunds (scope ZohoPay.refunds.READ): the payment's refunds. */
  async listRefunds(paymentId: string): Promise<ZohoRefund[]> {
    const answer = await this.authorizedCall('GET', `/api/v1/payments/${encodeURIComponent(paymentId)}/refunds`);
    if (answer.status === 200) {
      const parsed = refundsEnvelope.safeParse(answer.body);
      if (parsed.success) return parsed.data.refunds;
      throw new ZohoError('malformed', 'Zoho sent a list of refunds we cannot read', { status: answer.status });
    }
    throw this.refusal(answer);
  }

  private async sessionCall(method: 'GET' | 'POST', path: string, body?: string): Promise<ZohoSession> {
    return this.readSession(await this.authorizedCall(method, path, body));
  }

  /** One call with the access token; a 401 for the token (not its scope) gets one refresh and one retry. */
  private async authorizedCall(method: 'GET' | 'POST', path: string, body?: string): Promise<HttpAnswer> {
    let token = await withoutToken(this.options.tokens.accessToken());
    let answer = await this.send(method, path, token, body);
    if (answer.status === 401 && !lacksScope(answer)) {
      token = await withoutToken(this.options.tokens.replaceRejected(token));
      answer = await this.send(method, path, token, body);
    }
    return answer;
  }

  private readRefund(answer: HttpAnswer): ZohoRefund {
    if (answer.status === 200 || answer.status === 201) {
      const parsed = refundEnvelope.safeParse(answer.body);
      if (parsed.success) return parsed.data.refund;
      const refusal = errorEnvelope.safeParse(answer.body);
      if (refusal.success && refusal.data.code !== '0') throw refusalError(400, refusal.data.code, refusal.data.message);
      throw new ZohoError('malformed', 'Zoho sent a refund we cannot read', { status: answer.status });
    }
    throw this.refusal(answer);
  }

  private send(method: 'GET' | 'POST', path: string, token: string, body?: string): Promise<HttpAnswer> {
    const url = `${this.options.paymentsUrl}${path}?account_id=${encodeURIComponent(this.options.accountId)}`;
    return requestJson(
      {
        method,
        url,
        headers: {
          authorization: `Zoho-oauthtoken ${token}`,
          ...(body === undefined ? {} : { 'content-type': 'application/json' }),
        },
        ...(body === undefined ? {} : { body }),
        timeoutMs: this.options.timeoutMs ?? 15_000,
      },
      this.options.log,
    );
  }

  private readSession(answer: HttpAnswer): ZohoSession {
    if (answer.status === 200 || answer.status === 201) {
      const parsed = sessionEnvelope.safeParse(answer.body);
      if (parsed.success) return parsed.data.payments_session;
      const refusal = errorEnvelope.safeParse(answer.body);
      if (refusal.success && refusal.data.code !== '0') throw refusalError(400, refusal.data.code, refusal.data.message);
      const id = sessionIdEnvelope.safeParse(answer.body);
      throw new ZohoError('malformed', 'Zoho sent a payment session we cannot read', {
        status: answer.status,
        ...(id.success ? { sessionId: id.data.payments_session.payments_session_id } : {}),
      });
    }
    throw this.refusal(answer);
  }

  /** The error for an answer that is not a success: 429 with its wait, else by status. */
  private refusal(answer: HttpAnswer): ZohoError {
    const refusal = errorEnvelope.safeParse(answer.body);
    const code = refusal.success ? refusal.data.code : undefined;
    const message = refusal.success ? refusal.data.message : undefined;
    if (answer.status === 429) {
      return new ZohoError('rate_limited', 'Zoho asked us to slow down', {
        status: 429,
        retryAfterMs: retryAfterMs(answer.headers, 60_000, this.options.now()),
        ...(code ? { zohoCode: code } : {}),
      });
    }
    if (lacksScope(answer)) {
      return new ZohoError('auth', message ?? 'The Zoho connection does not allow this call.', { status: answer.status, scopeMissing: true, ...(code ? { zohoCode: code } : {}) });
    }
    return refusalError(answer.status, code, message);
  }
}

/** Zoho refused the token for its scope (401 or 403 naming the scope), not for being bad or expired. */
function lacksScope(answer: HttpAnswer): boolean {
  if (answer.status !== 401 && answer.status !== 403) return false;
  const refusal = errorEnvelope.safeParse(answer.body);
  if (!refusal.success) return false;
  return /scope/i.test(refusal.data.code) || /invalid scope|oauthscope/i.test(refusal.data.message ?? '');
}

function refusalError(status: number, zohoCode: string | undefined, message: string | undefined): ZohoError {
  const details = { status, ...(zohoCode ? { zohoCode } : {}) };
  const text = message?.trim() || `Zoho answered HTTP ${status}`;
  if (status === 401) return new ZohoError('auth', text, details);
  if (status === 404) return new ZohoError('not_found', text, details);
  if (status >= 500) return new ZohoError('server', text, details);
  return new ZohoError('validation', text, details);
}

/**
 * No usable token means the payments call was never sent (after a 401, Zoho refused it): whatever
 * went wrong at the token endpoint, nothing exists at Zoho because of this call.
 */
async function withoutToken(token: Promise<string>): Promise<string> {
  try {
    return await token;
  } catch (error) {
    if (error instanceof ZohoError && error.kind === 'not_connected') throw error;
    const reason = error instanceof Error ? error.message : String(error);
    throw new ZohoError('not_connected', `Could not get a Zoho sign-in token: ${reason}`, {
      notSent: true,
      ...(error instanceof ZohoError ? { tokenErrorKind: error.kind } : {}),
    });
  }
}
