import { describe, expect, it } from 'vitest';
import { INTERNAL_FAILURE_MESSAGE } from '../contract/result';
import { DayClosedError, InvalidStateError, NotFoundError, RefundExceedsPaymentError } from '../db/local/errors';
import { RefundsNotAllowedError, REFUND_SCOPE_MESSAGE } from './after-sale/refunds/refund-service';
import { HandlerFailure, toAppError } from './failure';
import { ZohoError } from './zoho/errors';

describe('toAppError: each error says its own code, words and field', () => {
  it.each([
    [new HandlerFailure('locked', 'Unlock first.', 'managerToken'), { code: 'locked', message: 'Unlock first.', field: 'managerToken' }],
    [new NotFoundError('chargeAttempt', 'a1'), { code: 'not_found', message: 'That payment does not exist.', field: 'attemptId' }],
    [new InvalidStateError('payment_not_paid'), { code: 'conflict', message: 'Only a paid card or UPI payment can be refunded: this one was not paid.', field: 'attemptId' }],
    [new InvalidStateError('invoice_paid'), { code: 'conflict', message: 'This invoice is already paid.' }],
    [new DayClosedError('2026-11-22', 'Asha', 0), { code: 'conflict', message: 'The books for 22 Nov 2026 were closed by Asha: nothing more can be recorded for that day.' }],
    [new RefundsNotAllowedError(), { code: 'not_connected', message: REFUND_SCOPE_MESSAGE }],
    [new ZohoError('not_connected', 'Reconnect Zoho.'), { code: 'not_connected', message: 'Reconnect Zoho.' }],
    [new ZohoError('validation', 'Zoho said no.'), { code: 'zoho_error', message: 'Zoho said no.' }],
  ])('%s', (error, shown) => {
    expect(toAppError(error)).toEqual(shown);
  });

  it('shows amounts as money, not minor units', () => {
    expect(toAppError(new RefundExceedsPaymentError(25_000, 100_000, 'INR')).message).toMatch(/^Refund amount must be at most \S+250\.00: .* \S+1,000\.00 payment\.$/);
  });

  it('reports anything else as internal, in the one fallback text', () => {
    expect(toAppError(new Error('SQLITE_CORRUPT: database disk image is malformed'))).toEqual({ code: 'internal', message: INTERNAL_FAILURE_MESSAGE });
  });
});
