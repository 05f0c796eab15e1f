// Field rules shared by the payments API's request bodies (sessions and refunds): how `amount`,
// text fields and `meta_data` are checked, and the message each broken rule answers with.
import { z } from 'zod';
import { amountText } from './amount';

/** "<field> is required." when absent, else `wrongType`. */
export function required(field: string, wrongType: string) {
  return { error: (issue: { input: unknown }) => (issue.input === undefined ? `${field} is required.` : wrongType) };
}

export function limitedText(field: string, max: number) {
  return z
    .string(required(field, `${field} must be a string.`))
    .max(max, { error: `${field} can be at most ${max} characters long.` });
}

const AMOUNT_PROBLEMS = {
  not_positive: 'amount must be greater than 0.',
  too_many_decimals: 'amount can have at most 2 decimal places, such as 100.5.',
} as const;

/** A JSON number > 0 with at most two decimals, turned into its two-decimal text ("100.50"). */
export const amountField = z.number(required('amount', 'amount must be a JSON number, such as 100.5.')).transform((value, context) => {
  const checked = amountText(value);
  if (checked.ok) return checked.text;
  context.addIssue({ code: 'custom', message: AMOUNT_PROBLEMS[checked.problem], input: value });
  return z.NEVER;
});

/** At most 5 `{key ≤ 20, value ≤ 500}` items. */
export const metaDataField = z
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
  .max(5, { error: 'meta_data can have at most 5 items.' });

/** The first issue zod found, as the API's error message. */
export function firstIssueMessage(error: z.ZodError): { message: string; path: PropertyKey | undefined } {
  const issue = error.issues[0];
  return { message: issue?.message ?? 'The request is invalid.', path: issue?.path[0] };
}
