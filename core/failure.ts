import { INTERNAL_FAILURE_MESSAGE, type AppError, type ErrorCode } from '../contract/result';
import { formatMoney } from '../contract/money';
import {
  ConflictError,
  DayClosedError,
  INVALID_STATE_FIELDS,
  InvalidStateError,
  InvoiceOfAnotherCounterError,
  NotFoundError,
  RefundExceedsPaymentError,
  TenderTooSmallError,
} from '../db/local/errors';
import { RefundsNotAllowedError } from './after-sale/refunds/refund-service';
import { ZohoError } from './zoho/errors';

/** A handler's refusal, carried to the caller as `{ok: false, error}`. */
export class HandlerFailure extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly field?: string,
  ) {
    super(message);
    this.name = 'HandlerFailure';
  }
}

const RECORD_LABELS = { counter: 'counter', invoice: 'invoice', chargeAttempt: 'payment', refund: 'refund', dayClose: 'day close' } as const;

/** Maps what a handler threw to the error a person sees; anything unexpected is 'internal'. */
export function toAppError(error: unknown): AppError {
  if (error instanceof HandlerFailure) return withField(error.code, error.message, error.field);
  if (error instanceof ConflictError) return withField('conflict', error.message, error.field);
  if (error instanceof InvalidStateError) return withField('conflict', error.message, INVALID_STATE_FIELDS[error.reason]);
  if (error instanceof RefundExceedsPaymentError) {
    const left = formatMoney(error.leftMinor, error.currency);
    const paid = formatMoney(error.paymentMinor, error.currency);
    return withField('invalid_input', `Refund amount must be at most ${left}: that is what is left to refund of this ${paid} payment.`, error.field);
  }
  if (error instanceof TenderTooSmallError) {
    const tendered = formatMoney(error.tenderedMinor, error.currency);
    return withField('invalid_input', `Amount tendered (${tendered}) must be at least the total, ${formatMoney(error.totalMinor, error.currency)}.`, error.field);
  }
  if (error instanceof DayClosedError) {
    return { code: 'conflict', message: `The books for ${error.day} were closed by ${error.closedBy}: nothing more can be recorded for that day.` };
  }
  if (error instanceof RefundsNotAllowedError) return { code: 'not_connected', message: error.message };
  if (error instanceof NotFoundError) return withField('not_found', `That ${RECORD_LABELS[error.record]} does not exist.`, error.field);
  if (error instanceof InvoiceOfAnotherCounterError) return withField('invalid_input', error.message, error.field);
  if (error instanceof ZohoError) {
    return { code: error.kind === 'not_connected' ? 'not_connected' : 'zoho_error', message: error.message };
  }
  return { code: 'internal', message: INTERNAL_FAILURE_MESSAGE };
}

function withField(code: ErrorCode, message: string, field: string | undefined): AppError {
  return field === undefined ? { code, message } : { code, message, field };
}
