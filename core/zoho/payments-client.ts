// Zoho Payments' In-Person session API: create and retrieve. Every answer is parsed by a schema;
// a 401 gets exactly one token refresh and one retry. The Authorization header is never logged.
import type { PaymentMethod } from '../../contract/domain';
import type { Logger } from '../log';
import { ZohoError } from './errors';
import { requestJson, retryAfterMs, type HttpAnswer } from './http';
import { errorEnvelope, sessionEnvelope, sessionIdEnvelope, type ZohoSession } from './schemas';
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

  private async sessionCall(method: 'GET' | 'POST', path: string, body?: string): Promise<ZohoSession> {
    let token = await withoutToken(this.options.tokens.accessToken());
    let answer = await this.send(method, path, token, body);
    if (answer.status === 401) {
      token = await withoutToken(this.options.tokens.replaceRejected(token));
      answer = await this.send(method, path, token, body);
    }
    return this.readSession(answer);
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
    const refusal = errorEnvelope.safeParse(answer.body);
    const code = refusal.success ? refusal.data.code : undefined;
    const message = refusal.success ? refusal.data.message : undefined;
    if (answer.status === 429) {
      throw new ZohoError('rate_limited', 'Zoho asked us to slow down', {
        status: 429,
        retryAfterMs: retryAfterMs(answer.headers, 60_000, this.options.now()),
        ...(code ? { zohoCode: code } : {}),
      });
    }
    throw refusalError(answer.status, code, message);
  }
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
