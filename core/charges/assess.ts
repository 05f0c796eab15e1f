// What a session answer from Zoho means for one charge attempt. Pure: no I/O, no clock.
import type { DeclinedTry } from '../../contract/records';
import { parseZohoAmount } from '../../contract/money';
import { KNOWN_SESSION_STATUSES, type KnownSessionStatus, type ZohoPayment, type ZohoSession } from '../zoho/schemas';

export interface AttemptExpectation {
  /** The session this attempt created; an answer about any other session is not about this payment. */
  paymentsSessionId: string | null;
  amountMinor: number;
  currency: string;
  terminalId: string;
  invoiceNumber: string;
}

export type Assessment =
  /**
   * Zoho's session disagrees with what we asked for: never mark it paid. It is still followed to
   * Zoho's final word, which is kept for the person who decides.
   */
  | { kind: 'mismatch'; detail: string; sessionStatus: string; paymentId: string | null }
  /**
   * Not final: keep checking. `unknownStatus` is a status Zoho sent that Counter does not know: it is
   * never taken as an outcome (whatever payments it lists), only recorded for the person who reads the trail.
   */
  | { kind: 'in_progress'; declinedTries: DeclinedTry[]; unknownStatus: string | null }
  | { kind: 'succeeded'; paymentId: string | null; paidMethod: string | null; declinedTries: DeclinedTry[] }
  | { kind: 'failed'; failureCode: string | null; declinedTries: DeclinedTry[] };

export function findMismatch(expected: AttemptExpectation, session: ZohoSession): string | null {
  const problems: string[] = [];
  if (expected.paymentsSessionId !== null && session.payments_session_id !== expected.paymentsSessionId) {
    problems.push(`session ${session.payments_session_id}`);
  }
  const amount = parseZohoAmount(session.amount);
  if (!amount.ok || amount.value !== expected.amountMinor) problems.push(`amount ${session.amount}`);
  if (session.currency.toUpperCase() !== expected.currency) problems.push(`currency ${session.currency}`);
  if (session.terminal_id !== undefined && session.terminal_id !== expected.terminalId) problems.push(`terminal ${session.terminal_id}`);
  if ((session.invoice_number ?? '') !== expected.invoiceNumber) problems.push(`invoice ${session.invoice_number ?? '(none)'}`);
  return problems.length === 0 ? null : `Zoho's session does not match this charge: ${problems.join(', ')}`;
}

export function assessSession(expected: AttemptExpectation, session: ZohoSession): Assessment {
  const payments = session.payments ?? [];
  const succeeded = payments.find((p) => p.status === 'succeeded');
  const mismatch = findMismatch(expected, session);
  if (mismatch) return { kind: 'mismatch', detail: mismatch, sessionStatus: session.session_status, paymentId: succeeded?.payment_id ?? null };
  const failedTries = payments.filter((p) => p.status === 'failed');
  const status = knownStatus(session.session_status);
  switch (status) {
    case null:
    case 'in_progress':
      return { kind: 'in_progress', declinedTries: failedTries.map(toDeclinedTry), unknownStatus: status === null ? session.session_status : null };
    case 'succeeded':
      return {
        kind: 'succeeded',
        paymentId: succeeded?.payment_id ?? null,
        paidMethod: succeeded?.payment_method?.type ?? null,
        declinedTries: failedTries.map(toDeclinedTry),
      };
    case 'failed': {
      const last = failedTries.at(-1);
      return {
        kind: 'failed',
        failureCode: last?.failure_code ?? null,
        declinedTries: failedTries.slice(0, -1).map(toDeclinedTry),
      };
    }
  }
}

/** Zoho's final word on a session: 'succeeded' or 'failed' exactly as documented, nothing else. */
export function isFinalStatus(status: string): boolean {
  return status === 'succeeded' || status === 'failed';
}

function knownStatus(status: string): KnownSessionStatus | null {
  return (KNOWN_SESSION_STATUSES as readonly string[]).includes(status) ? (status as KnownSessionStatus) : null;
}

function toDeclinedTry(payment: ZohoPayment): DeclinedTry {
  return {
    paymentId: payment.payment_id,
    failureCode: payment.failure_code ?? null,
    method: payment.payment_method?.type ?? null,
    at: payment.date === undefined ? 0 : payment.date * 1000,
  };
}
