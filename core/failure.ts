import { INTERNAL_FAILURE_MESSAGE, type AppError, type ErrorCode } from '../contract/result';
import { ConflictError, InvalidStateError, InvoiceOfAnotherCounterError, NotFoundError } from '../db/errors';
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

const RECORD_LABELS = { counter: 'counter', invoice: 'invoice', chargeAttempt: 'payment' } as const;

/** Maps what a handler threw to the error a person sees; anything unexpected is 'internal'. */
export function toAppError(error: unknown): AppError {
  if (error instanceof HandlerFailure) return withField(error.code, error.message, error.field);
  if (error instanceof ConflictError) return withField('conflict', error.message, error.field);
  if (error instanceof InvalidStateError) {
    // The one refusal a cashier can act on: confirm having checked the terminal, then charge again.
    return withField('conflict', error.message, error.reason === 'invoice_needs_review' ? 'confirmChecked' : undefined);
  }
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
