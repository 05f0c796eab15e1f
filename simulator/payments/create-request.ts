// The create request body: its rules (seeds 000 and 002, the API contract) and the error each
// broken rule answers with. The first broken rule, in field order, is the one reported.
import { z } from 'zod';
import { amountText } from './amount';
import { API_ERRORS, type ApiError } from './api-errors';
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

/** "<field> is required." when absent, else `wrongType`. */
function required(field: string, wrongType: string) {
  return { error: (issue: { input: unknown }) => (issue.input === undefined ? `${field} is required.` : wrongType) };
}

function limitedText(field: string, max: number) {
  return z
    .string(required(field, `${field} must be a string.`))
    .max(max, { error: `${field} can be at most ${max} characters long.` });
}

const AMOUNT_PROBLEMS = {
  not_positive: 'amount must be greater than 0.',
  too_many_decimals: 'amount can have at most 2 decimal places, such as 100.5.',
} as const;

const createSchema = z.object({
  amount: z.number(required('amount', 'amount must be a JSON number, such as 100.5.')).transform((value, context) => {
    const checked = amountText(value);
    if (checked.ok) return checked.text;
    context.addIssue({ code: 'custom', message: AMOUNT_PROBLEMS[checked.problem], input: value });
    return z.NEVER;
  }),
  currency: z
    .string(required('currency', 'currency must be a string.'))
    .regex(/^[A-Z]{3}$/, { error: 'currency must be a three-letter ISO 4217 code, such as INR.' }),
  type: z.literal('pos_payment', required('type', 'type must be "pos_payment".')),
  terminal_id: z.string(required('terminal_id', 'terminal_id must be a string.')).min(1, { error: 'terminal_id is required.' }),
  invoice_number: limitedText('invoice_number', 50).optional(),
  description: limitedText('description', 500).optional(),
  meta_data: z
    .array(
      z.object(
        {
          key: limitedText('meta_data key', 20).min(1, { error: 'meta_data key must not be empty.' }),
          value: limitedText('meta_data value', 500),
        },
        { error: 'Each meta_data item must be an object with a key and a value.' },
      ),
      { error: 'meta_data must be an array of {key, value} objects.' },
    )
    .max(5, { error: 'meta_data can have at most 5 items.' })
    .optional(),
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
    const issue = parsed.error.issues[0];
    const message = issue?.message ?? 'The request is invalid.';
    const error = issue?.path[0] === 'currency' ? API_ERRORS.invalidCurrency(message) : API_ERRORS.invalidParameter(message);
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
