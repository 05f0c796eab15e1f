// A charge's write-ahead, in one file: the attempt is written (`creating`) before Zoho is asked, in
// one transaction whose one statement reads everything the charge may not go ahead without (the
// invoice and its balance due, its counter, the invoice's earlier attempts for the review rule, what takes the invoice
// or the terminal, the closes of the two days); then, once Zoho has made the session, its id. Each
// returns the attempt as written, with nothing read back.
import { randomUUID } from 'node:crypto';
import { invoiceAwaitsReview, type ChargeAttempt, type Counter } from '../../contract/records';
import type { AttemptState, Currency, InvoiceStatus, PaymentMethod } from '../../contract/vocabulary';
import type { Db } from './database';
import { DayClosedError, InvalidStateError, InvoiceOfAnotherCounterError, NotFoundError, PartTooLargeError } from './errors';
import { APPEND_ATTEMPT_EVENT_SQL, type NewAttemptEvent } from './events';
import { paidMinorOf } from './invoices';
import { refuseTaken, TAKEN_CONDITION, takenFrom, type TakingRow } from './live-attempts';
import { assertRelearned } from './relearn';
import { inWriteTransaction, prepared } from './statements';

export interface NewChargeAttempt {
  invoiceId: string;
  /** The counter charging: its current terminal receives the payment. */
  counterId: string;
  method: PaymentMethod;
  /** Split tender: the part of the balance due to charge (at most the balance). By default, the whole balance. */
  amountMinor?: number;
  /**
   * A person has checked the outcome of an earlier attempt on this invoice that is unknown or
   * unresolved. Without it such an invoice is refused, since the customer may already have paid.
   */
  reviewAcknowledged?: boolean;
  at: number;
  actor: string;
}

/** The new attempt, and the counter as it was read in the same transaction. */
export interface CreatedAttempt {
  attempt: ChargeAttempt;
  counter: Counter;
}

/** What the write-ahead reads, in one row (the invoice's and counter's columns null when there is none). */
interface Facts {
  invoice_number: string | null;
  /** The cashier named on the invoice, if any. */
  invoice_cashier: string | null;
  invoice_counter_id: string;
  invoice_status: InvoiceStatus;
  /** The invoice's total less what its parts have paid (the total when nothing is paid). */
  balance_due_minor: number;
  currency: Currency;
  invoice_created_at: number;
  counter_id: string | null;
  counter_name: string;
  terminal_id: string;
  invoice_prefix: string;
  counter_active: 0 | 1;
  counter_created_at: number;
  /** JSON: the invoice's attempts in the order made, as [state, reviewed (0/1), has a session (0/1)]. */
  earlier: string;
  /** JSON {state, hold_until} of another attempt that takes the invoice / the terminal, or null. */
  invoice_taken: string | null;
  terminal_taken: string | null;
  /** JSON [day, closed_by, created_at] of a closed day covering `at`, and of one covering the invoice's creation. */
  close_now: string | null;
  close_of_invoice: string | null;
}

const takenOf = (column: string, value: string) => `
  SELECT json_object('state', state, 'hold_until', hold_until) FROM charge_attempts WHERE ${column} = ${value} AND (${TAKEN_CONDITION}) LIMIT 1`;
const closeCovering = (at: string) => `
  SELECT json_array(day, closed_by, created_at) FROM day_closes WHERE from_ms <= ${at} AND to_ms > ${at} LIMIT 1`;

const READ_FACTS = `
  SELECT i.number AS invoice_number, i.cashier AS invoice_cashier, i.counter_id AS invoice_counter_id, i.status AS invoice_status,
         i.total_minor - ${paidMinorOf('i.id')} AS balance_due_minor, i.currency, i.created_at AS invoice_created_at,
         c.id AS counter_id, c.name AS counter_name, c.terminal_id, c.invoice_prefix,
         c.active AS counter_active, c.created_at AS counter_created_at,
         (SELECT json_group_array(json_array(state, reviewed_at IS NOT NULL, payments_session_id IS NOT NULL) ORDER BY rowid)
            FROM charge_attempts WHERE invoice_id = i.id) AS earlier,
         (${takenOf('invoice_id', 'i.id')}) AS invoice_taken,
         (${takenOf('terminal_id', 'c.terminal_id')}) AS terminal_taken,
         (${closeCovering('@at')}) AS close_now,
         (${closeCovering('i.created_at')}) AS close_of_invoice
  FROM (SELECT @invoiceId AS invoice_id, @counterId AS counter_id) AS asked
  LEFT JOIN invoices AS i ON i.id = asked.invoice_id
  LEFT JOIN counters AS c ON c.id = asked.counter_id`;

type AttemptInsert = Pick<ChargeAttempt, 'id' | 'invoiceId' | 'counterId' | 'terminalId' | 'amountMinor' | 'currency' | 'method'> & { at: number };

const INSERT_ATTEMPT = `
  INSERT INTO charge_attempts
    (id, invoice_id, counter_id, terminal_id, amount_minor, currency, method, state, created_at, updated_at)
  VALUES (@id, @invoiceId, @counterId, @terminalId, @amountMinor, @currency, @method, 'creating', @at, @at)`;

/**
 * Records the attempt in state 'creating', before Zoho is asked: the amount is the invoice's balance
 * due (its total, unless part was paid) or the part of it asked for (split tender), the currency the invoice's, the terminal the counter's, and its first event says which method on which terminal.
 * Throws NotFoundError for an unknown invoice or counter; InvoiceOfAnotherCounterError when the
 * invoice was written at another counter; InvalidStateError when the invoice is paid, void or awaits
 * review, or the counter is inactive; ConflictError (field invoiceId or terminalId) when the invoice
 * or the terminal already has a live payment or is held; DayClosedError when the day of `at` or of
 * the invoice is closed; PartTooLargeError for a part over the balance due.
 */
export function insertCreatingAttempt(db: Db, input: NewChargeAttempt): CreatedAttempt {
  return inWriteTransaction(db, () => {
    const facts = prepared<[{ invoiceId: string; counterId: string; at: number }], Facts>(db, READ_FACTS).get({
      invoiceId: input.invoiceId,
      counterId: input.counterId,
      at: input.at,
    });
    if (!facts?.invoice_number) throw new NotFoundError('invoice', input.invoiceId);
    if (facts.counter_id === null) throw new NotFoundError('counter', input.counterId);
    const invoiceNumber = facts.invoice_number;
    assertRelearned(db, facts.invoice_created_at, 'invoiceId');
    if (facts.invoice_counter_id !== facts.counter_id) throw new InvoiceOfAnotherCounterError(invoiceNumber);
    if (facts.invoice_status === 'paid') throw new InvalidStateError('invoice_paid');
    if (facts.invoice_status === 'void') throw new InvalidStateError('invoice_void');
    if (facts.balance_due_minor <= 0) throw new RangeError(`Invoice ${invoiceNumber} has nothing to charge.`);
    if (facts.counter_active !== 1) throw new InvalidStateError('counter_inactive');
    if (!input.reviewAcknowledged && awaitsReview(facts.earlier)) throw new InvalidStateError('invoice_needs_review');
    if (facts.invoice_taken || facts.terminal_taken) {
      refuseTaken(
        { invoiceId: input.invoiceId, invoiceNumber, terminalId: facts.terminal_id },
        { invoice: taken(facts.invoice_taken), terminal: taken(facts.terminal_taken) },
        input.at,
      );
    }
    // The attempt is today's record, and paying changes the invoice: both days must be open.
    for (const close of [facts.close_now, facts.close_of_invoice]) {
      if (close) throw new DayClosedError(...(JSON.parse(close) as [string, string, number]));
    }
    // Read in this transaction with the live payments: the parts never add up to more than the total.
    const amountMinor = input.amountMinor ?? facts.balance_due_minor;
    if (amountMinor > facts.balance_due_minor) throw new PartTooLargeError('Card or UPI part', amountMinor, facts.balance_due_minor, facts.currency);

    const attempt: ChargeAttempt = {
      id: randomUUID(),
      invoiceId: input.invoiceId,
      invoiceNumber,
      counterId: facts.counter_id,
      terminalId: facts.terminal_id,
      amountMinor,
      currency: facts.currency,
      method: input.method,
      paymentsSessionId: null,
      state: 'creating',
      failureCode: null,
      failureMessage: null,
      paymentId: null,
      paidMethod: null,
      declinedTries: [],
      mismatch: null,
      createdAt: input.at,
      updatedAt: input.at,
      finalAt: null,
      lastPolledAt: null,
      pollCount: 0,
      sessionCreatedAt: null,
      review: null,
      hold: null,
      ...(facts.invoice_cashier ? { cashier: facts.invoice_cashier } : {}),
    };
    prepared<[AttemptInsert]>(db, INSERT_ATTEMPT).run({ ...attempt, at: input.at });
    const reason = `Charge ${input.method} on terminal ${attempt.terminalId}`;
    prepared<[NewAttemptEvent]>(db, APPEND_ATTEMPT_EVENT_SQL).run({ attemptId: attempt.id, fromState: null, toState: 'creating', at: input.at, actor: input.actor, reason });
    const counter: Counter = {
      id: facts.counter_id,
      name: facts.counter_name,
      terminalId: facts.terminal_id,
      invoicePrefix: facts.invoice_prefix,
      active: true,
      createdAt: facts.counter_created_at,
    };
    return { attempt, counter };
  });
}

export interface SessionCreated {
  paymentsSessionId: string;
  /** When the session was created (unix ms, this computer's clock: the 3-minute countdown runs on it). */
  sessionCreatedAt: number;
  at: number;
}

const RECORD_SESSION = `
  UPDATE charge_attempts SET state = 'in_progress', payments_session_id = @paymentsSessionId,
         session_created_at = @sessionCreatedAt, updated_at = @at
  WHERE id = @attemptId AND state = 'creating'`;

/**
 * creating → in_progress once Zoho has created the session: a compare-and-set on the state, with its
 * event. Returns the attempt as it now stands, or null if it was no longer creating.
 */
export function recordSessionCreated(db: Db, attempt: ChargeAttempt, session: SessionCreated): ChargeAttempt | null {
  return inWriteTransaction(db, () => {
    const { changes } = prepared<[SessionCreated & { attemptId: string }]>(db, RECORD_SESSION).run({ ...session, attemptId: attempt.id });
    if (changes === 0) return null;
    const reason = `Payment session ${session.paymentsSessionId} created`;
    prepared<[NewAttemptEvent]>(db, APPEND_ATTEMPT_EVENT_SQL).run({ attemptId: attempt.id, fromState: 'creating', toState: 'in_progress', at: session.at, actor: 'zoho', reason });
    const { paymentsSessionId, sessionCreatedAt, at } = session;
    return { ...attempt, state: 'in_progress', paymentsSessionId, sessionCreatedAt, updatedAt: at };
  });
}

/** The invoice's attempts, in the order made, awaiting a person's check (the contract's rule). */
function awaitsReview(earlier: string): boolean {
  const attempts = (JSON.parse(earlier) as [AttemptState, 0 | 1, 0 | 1][]).map(([state, reviewed, withSession]) => ({
    state,
    review: reviewed ? { at: 0, note: '' } : null,
    paymentsSessionId: withSession ? '' : null,
  }));
  return invoiceAwaitsReview(attempts);
}

function taken(row: string | null) {
  return row === null ? null : takenFrom(JSON.parse(row) as TakingRow);
}
