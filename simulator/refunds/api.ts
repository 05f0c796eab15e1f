// The refunds API (Zoho Payments API v1, "Refunds"), behind the same gate as payment sessions:
//   POST /api/v1/payments/{payment_id}/refunds   create (scope ZohoPay.refunds.CREATE)      → 201 {code, message, refund}
//   GET  /api/v1/refunds/{refund_id}             retrieve (scope ZohoPay.refunds.READ)      → 200 {code, message, refund}
//   GET  /api/v1/payments/{payment_id}/refunds   the payment's refunds (ZohoPay.refunds.READ) → 200 {code, message, refunds}
// See docs/SIMULATOR.md for what is confirmed from Zoho's pages and what is assumed.
import type { SimulatorStats } from '../control/stats';
import { jsonBody } from '../http/params';
import { jsonReply } from '../http/replies';
import type { Handler, SimReply, SimRequest } from '../http/types';
import { API_ERRORS } from '../payments/api-errors';
import { apiErrorReply, type Gate } from '../payments/gate';
import { parseCreateRefundRequest } from './create-request';
import { REFUND_ERRORS, type RefundStore } from './refund-store';
import { wireRefund } from './wire';

export interface RefundsApiDeps {
  gate: Gate;
  refunds: RefundStore;
  stats: SimulatorStats;
}

export function createRefundsApi(deps: RefundsApiDeps): { create: Handler; retrieve: Handler; listForPayment: Handler } {
  const create = (request: SimRequest): SimReply => {
    deps.stats.refunds_requests.create += 1;
    const refused = deps.gate(request, 'refunds', 'CREATE');
    if (refused) return refused;
    const body = jsonBody(request);
    if (!body.ok) return apiErrorReply(API_ERRORS.invalidRequest('The request body is not valid JSON.'));
    const parsed = parseCreateRefundRequest(body.value);
    if (!parsed.ok) return apiErrorReply(parsed.error);
    const created = deps.refunds.create(request.params.payment ?? '', parsed.input);
    if (!created.ok) return apiErrorReply(created.error);
    return jsonReply(201, { code: 0, message: 'success', refund: wireRefund(created.refund) });
  };

  const retrieve = (request: SimRequest): SimReply => {
    deps.stats.refunds_requests.retrieve += 1;
    const refused = deps.gate(request, 'refunds', 'READ');
    if (refused) return refused;
    const refund = deps.refunds.get(request.params.refund ?? '');
    if (!refund) return apiErrorReply(REFUND_ERRORS.refundNotFound());
    return jsonReply(200, { code: 0, message: 'success', refund: wireRefund(refund) });
  };

  const listForPayment = (request: SimRequest): SimReply => {
    deps.stats.refunds_requests.retrieve += 1;
    const refused = deps.gate(request, 'refunds', 'READ');
    if (refused) return refused;
    const found = deps.refunds.forPayment(request.params.payment ?? '');
    if (!found.ok) return apiErrorReply(found.error);
    return jsonReply(200, { code: 0, message: 'success', refunds: found.refunds.map(wireRefund) });
  };

  return { create, retrieve, listForPayment };
}
