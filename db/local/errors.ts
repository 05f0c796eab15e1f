// Typed errors the repositories throw, so callers branch on classes and fields, never on message text.
import type { Currency } from '../../contract/vocabulary';

/** The file was written by a newer version of the app: opening it here could corrupt it. */
export class DatabaseTooNewError extends Error {
  override readonly name = 'DatabaseTooNewError';
  constructor(
    readonly fileVersion: number,
    readonly supportedVersion: number,
  ) {
    super(
      `This data was saved by a newer version of Counter (database version ${fileVersion}; ` +
        `this version understands up to ${supportedVersion}). Update the app to open it.`,
    );
  }
}

export type RecordKind = 'counter' | 'invoice' | 'chargeAttempt' | 'refund' | 'dayClose';

/** The input field that names each kind of record by its id. */
const ID_FIELDS = { counter: 'counterId', invoice: 'invoiceId', chargeAttempt: 'attemptId', refund: 'refundId', dayClose: 'date' } as const;

/** No record of that kind has that id; `field` is the input field that named it. */
export class NotFoundError extends Error {
  override readonly name = 'NotFoundError';
  readonly field: (typeof ID_FIELDS)[RecordKind];
  constructor(
    readonly record: RecordKind,
    readonly id: string,
  ) {
    super(`No ${record} with id ${id}.`);
    this.field = ID_FIELDS[record];
  }
}

/** A charge named a counter and an invoice written at another counter: the invoice is charged on its own counter's terminal. */
export class InvoiceOfAnotherCounterError extends Error {
  override readonly name = 'InvoiceOfAnotherCounterError';
  readonly field = 'invoiceId';
  constructor(readonly invoiceNumber: string) {
    super(`Invoice ${invoiceNumber} belongs to another counter.`);
  }
}

/** The field whose value is already taken by another record. */
export type ConflictField = 'terminalId' | 'invoicePrefix' | 'number' | 'invoiceId' | 'requestKey' | 'date';

/**
 * A uniqueness rule refused the write: `record` is what was being written, `field` the value already
 * taken. A charge attempt conflicts on `terminalId` or `invoiceId` when either already has a live payment.
 */
export class ConflictError extends Error {
  override readonly name = 'ConflictError';
  constructor(
    readonly record: RecordKind,
    readonly field: ConflictField,
    message: string,
  ) {
    super(message);
  }
}

/** Why a record's current state does not allow the requested change. */
export type InvalidStateReason =
  | 'invoice_paid'
  | 'invoice_void'
  | 'invoice_needs_review'
  | 'payment_in_progress'
  | 'counter_inactive'
  | 'not_awaiting_review'
  | 'not_held'
  | 'payment_not_paid'
  | 'refund_unsettled'
  | 'invoice_card_payment_pending';

const INVALID_STATE_MESSAGES: Record<InvalidStateReason, string> = {
  invoice_paid: 'This invoice is already paid.',
  invoice_void: 'This invoice is void.',
  invoice_needs_review:
    'An earlier payment on this invoice has an unknown outcome: check the terminal and the Zoho dashboard first.',
  payment_in_progress: 'A payment is in progress.',
  counter_inactive: 'This counter is deactivated.',
  not_awaiting_review: 'Only a payment whose outcome is unknown can be marked as checked.',
  not_held: 'This payment does not hold its terminal: only a charge whose answer was lost does, until its session has surely expired.',
  payment_not_paid: 'Only a paid card or UPI payment can be refunded: this one was not paid.',
  refund_unsettled:
    'An earlier refund of this payment has no answer from Zoho yet. Counter is asking Zoho about it; refund again once it is settled.',
  invoice_card_payment_pending:
    'This invoice has a card or UPI payment that is still running or whose outcome is unknown: wait for it, or have a manager check it, before taking cash.',
};

export class InvalidStateError extends Error {
  override readonly name = 'InvalidStateError';
  constructor(readonly reason: InvalidStateReason) {
    super(INVALID_STATE_MESSAGES[reason]);
  }
}

/** The input field each refusal is about, where there is one. */
export const INVALID_STATE_FIELDS: Partial<Record<InvalidStateReason, string>> = {
  invoice_needs_review: 'confirmChecked',
  payment_not_paid: 'attemptId',
  invoice_card_payment_pending: 'invoiceId',
};

/** A refund for more than is left of the payment (the database also refuses it, by trigger). */
export class RefundExceedsPaymentError extends Error {
  override readonly name = 'RefundExceedsPaymentError';
  readonly field = 'amountMinor';
  constructor(
    readonly leftMinor: number,
    readonly paymentMinor: number,
    readonly currency: Currency,
  ) {
    super(`The refund is more than is left to refund of the payment (${leftMinor} of ${paymentMinor} minor units).`);
  }
}

/** Cash handed over is less than the invoice's total. */
export class TenderTooSmallError extends Error {
  override readonly name = 'TenderTooSmallError';
  readonly field = 'tenderedMinor';
  constructor(
    readonly tenderedMinor: number,
    readonly totalMinor: number,
    readonly currency: Currency,
  ) {
    super(`The amount tendered (${tenderedMinor}) is less than the total (${totalMinor}).`);
  }
}

/** A record of a closed day would be written or changed (the triggers of migration 009 also refuse it). */
export class DayClosedError extends Error {
  override readonly name = 'DayClosedError';
  constructor(
    readonly day: string,
    readonly closedBy: string,
    readonly closedAt: number,
  ) {
    super(`The day ${day} was closed by ${closedBy}: its records cannot change.`);
  }
}


/** A catalogue item's SKU or one of its barcodes already belongs to another item (`holderName`). */
export class CatalogueConflictError extends Error {
  override readonly name = 'CatalogueConflictError';
  constructor(
    readonly field: 'sku' | 'barcodes',
    readonly value: string,
    readonly holderName: string,
  ) {
    super(`${field === 'sku' ? 'SKU' : 'Barcode'} ${value} already belongs to ${holderName}.`);
  }
}
