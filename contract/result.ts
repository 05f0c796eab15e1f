// The envelope every call returns across a process boundary (IPC or HTTP).

export const ERROR_CODES = [
  'invalid_input', // the input broke a rule; `field` names it
  'not_found',
  'conflict', // the request clashes with the current state (a live payment, a duplicate number…)
  'locked', // a manager-only action without a valid manager unlock
  'not_connected', // no usable Zoho connection
  'zoho_error', // Zoho refused or failed; the message carries Zoho's words
  'internal',
] as const;
export type ErrorCode = (typeof ERROR_CODES)[number];

export interface AppError {
  code: ErrorCode;
  message: string;
  field?: string;
}

/** What a person is told when something unexpected failed: the details go to the log, never to the screen. */
export const INTERNAL_FAILURE_MESSAGE = 'Something went wrong inside Counter. The details were logged.';

/**
 * An error that knows what a person is told about it: its code, its words (its message, unless
 * `shownMessage` says otherwise) and the input field it is about. Whatever else is thrown is 'internal'.
 */
export abstract class CodedError extends Error {
  abstract readonly code: ErrorCode;
  readonly field?: string;

  /** The words a person sees, where the message is written for the log. */
  protected get shownMessage(): string {
    return this.message;
  }

  toAppError(): AppError {
    return appError(this.code, this.shownMessage, this.field);
  }
}

export type Result<T> = { ok: true; value: T } | { ok: false; error: AppError };

export function ok<T>(value: T): Result<T> {
  return { ok: true, value };
}

export function appError(code: ErrorCode, message: string, field?: string): AppError {
  return field === undefined ? { code, message } : { code, message, field };
}

export function fail(code: ErrorCode, message: string, field?: string): { ok: false; error: AppError } {
  return { ok: false, error: appError(code, message, field) };
}
