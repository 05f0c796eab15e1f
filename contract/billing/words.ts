// An amount in words, for the receipt's "total in words": Indian style (lakh and crore) for
// rupees, US style (thousand and million) for dollars. Title case, hyphenated tens
// ("Twenty-Three"), no "and" inside numbers.
//   INR 12345050 → "Rupees One Lakh Twenty-Three Thousand Four Hundred Fifty and Paise Fifty Only"
//   USD 12345050 → "One Hundred Twenty-Three Thousand Four Hundred Fifty Dollars and Fifty Cents"
// Pure TypeScript: used by the renderer and the backend alike.
import type { Currency } from '../vocabulary';

const ONES = [
  'Zero', 'One', 'Two', 'Three', 'Four', 'Five', 'Six', 'Seven', 'Eight', 'Nine', 'Ten',
  'Eleven', 'Twelve', 'Thirteen', 'Fourteen', 'Fifteen', 'Sixteen', 'Seventeen', 'Eighteen', 'Nineteen',
] as const;
const TENS = ['', '', 'Twenty', 'Thirty', 'Forty', 'Fifty', 'Sixty', 'Seventy', 'Eighty', 'Ninety'] as const;

/** 0-99 in words: "Seven", "Forty", "Twenty-Three". */
function belowHundred(n: number): string {
  if (n < 20) return ONES[n] ?? '';
  const tens = TENS[Math.floor(n / 10)] ?? '';
  return n % 10 === 0 ? tens : `${tens}-${ONES[n % 10] ?? ''}`;
}

/** 1-999 in words: "Four Hundred Fifty". */
function belowThousand(n: number): string {
  const hundreds = Math.floor(n / 100);
  const rest = n % 100;
  const parts: string[] = [];
  if (hundreds > 0) parts.push(`${ONES[hundreds] ?? ''} Hundred`);
  if (rest > 0) parts.push(belowHundred(rest));
  return parts.join(' ');
}

/** A whole number in Indian words: crore (10^7), lakh (10^5), thousand, hundred. */
export function indianNumberWords(n: number): string {
  assertWhole(n);
  if (n === 0) return 'Zero';
  const parts: string[] = [];
  const crore = Math.floor(n / 10_000_000);
  const lakh = Math.floor((n % 10_000_000) / 100_000);
  const thousand = Math.floor((n % 100_000) / 1000);
  const rest = n % 1000;
  // More than 99 crore is said as a number of crores ("One Hundred Crore").
  if (crore > 0) parts.push(`${indianNumberWords(crore)} Crore`);
  if (lakh > 0) parts.push(`${belowHundred(lakh)} Lakh`);
  if (thousand > 0) parts.push(`${belowHundred(thousand)} Thousand`);
  if (rest > 0) parts.push(belowThousand(rest));
  return parts.join(' ');
}

const SCALES = ['', 'Thousand', 'Million', 'Billion', 'Trillion'] as const;

/** A whole number in US words: trillion, billion, million, thousand, hundred. */
export function usNumberWords(n: number): string {
  assertWhole(n);
  if (n === 0) return 'Zero';
  const parts: string[] = [];
  let rest = n;
  for (let scale = 0; rest > 0; scale += 1) {
    const group = rest % 1000;
    if (group > 0) parts.unshift(SCALES[scale] ? `${belowThousand(group)} ${SCALES[scale]}` : belowThousand(group));
    rest = Math.floor(rest / 1000);
  }
  return parts.join(' ');
}

function assertWhole(n: number): void {
  if (!Number.isSafeInteger(n) || n < 0 || n >= 1e15) throw new RangeError(`Not a whole number that can be said in words: ${n}`);
}

/** An amount in minor units, in words, in the currency's own style. */
export function amountInWords(minor: number, currency: Currency): string {
  assertWhole(minor);
  const major = Math.floor(minor / 100);
  const cents = minor % 100;
  if (currency === 'INR') {
    const paise = cents > 0 ? ` and Paise ${belowHundred(cents)}` : '';
    return `Rupees ${indianNumberWords(major)}${paise} Only`;
  }
  const dollars = `${usNumberWords(major)} ${major === 1 ? 'Dollar' : 'Dollars'}`;
  return cents > 0 ? `${dollars} and ${belowHundred(cents)} ${cents === 1 ? 'Cent' : 'Cents'}` : dollars;
}
