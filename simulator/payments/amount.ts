// `amount` arrives as a JSON number and goes back as a string with two decimals ("100.50").
// Conversions work on the number's shortest decimal text, so no float arithmetic is involved.

const PLAIN_DECIMAL = /^(\d+)(?:\.(\d{1,2}))?$/;

export type AmountCheck = { ok: true; text: string } | { ok: false; problem: 'not_positive' | 'too_many_decimals' };

/** For a finite number: its two-decimal text, or why it is refused. */
export function amountText(value: number): AmountCheck {
  if (!(value > 0)) return { ok: false, problem: 'not_positive' };
  // String(1e21) is "1e+21" and String(1e-7) is "1e-7": neither is a plain decimal, so both fail.
  const match = PLAIN_DECIMAL.exec(String(value));
  if (!match) return { ok: false, problem: 'too_many_decimals' };
  const [, whole = '0', fraction = ''] = match;
  return { ok: true, text: `${whole}.${fraction.padEnd(2, '0')}` };
}

/** "100.50" (the two-decimal text this module writes) → 10050, by string operations only. */
export function textToMinor(text: string): number {
  const [whole = '0', fraction = ''] = text.split('.');
  return Number(whole) * 100 + Number(fraction.padEnd(2, '0').slice(0, 2));
}
