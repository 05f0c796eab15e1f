// Refunds of the payments made on the simulated terminals: full or partial, several per payment
// until it is used up. A refund the payment cannot cover is created `failed` with Zoho's failure
// reason; a good one starts `initiated` and succeeds by itself after `settleMs` (or when the
// control API moves it).
import type { SimulatorStats } from '../control/stats';
import { NumericIds } from '../ids';
import { textToMinor } from '../payments/amount';
import type { ApiError } from '../payments/api-errors';
import type { SessionStore } from '../payments/session-store';
import type { CreateRefundInput } from './create-request';
import { FINAL_REFUND_STATUSES, type RefundRecord, type RefundStatus } from './model';

export type RefundResult = { ok: true; refund: RefundRecord } | { ok: false; error: ApiError };

export interface RefundStoreOptions {
  sessions: SessionStore;
  /** How long a good refund stays `initiated` before it succeeds by itself; null = until the control API moves it. */
  settleMs: number | null;
  now: () => number;
  stats: SimulatorStats['refunds'];
}

export const REFUND_ERRORS = {
  paymentNotFound: (): ApiError => ({ status: 404, code: 'resource_does_not_exist', message: 'The payment you are trying to refund does not exist.' }),
  refundNotFound: (): ApiError => ({ status: 404, code: 'resource_does_not_exist', message: 'The refund you are trying to access does not exist.' }),
  alreadyFinal: (status: RefundStatus): ApiError => ({ status: 409, code: 'refund_final', message: `The refund is already ${status}.` }),
};

export class RefundStore {
  private readonly refunds = new Map<string, RefundRecord>();
  private readonly refundIds = new NumericIds('17301');
  private readonly referenceNumbers = new NumericIds('41136');
  private readonly networkReferences = new NumericIds('17241');

  constructor(private readonly options: RefundStoreOptions) {}

  create(paymentId: string, input: CreateRefundInput): RefundResult {
    const payment = this.options.sessions.payment(paymentId);
    if (!payment) return { ok: false, error: REFUND_ERRORS.paymentNotFound() };
    const now = this.options.now();
    const left = textToMinor(payment.amount) - this.committedMinor(paymentId);
    const asked = textToMinor(input.amount);
    let failureReason: string | null = null;
    if (payment.status !== 'succeeded') failureReason = 'payment_not_captured';
    else if (left <= 0) failureReason = 'payment_already_refunded';
    else if (asked > left) failureReason = 'exceeds_payment_amount';
    const refund: RefundRecord = {
      refundId: this.refundIds.take(),
      paymentId,
      referenceNumber: this.referenceNumbers.take(),
      amount: input.amount,
      type: input.type,
      reason: input.reason,
      description: input.description,
      metaData: input.metaData,
      status: failureReason === null ? 'initiated' : 'failed',
      networkReferenceNumber: null,
      failureReason,
      createdAt: now,
      settlesAt: failureReason === null && this.options.settleMs !== null ? now + this.options.settleMs : null,
    };
    this.refunds.set(refund.refundId, refund);
    this.options.stats.created += 1;
    if (refund.status === 'failed') this.options.stats.failed += 1;
    return { ok: true, refund };
  }

  get(refundId: string): RefundRecord | undefined {
    const refund = this.refunds.get(refundId);
    if (refund) this.settleIfDue(refund);
    return refund;
  }

  /** The payment's refunds, oldest first; an error for a payment that does not exist. */
  forPayment(paymentId: string): { ok: true; refunds: RefundRecord[] } | { ok: false; error: ApiError } {
    if (!this.options.sessions.payment(paymentId)) return { ok: false, error: REFUND_ERRORS.paymentNotFound() };
    return { ok: true, refunds: this.list().filter((refund) => refund.paymentId === paymentId) };
  }

  list(): RefundRecord[] {
    for (const refund of this.refunds.values()) this.settleIfDue(refund);
    return [...this.refunds.values()];
  }

  /** The control API's hook: moves a refund that is not final yet to `status`. */
  setStatus(refundId: string, status: Exclude<RefundStatus, 'initiated'>, failureReason: string | null): RefundResult {
    const refund = this.get(refundId);
    if (!refund) return { ok: false, error: REFUND_ERRORS.refundNotFound() };
    if (FINAL_REFUND_STATUSES.includes(refund.status)) return { ok: false, error: REFUND_ERRORS.alreadyFinal(refund.status) };
    if (status === 'pending') refund.status = 'pending';
    else this.finish(refund, status, status === 'failed' ? (failureReason ?? 'unknown') : null);
    return { ok: true, refund };
  }

  /** What the payment's refunds already take: every refund not failed or canceled. */
  private committedMinor(paymentId: string): number {
    let total = 0;
    for (const refund of this.refunds.values()) {
      if (refund.paymentId === paymentId && refund.status !== 'failed' && refund.status !== 'canceled') total += textToMinor(refund.amount);
    }
    return total;
  }

  private settleIfDue(refund: RefundRecord): void {
    if (refund.settlesAt !== null && !FINAL_REFUND_STATUSES.includes(refund.status) && this.options.now() >= refund.settlesAt) {
      this.finish(refund, 'succeeded', null);
    }
  }

  private finish(refund: RefundRecord, status: 'succeeded' | 'failed' | 'canceled', failureReason: string | null): void {
    refund.status = status;
    refund.settlesAt = null;
    refund.failureReason = failureReason;
    if (status === 'succeeded') refund.networkReferenceNumber = this.networkReferences.take();
    this.options.stats[status] += 1;
  }
}
