// Schemas for what Zoho sends back. Every answer is parsed before it is believed; anything that
// does not fit becomes a 'malformed' error rather than a guess. Read generously only where it is
// safe: an amount as a string or a JSON number (both read exactly, contract/money.ts), and a session
// status Counter does not know, which is kept as it came and never settles a payment (assess.ts).
import { z } from 'zod';

/** The statuses Zoho documents; only 'succeeded' and 'failed' are final. */
export const KNOWN_SESSION_STATUSES = ['in_progress', 'succeeded', 'failed'] as const;
export type KnownSessionStatus = (typeof KNOWN_SESSION_STATUSES)[number];

const sessionStatus = z.string().min(1);

/** An amount as Zoho documents it ("1234.50") or as a JSON number (1234.5): kept as sent, parsed exactly where compared. */
const amount = z.union([z.string(), z.number()]);

/** Ids may come as numbers; one beyond 2^53 was already changed by JSON parsing, so it is refused. */
const zohoId = z.union([z.string().min(1), z.number().refine(Number.isSafeInteger, 'id too large to read exactly')]).transform(String);

const unixSeconds = z.union([z.number(), z.string().regex(/^\d+$/).transform(Number)]);

const payment = z.object({
  payment_id: zohoId,
  amount: amount.optional(),
  status: z.string(),
  date: unixSeconds.optional(),
  failure_code: z.string().nullish(),
  payment_method: z.object({ type: z.string(), type_formatted: z.string().optional() }).partial().nullish(),
});

const session = z
  .object({
    payments_session_id: zohoId,
    currency: z.string(),
    amount,
    session_status: sessionStatus,
    created_time: unixSeconds,
    // Seed 003's retrieve examples leave terminal_id out: only compare it when present.
    terminal_id: z.string().optional(),
    // The seeds use both spellings; accept either.
    payments_session_type: z.string().optional(),
    payment_session_type: z.string().optional(),
    invoice_number: z.string().nullish(),
    description: z.string().nullish(),
    payments: z.array(payment).nullish(),
  })
  .refine((s) => (s.payments_session_type ?? s.payment_session_type) === 'pos_payment', {
    message: 'not a pos_payment session',
  });

export const sessionEnvelope = z.object({
  code: z.union([z.literal(0), z.literal('0')]),
  payments_session: session,
});

/**
 * Just the session id of a successful answer whose session does not fit `session`: after a create,
 * that id still lets the app follow the payment instead of losing it. Plain ids only.
 */
export const sessionIdEnvelope = z.object({
  code: z.union([z.literal(0), z.literal('0')]),
  payments_session: z.object({
    payments_session_id: z.union([z.string().regex(/^[A-Za-z0-9_-]{1,64}$/), z.number().int().positive().refine(Number.isSafeInteger)]).transform(String),
  }),
});

/**
 * A refund (Zoho Payments API v1, "Refunds"). `status` is kept as text: a value Zoho adds later is
 * followed like one that is not final, not taken for a broken answer. `date` is unix seconds in the
 * documented example and milliseconds in the attribute table: either is read.
 */
const refund = z.object({
  refund_id: zohoId,
  payment_id: zohoId,
  amount: z.union([z.string(), z.number().transform(String)]),
  status: z.string().min(1),
  reason: z.string().nullish(),
  type: z.string().nullish(),
  description: z.string().nullish(),
  reference_number: z.union([z.string(), z.number().transform(String)]).nullish(),
  network_reference_number: z.union([z.string(), z.number().transform(String)]).nullish(),
  failure_reason: z.string().nullish(),
  date: unixSeconds.optional(),
  meta_data: z.array(z.object({ key: z.string(), value: z.string() })).nullish(),
});

export const refundEnvelope = z.object({
  code: z.union([z.literal(0), z.literal('0')]),
  refund,
});

export const refundsEnvelope = z.object({
  code: z.union([z.literal(0), z.literal('0')]),
  refunds: z.array(refund),
});

export type ZohoRefund = z.output<typeof refund>;

export const errorEnvelope = z.object({
  code: z.union([z.string(), z.number()]).transform(String),
  message: z.string().optional(),
});

export type ZohoSession = z.output<typeof session>;
export type ZohoPayment = z.output<typeof payment>;

export const tokenAnswer = z.object({
  access_token: z.string().min(1),
  refresh_token: z.string().min(1).optional(),
  api_domain: z.string().optional(),
  token_type: z.string().optional(),
  expires_in: z.number().optional(),
  expires_in_sec: z.number().optional(),
  scope: z.string().optional(),
});

export const tokenErrorAnswer = z.object({
  error: z.string(),
  error_description: z.string().optional(),
});
