// Typed failures of calls to Zoho. Callers branch on `kind`, never on message text; Zoho's own
// code and message are kept for the people who read them.
import type { ZohoTrouble } from '../../contract/failures';
import { CodedError, type ErrorCode } from '../../contract/result';

export type ZohoErrorKind =
  | 'validation' // 400: Zoho refused the request as invalid (nothing was created)
  | 'auth' // 401 after one refresh and retry
  | 'rate_limited' // 429
  | 'not_found' // 404
  | 'server' // 5xx
  | 'network' // no answer: connection refused, reset, dropped or timed out
  | 'malformed' // an answer we cannot read
  | 'not_connected'; // no usable token (reconnect required, throttled, not configured)

export class ZohoError extends CodedError {
  readonly code: ErrorCode;
  constructor(
    readonly kind: ZohoErrorKind,
    message: string,
    readonly details: {
      status?: number;
      zohoCode?: string;
      /** 'rate_limited': how long Zoho asked us to wait. */
      retryAfterMs?: number;
      /** 'network': true when the request surely never reached Zoho (so nothing was created). */
      notSent?: boolean;
      /** 'malformed': the session id, when it could still be read from an unreadable session. */
      sessionId?: string;
      /** 'auth': the token is good but lacks the scope this call needs (a new token will not help). */
      scopeMissing?: boolean;
      /** 'not_connected': how getting a token failed, when the token endpoint was asked (e.g. 'network'). */
      tokenErrorKind?: ZohoErrorKind;
    } = {},
  ) {
    super(message);
    this.name = 'ZohoError';
    this.code = kind === 'not_connected' ? 'not_connected' : 'zoho_error';
  }
}

export function isZohoError(error: unknown, kind?: ZohoErrorKind): error is ZohoError {
  return error instanceof ZohoError && (kind === undefined || error.kind === kind);
}

/**
 * Whether a create (a charge's session, a refund) surely made nothing at Zoho: Zoho refused it, or
 * it never left this computer. Anything else (no answer, 5xx, an unreadable answer) may have made it.
 */
export function surelyNotMade(error: unknown): boolean {
  if (!isZohoError(error)) return false;
  if (error.kind === 'network') return error.details.notSent === true;
  return ['validation', 'auth', 'not_found', 'rate_limited', 'not_connected'].includes(error.kind);
}

/**
 * Which of the three kinds of trouble the cashier is told about a failure is: Zoho could not be
 * reached (network, timeout, 5xx, on the token endpoint too), Zoho refused our access (401, a refused
 * or throttled sign-in), or Zoho's answer could not be read. Null when Zoho answered and said no
 * (a refused request, an unknown session, slow down): that is Zoho's word, not trouble reaching it.
 */
export function zohoTrouble(error: unknown): ZohoTrouble | null {
  if (!(error instanceof ZohoError)) return 'unreachable';
  if (error.kind !== 'not_connected') return TROUBLE_BY_KIND[error.kind];
  // No token: the token endpoint's own trouble, or a sign-in that was refused, revoked or throttled.
  const cause = error.details.tokenErrorKind;
  if (cause === 'network' || cause === 'server') return 'unreachable';
  return cause === 'malformed' ? 'not_understood' : 'access_refused';
}

const TROUBLE_BY_KIND: Record<Exclude<ZohoErrorKind, 'not_connected'>, ZohoTrouble | null> = {
  network: 'unreachable',
  server: 'unreachable',
  malformed: 'not_understood',
  auth: 'access_refused',
  validation: null,
  rate_limited: null,
  not_found: null,
};
