// Typed errors the repositories throw, so callers branch on classes and fields, never on message text.
// Those a person may meet carry their own error code and the words shown for them.
import { partTooLargeMessage, shortTenderMessage } from '../../contract/cash';
import { formatDate } from '../../contract/calendar';
import { refundTooLargeMessage } from '../../contract/refund-rules';
import { CodedError } from '../../contract/result';
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

export type RecordKind = 'counter' | 'invoice' | 'chargeAttempt' | 'refund' | 'dayClose' | 'shift' | 'cashier';

/** The input field that names each kind of record by its id. */
const ID_FIELDS = { counter: 'counterId', invoice: 'invoiceId', chargeAttempt: 'attemptId', refund: 'refundId', dayClose: 'date', shift: 'shiftId', cashier: 'cashierId' } as const;

/** Each kind of record as a person calls it. */
const RECORD_LABELS = { counter: 'counter', invoice: 'invoice', chargeAttempt: 'payment', refund: 'refund', dayClose: 'day close', shift: 'shift', cashier: 'cashier' } as const;

/** No record of that kind has that id; `field` is the input field that named it. */
export class NotFoundError extends CodedError {
  override readonly name = 'NotFoundError';
  readonly code = 'not_found';
  override readonly field: (typeof ID_FIELDS)[RecordKind];
  constructor(
    readonly record: RecordKind,
    readonly id: string,
  ) {
    super(`No ${record} with id ${id}.`);
    this.field = ID_FIELDS[record];
  }

  protected override get shownMessage(): string {
    return `That ${RECORD_LABELS[this.record]} does not exist.`;
  }
}

/** A charge named a counter and an invoice written at another counter: the invoice is charged on its own counter's terminal. */
export class InvoiceOfAnotherCounterError extends CodedError {
  override readonly name = 'InvoiceOfAnotherCounterError';
  readonly code = 'invalid_input';
  override readonly field = 'invoiceId';
  constructor(readonly invoiceNumber: string) {
    super(`Invoice ${invoiceNumber} belongs to another counter.`);
  }
}

/** The field whose value is already taken by another record. */
export type ConflictField = 'terminalId' | 'invoicePrefix' | 'number' | 'invoiceId' | 'requestKey' | 'date' | 'counterId' | 'shiftId' | 'name' | 'tenderId';

/**
 * A uniqueness rule refused the write: `record` is what was being written, `field` the value already
 * taken. A charge attempt conflicts on `terminalId` or `invoiceId` when either already has a live payment.
 */
export class ConflictError extends CodedError {
  override readonly name = 'ConflictError';
  readonly code = 'conflict';
  constructor(
    readonly record: RecordKind,
    override readonly field: ConflictField,
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
  | 'refund_needs_review'
  | 'invoice_card_payment_pending'
  | 'invoice_part_paid'
  | 'invoice_no_cash';

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
  refund_needs_review:
    'An earlier refund of this payment needs a manager’s check on Zoho’s dashboard (its history says what to look for). Record whether it was made, then refund again.',
  invoice_card_payment_pending:
    'This invoice has a card or UPI payment that is still running or whose outcome is unknown: wait for it, or have a manager check it, before taking cash.',
  invoice_no_cash: 'This invoice took no cash: refund its card or UPI payment, which goes back through Zoho.',
  invoice_part_paid: 'Part of this invoice is already paid, so it cannot be cancelled: take the balance due, or refund the part paid.',
};

/** The input field each refusal is about, where there is one. */
const INVALID_STATE_FIELDS: Partial<Record<InvalidStateReason, string>> = {
  invoice_needs_review: 'confirmChecked',
  payment_not_paid: 'attemptId',
  invoice_card_payment_pending: 'invoiceId',
  invoice_no_cash: 'invoiceId',
};

export class InvalidStateError extends CodedError {
  override readonly name = 'InvalidStateError';
  readonly code = 'conflict';
  override readonly field: string | undefined;
  constructor(readonly reason: InvalidStateReason) {
    super(INVALID_STATE_MESSAGES[reason]);
    this.field = INVALID_STATE_FIELDS[reason];
  }
}

/** A refund for more than is left of the payment (the database also refuses it, by trigger). */
export class RefundExceedsPaymentError extends CodedError {
  override readonly name = 'RefundExceedsPaymentError';
  readonly code = 'invalid_input';
  override readonly field = 'amountMinor';
  constructor(
    readonly leftMinor: number,
    readonly paymentMinor: number,
    readonly currency: Currency,
  ) {
    super(`The refund is more than is left to refund of the payment (${leftMinor} of ${paymentMinor} minor units).`);
  }

  protected override get shownMessage(): string {
    return refundTooLargeMessage(this.leftMinor, this.paymentMinor, this.currency);
  }
}

/** Cash handed over is less than what is due (the balance, or the part paid in cash). */
export class TenderTooSmallError extends CodedError {
  override readonly name = 'TenderTooSmallError';
  readonly code = 'invalid_input';
  override readonly field = 'tenderedMinor';
  constructor(
    readonly tenderedMinor: number,
    readonly totalMinor: number,
    readonly currency: Currency,
    /** 'due': the whole balance (the total, unless part is paid); 'part': the part paid in cash. */
    readonly what: 'due' | 'part' = 'due',
  ) {
    super(`The amount tendered (${tenderedMinor}) is less than the ${what === 'part' ? 'cash part' : 'amount due'} (${totalMinor}).`);
  }

  protected override get shownMessage(): string {
    return shortTenderMessage(this.tenderedMinor, this.totalMinor, this.currency, this.what);
  }
}

/** A part (split tender: cash, or a card/UPI payment) larger than the balance due. */
export class PartTooLargeError extends CodedError {
  override readonly name = 'PartTooLargeError';
  readonly code = 'invalid_input';
  override readonly field = 'amountMinor';
  constructor(
    /** How the field is named to the cashier: "Cash part", "Card or UPI part". */
    readonly label: string,
    readonly partMinor: number,
    readonly balanceMinor: number,
    readonly currency: Currency,
  ) {
    super(`The ${label.toLowerCase()} (${partMinor}) is more than the balance due (${balanceMinor}).`);
  }

  protected override get shownMessage(): string {
    return partTooLargeMessage(this.label, this.balanceMinor, this.currency);
  }
}

/** A record of a closed day would be written or changed (the triggers of migration 009 also refuse it). */
export class DayClosedError extends CodedError {
  override readonly name = 'DayClosedError';
  readonly code = 'conflict';
  constructor(
    readonly day: string,
    readonly closedBy: string,
    readonly closedAt: number,
  ) {
    super(`The day ${formatDate(day)} was closed by ${closedBy}: its records cannot change.`);
  }

  protected override get shownMessage(): string {
    return `The books for ${formatDate(this.day)} were closed by ${this.closedBy}: nothing more can be recorded for that day.`;
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
