// Refund requests: a program asks Counter to refund (part of) one of its paid charges. Nothing is
// refunded until a manager approves it on the counter's screen; the program reads how it ended.
import type { IntegrationKey, IntegrationRefundRequest } from '../../contract/records';
import { findRefundRequestByIdempotencyKey, getRefundRequest, insertRefundRequest, waitingRefundRequestMinor } from '../../db/local/integration-refunds';
import { committedRefundMinor, getRefund } from '../../db/local/refund-queries';
import { formatMoney } from '../../contract/money';
import type { Answer } from './charges';
import { readCharge } from './charges';
import type { IntegrationBackend } from './port';
import { refuse } from './replies';
import { fingerprint, idempotencyKey, parseOrRefuse, refundRequestBody } from './requests';

export interface ApiRefundRequest {
  id: string;
  chargeId: string;
  reference: string;
  amountMinor: number;
  currency: IntegrationRefundRequest['currency'];
  reason: IntegrationRefundRequest['reason'];
  note: string | null;
  /** waiting (for a manager on the counter's screen), approved (a refund was made: see refund) or declined. */
  state: IntegrationRefundRequest['state'];
  requestedAt: number;
  decidedAt: number | null;
  /** The refund made on approval, with Zoho's state of it (succeeded, pending, failed…). */
  refund: { id: string; state: string; failure: string | null } | null;
}

function view(api: IntegrationBackend, request: IntegrationRefundRequest): ApiRefundRequest {
  const refund = request.refundId ? getRefund(api.db(), request.refundId) : null;
  return {
    id: request.id,
    chargeId: request.attemptId,
    reference: request.invoiceNumber,
    amountMinor: request.amountMinor,
    currency: request.currency,
    reason: request.reason,
    note: request.note,
    state: request.state,
    requestedAt: request.requestedAt,
    decidedAt: request.decidedAt,
    refund: refund ? { id: refund.id, state: refund.state, failure: refund.failureMessage } : null,
  };
}

export function createRefundRequest(api: IntegrationBackend, key: IntegrationKey, chargeId: string, body: unknown, idempotencyHeader: string | string[] | undefined): Answer {
  const asked = parseOrRefuse(refundRequestBody, body);
  const idempotency = idempotencyKey(idempotencyHeader);
  const print = fingerprint({ chargeId, ...asked });
  const db = api.db();
  const earlier = findRefundRequestByIdempotencyKey(db, key.id, idempotency);
  if (earlier) {
    if (earlier.fingerprint !== print) refuse(422, 'idempotency_key_reused', 'Idempotency-Key was already used for a different request: use a new key for a new refund request.', 'Idempotency-Key');
    return { status: 200, body: view(api, earlier.request), headers: { 'idempotent-replayed': 'true' } };
  }
  const charge = readCharge(db, chargeId, key.id);
  if (charge.state !== 'succeeded') refuse(409, 'not_refundable', 'Only a paid charge can be refunded.', 'id');
  const left = charge.amountMinor - committedRefundMinor(db, chargeId) - waitingRefundRequestMinor(db, chargeId);
  if (asked.amountMinor > left) {
    refuse(422, 'invalid_input', `Amount may be at most ${formatMoney(Math.max(0, left), charge.currency)}: what is left of this charge after its refunds and the requests still waiting.`, 'amountMinor');
  }
  const request = insertRefundRequest(db, {
    keyId: key.id,
    idempotencyKey: idempotency,
    fingerprint: print,
    attemptId: chargeId,
    amountMinor: asked.amountMinor,
    reason: asked.reason,
    note: asked.note ?? null,
    at: api.now(),
  });
  if (!request) return createRefundRequest(api, key, chargeId, body, idempotencyHeader);
  api.emit({ type: 'refund-requests-changed' });
  return { status: 202, body: view(api, request) };
}

export function getRefundRequestAnswer(api: IntegrationBackend, key: IntegrationKey, requestId: string): Answer {
  const request = getRefundRequest(api.db(), requestId);
  if (!request || request.keyId !== key.id) refuse(404, 'not_found', 'There is no refund request with this id made with this key.', 'id');
  return { status: 200, body: view(api, request) };
}
