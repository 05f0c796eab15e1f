// Cash at the till, the same for the screen and the backend: what is said when too little is handed
// over, and the amounts a customer is likely to hand over for a total (the exact sum, then the
// total rounded up to each of the common notes).
import { formatMoney } from './money';
import type { Currency } from './vocabulary';

export function shortTenderMessage(tenderedMinor: number, dueMinor: number, currency: Currency, what: 'due' | 'part' = 'due'): string {
  const due = what === 'part' ? 'the part paid in cash' : 'the total';
  return `Amount tendered (${formatMoney(tenderedMinor, currency)}) must be at least ${due}, ${formatMoney(dueMinor, currency)}.`;
}

/** Split tender: a part ("Cash part", "Card or UPI part") larger than what is still due. */
export function partTooLargeMessage(label: string, balanceMinor: number, currency: Currency): string {
  return `${label} must be at most the balance due, ${formatMoney(balanceMinor, currency)}.`;
}

/** The notes a customer pays a bill with, in minor units: ₹100/₹200/₹500/₹2,000; $5/$10/$20/$50/$100. */
export const ROUND_NOTES: Readonly<Record<Currency, readonly number[]>> = {
  INR: [10_000, 20_000, 50_000, 200_000],
  USD: [500, 1_000, 2_000, 5_000, 10_000],
};

/** At most this many round amounts are offered besides the exact one. */
export const MAX_ROUND_AMOUNTS = 3;

/**
 * The amounts to offer for `totalMinor`: the total rounded up to each note, above the total, without
 * repeats, smallest first; when there are more than MAX_ROUND_AMOUNTS, the smallest and the largest
 * ones are kept (the next note up, and the big note a customer often hands over).
 */
export function roundAmounts(totalMinor: number, currency: Currency): number[] {
  if (totalMinor <= 0) return [];
  const amounts = [...new Set(ROUND_NOTES[currency].map((note) => Math.ceil(totalMinor / note) * note))]
    .filter((amount) => amount > totalMinor)
    .sort((a, b) => a - b);
  if (amounts.length <= MAX_ROUND_AMOUNTS) return amounts;
  return [amounts[0] as number, ...amounts.slice(amounts.length - (MAX_ROUND_AMOUNTS - 1))];
}
