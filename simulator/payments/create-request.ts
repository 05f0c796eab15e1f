// The create request body: its rules (seeds 000 and 002, the API contract) and the error each
// broken rule answers with. The first broken rule, in field order, is the one reported.
import { z } from 'zod';
import { API_ERRORS, type ApiError } from './api-errors';
import { amountField, firstIssueMessage, limitedText, metaDataField, required } from './fields';
import type { MetaDataItem, PaymentMethodType } from './model';

export interface CreateSessionInput {
  amount: string;
  currency: string;
  terminalId: string;
  invoiceNumber: string | null;
  description: string | null;
  metaData: MetaDataItem[] | null;
  requestedMethod: PaymentMethodType | null;
}

const createSchema = z.object({
  amount: amountField,
  currency: z
    .string(required('currency', 'currency must be a string.'))
    .regex(/^[A-Z]{3}$/, { error: 'currency must be a three-letter ISO 4217 code, such as INR.' }),
  type: z.literal('pos_payment', required('type', 'type must be "pos_payment".')),
  terminal_id: z.string(required('terminal_id', 'terminal_id must be a string.')).min(1, { error: 'terminal_id is required.' }),
  invoice_number: limitedText('invoice_number', 50).optional(),
  description: limitedText('description', 500).optional(),
  meta_data: metaDataField.optional(),
  payment_method_details: z
    .object(
      { type: z.enum(['card', 'upi'], required('payment_method_details.type', 'payment_method_details.type must be "card" or "upi".')) },
      { error: 'payment_method_details must be an object.' },
    )
    .optional(),
});

export type CreateParse = { ok: true; input: CreateSessionInput } | { ok: false; error: ApiError };

export function parseCreateRequest(body: unknown): CreateParse {
  if (typeof body !== 'object' || body === null || Array.isArray(body)) {
    return { ok: false, error: API_ERRORS.invalidRequest('The request body must be a JSON object.') };
  }
  const parsed = createSchema.safeParse(body);
  if (!parsed.success) {
    const { message, path } = firstIssueMessage(parsed.error);
    const error = path === 'currency' ? API_ERRORS.invalidCurrency(message) : API_ERRORS.invalidParameter(message);
    return { ok: false, error };
  }
  const data = parsed.data;
  return {
    ok: true,
    input: {
      amount: data.amount,
      currency: data.currency,
      terminalId: data.terminal_id,
      invoiceNumber: data.invoice_number ?? null,
      description: data.description ?? null,
      metaData: data.meta_data ?? null,
      requestedMethod: data.payment_method_details?.type ?? null,
    },
  };
}
