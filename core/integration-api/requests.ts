// What the integration API accepts: each body and query parsed by a schema, each refusal naming the
// field and the rule.
import { createHash } from 'node:crypto';
import { z } from 'zod';
import { isoDate, minorAmount, paymentMethod, refundNote, refundReason } from '../../contract/fields';
import { CURRENCIES } from '../../contract/vocabulary';
import { refuse } from './replies';

const reference = z
  .string({ error: (issue) => (issue.input === undefined ? 'Reference is required' : 'Reference must be text') })
  .trim()
  .min(1, 'Reference is required')
  .max(50, 'Reference must be at most 50 characters')
  .regex(/^[A-Za-z0-9/_.#-]+$/, 'Reference may only use letters, digits and - / _ . # (it becomes the invoice number)');

export const chargeRequest = z.strictObject({
  reference,
  amountMinor: minorAmount,
  currency: z.enum(CURRENCIES, { error: `Currency must be one of ${CURRENCIES.join(', ')}` }),
  counter: z
    .string({ error: 'Counter is required: its name as on the screen, or its id' })
    .trim()
    .min(1, 'Counter is required: its name as on the screen, or its id')
    .max(64, 'Counter must be at most 64 characters'),
  method: paymentMethod,
});
export type ChargeRequest = z.output<typeof chargeRequest>;

export const chargeListQuery = z.strictObject({
  date: isoDate.optional(),
  reference: reference.optional(),
});

/** A refund a program asks for: a manager approves or declines it on the counter's screen. */
export const refundRequestBody = z.strictObject({
  amountMinor: minorAmount,
  reason: refundReason.default('requested_by_customer'),
  note: refundNote.optional(),
});

const WAIT_MAX_SECONDS = 60;
export const chargeReadQuery = z.strictObject({
  wait: z.coerce
    .number({ error: 'Wait must be a number of seconds' })
    .int('Wait must be a whole number of seconds')
    .min(0, 'Wait must be at least 0 seconds')
    .max(WAIT_MAX_SECONDS, `Wait must be at most ${WAIT_MAX_SECONDS} seconds`)
    .optional(),
});

/** Parses `input` or refuses (422), naming the first field at fault and its rule. */
export function parseOrRefuse<T extends z.ZodType>(schema: T, input: unknown): z.output<T> {
  const parsed = schema.safeParse(input);
  if (parsed.success) return parsed.data;
  const issue = parsed.error.issues[0];
  const field = issue?.code === 'unrecognized_keys' ? issue.keys[0] : issue?.path.join('.');
  const message = issue?.code === 'unrecognized_keys' ? `Unknown field: ${issue.keys.join(', ')}` : (issue?.message ?? 'Not valid');
  return refuse(422, 'invalid_input', message, field || undefined);
}

const IDEMPOTENCY_KEY = /^[A-Za-z0-9_.:-]{8,100}$/;

/** The Idempotency-Key header every charge (and refund) request carries, so a retry never makes a second one. */
export function idempotencyKey(header: string | string[] | undefined): string {
  const value = Array.isArray(header) ? header[0] : header;
  if (value === undefined) refuse(400, 'invalid_input', 'Idempotency-Key is required: send a new one for each charge, and the same one when you retry it.', 'Idempotency-Key');
  if (!IDEMPOTENCY_KEY.test(value)) refuse(400, 'invalid_input', 'Idempotency-Key must be 8 to 100 letters, digits or _ . : -', 'Idempotency-Key');
  return value;
}

/** The same request gives the same fingerprint, whatever the order of its fields. */
export function fingerprint(request: object): string {
  const ordered = Object.fromEntries(Object.entries(request).sort(([a], [b]) => a.localeCompare(b)));
  return createHash('sha256').update(JSON.stringify(ordered)).digest('hex');
}
