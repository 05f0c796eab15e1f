// Refunds billing programs ask for (migration 015): recorded when asked, listed on the counter's
// screen while they wait, decided once by a manager.
import { randomUUID } from 'node:crypto';
import type { IntegrationRefundRequest } from '../../contract/records';
import type { Currency, RefundReason, RefundRequestState } from '../../contract/vocabulary';
import type { Db } from './database';
import { prepared } from './statements';

export interface NewRefundRequest {
  keyId: string;
  idempotencyKey: string;
  fingerprint: string;
  attemptId: string;
  amountMinor: number;
  reason: RefundReason;
  note: string | null;
  at: number;
}

const REQUEST_COLUMNS = `r.id, r.key_id AS keyId, k.name AS program, r.attempt_id AS attemptId, a.invoice_id AS invoiceId,
  i.number AS invoiceNumber, i.counter_id AS counterId, r.amount_minor AS amountMinor, a.currency AS currency, r.reason, r.note,
  r.requested_at AS requestedAt, r.state, r.decided_at AS decidedAt, r.refund_id AS refundId
  FROM integration_refund_requests r
  JOIN integration_keys k ON k.id = r.key_id
  JOIN charge_attempts a ON a.id = r.attempt_id
  JOIN invoices i ON i.id = a.invoice_id`;

interface RequestRow extends Omit<IntegrationRefundRequest, 'currency' | 'reason' | 'state'> {
  currency: string;
  reason: string;
  state: string;
}

const toRequest = (row: RequestRow): IntegrationRefundRequest => ({
  ...row,
  currency: row.currency as Currency,
  reason: row.reason as RefundReason,
  state: row.state as RefundRequestState,
});

/** Records the request; null when this key already sent one under this Idempotency-Key (see findRefundRequestByIdempotencyKey). */
export function insertRefundRequest(db: Db, request: NewRefundRequest): IntegrationRefundRequest | null {
  const id = randomUUID();
  const { changes } = prepared(
    db,
    `INSERT INTO integration_refund_requests (id, key_id, idempotency_key, fingerprint, attempt_id, amount_minor, reason, note, requested_at)
     VALUES (@id, @keyId, @idempotencyKey, @fingerprint, @attemptId, @amountMinor, @reason, @note, @at)
     ON CONFLICT (key_id, idempotency_key) DO NOTHING`,
  ).run({ id, ...request });
  return changes === 1 ? getRefundRequest(db, id) : null;
}

/** The request this key sent under this Idempotency-Key, with the fingerprint of what it asked. */
export function findRefundRequestByIdempotencyKey(db: Db, keyId: string, idempotencyKey: string): { request: IntegrationRefundRequest; fingerprint: string } | null {
  const row = prepared<[string, string], { id: string; fingerprint: string }>(
    db,
    'SELECT id, fingerprint FROM integration_refund_requests WHERE key_id = ? AND idempotency_key = ?',
  ).get(keyId, idempotencyKey);
  const request = row ? getRefundRequest(db, row.id) : null;
  return row && request ? { request, fingerprint: row.fingerprint } : null;
}

/** What is asked and still waiting for a manager on one payment. */
export function waitingRefundRequestMinor(db: Db, attemptId: string): number {
  return (
    prepared<[string], { total: number }>(db, `SELECT COALESCE(SUM(amount_minor), 0) AS total FROM integration_refund_requests WHERE attempt_id = ? AND state = 'waiting'`).get(attemptId)
      ?.total ?? 0
  );
}

export function getRefundRequest(db: Db, id: string): IntegrationRefundRequest | null {
  const row = prepared<[string], RequestRow>(db, `SELECT ${REQUEST_COLUMNS} WHERE r.id = ?`).get(id);
  return row ? toRequest(row) : null;
}

/** The requests still waiting for a manager, oldest first; of one counter when named. */
export function listWaitingRefundRequests(db: Db, counterId: string | null): IntegrationRefundRequest[] {
  return prepared<[{ counterId: string | null }], RequestRow>(
    db,
    `SELECT ${REQUEST_COLUMNS} WHERE r.state = 'waiting' AND (@counterId IS NULL OR i.counter_id = @counterId) ORDER BY r.requested_at, r.id`,
  )
    .all({ counterId })
    .map(toRequest);
}

/** Records the manager's decision; false when the request was no longer waiting (decided elsewhere first). */
export function decideRefundRequest(db: Db, decision: { id: string; state: 'approved' | 'declined'; refundId: string | null; at: number }): boolean {
  const { changes } = prepared(
    db,
    `UPDATE integration_refund_requests SET state = @state, refund_id = @refundId, decided_at = @at WHERE id = @id AND state = 'waiting'`,
  ).run({ ...decision });
  return changes === 1;
}
