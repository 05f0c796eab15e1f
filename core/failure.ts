import { CodedError, INTERNAL_FAILURE_MESSAGE, type AppError, type ErrorCode } from '../contract/result';

/** A handler's refusal, carried to the caller as `{ok: false, error}`. */
export class HandlerFailure extends CodedError {
  constructor(
    readonly code: ErrorCode,
    message: string,
    override readonly field?: string,
  ) {
    super(message);
    this.name = 'HandlerFailure';
  }
}

/** What a handler threw, as the error a person sees: each error carries its own code; anything unexpected is 'internal'. */
export function toAppError(error: unknown): AppError {
  return error instanceof CodedError ? error.toAppError() : { code: 'internal', message: INTERNAL_FAILURE_MESSAGE };
}
