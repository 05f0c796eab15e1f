// Another PC's paid payment, refunded from this PC of a store (migration 027): what the store said of
// it when the refund was made, kept beside the refund (its invoice's number, what was paid).
import type { Currency } from '../../contract/vocabulary';
import type { Db } from './database';
import { prepared } from './statements';

/** A paid card/UPI payment another PC of the store took, as the store's ledger holds it. */
export interface PaymentElsewhere {
  attemptId: string;
  stationId: string;
  invoiceId: string;
  invoiceNumber: string;
  counterId: string;
  paymentId: string;
  amountMinor: number;
  currency: Currency;
}

/** Keeps the payment (once: a paid payment does not change) inside the caller's transaction, and returns it as kept. */
export function keepPaymentElsewhere(db: Db, payment: PaymentElsewhere, at: number): PaymentElsewhere {
  prepared<[PaymentElsewhere & { at: number }]>(
    db,
    `INSERT INTO remote_payments (attempt_id, station_id, invoice_id, invoice_number, counter_id, payment_id, amount_minor, currency, seen_at)
     VALUES (@attemptId, @stationId, @invoiceId, @invoiceNumber, @counterId, @paymentId, @amountMinor, @currency, @at)
     ON CONFLICT (attempt_id) DO NOTHING`,
  ).run({ ...payment, at });
  const kept = prepared<[string], PaymentElsewhere>(
    db,
    `SELECT attempt_id AS attemptId, station_id AS stationId, invoice_id AS invoiceId, invoice_number AS invoiceNumber, counter_id AS counterId,
            payment_id AS paymentId, amount_minor AS amountMinor, currency
     FROM remote_payments WHERE attempt_id = ?`,
  ).get(payment.attemptId);
  if (!kept) throw new Error(`remote payment ${payment.attemptId} was not kept`);
  return kept;
}
