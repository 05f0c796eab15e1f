// The create-refund request body (Zoho Payments API v1, "Create Refund"): `amount` (required),
// `reason` (required), `type`, `description`, `meta_data`. The payment is named by the path.
import { z } from 'zod';
import { API_ERRORS, type ApiError } from '../payments/api-errors';
import { amountField, firstIssueMessage, limitedText, metaDataField, required } from '../payments/fields';
import type { MetaDataItem } from '../payments/model';
import { REFUND_REASONS, REFUND_TYPES, type RefundReason, type RefundType } from './model';

export interface CreateRefundInput {
  amount: string;
  reason: RefundReason;
  type: RefundType;
  description: string | null;
  metaData: MetaDataItem[] | null;
}

const createRefundSchema = z.object({
  amount: amountField,
  reason: z.enum(REFUND_REASONS, required('reason', `reason must be one of ${REFUND_REASONS.join(', ')}.`)),
  type: z.enum(REFUND_TYPES, required('type', `type must be one of ${REFUND_TYPES.join(', ')}.`)).optional(),
  description: limitedText('description', 500).optional(),
  meta_data: metaDataField.optional(),
});

export type CreateRefundParse = { ok: true; input: CreateRefundInput } | { ok: false; error: ApiError };

export function parseCreateRefundRequest(body: unknown): CreateRefundParse {
  if (typeof body !== 'object' || body === null || Array.isArray(body)) {
    return { ok: false, error: API_ERRORS.invalidRequest('The request body must be a JSON object.') };
  }
  const parsed = createRefundSchema.safeParse(body);
  if (!parsed.success) return { ok: false, error: API_ERRORS.invalidParameter(firstIssueMessage(parsed.error).message) };
  const data = parsed.data;
  return {
    ok: true,
    input: {
      amount: data.amount,
      reason: data.reason,
      type: data.type ?? 'initiated_by_merchant',
      description: data.description ?? null,
      metaData: data.meta_data ?? null,
    },
  };
}
