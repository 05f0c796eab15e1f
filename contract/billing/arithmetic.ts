// The integer arithmetic every billing rule shares: one rounding rule and one way to split an
// amount into parts that add up exactly. Pure TypeScript (no Node, no DOM).
//
// Intermediate products go through BigInt: a unit price (up to 10^9 minor units) times a quantity
// in thousandths (up to 10^8) is past Number.MAX_SAFE_INTEGER, and a float would lose the paisa.
// Every result handed back is a safe integer again.

/**
 * numerator / denominator, rounded to the nearest whole number with halves rounded UP (0.5 → 1),
 * for a non-negative numerator and a positive denominator. This is the app's one rounding rule
 * for money (see README.md, "Rounding"): the same convention Section 170 of the CGST Act uses
 * for rupees ("fifty paise or more ... increased to one rupee"), applied here at the paisa.
 */
export function divideRoundHalfUp(numerator: bigint, denominator: bigint): bigint {
  if (denominator <= 0n) throw new RangeError('divideRoundHalfUp: the denominator must be positive');
  if (numerator < 0n) throw new RangeError('divideRoundHalfUp: the numerator must not be negative');
  return (numerator * 2n + denominator) / (denominator * 2n);
}

/** BigInt back to number, refusing anything that would not be exact. */
export function toSafeNumber(value: bigint): number {
  if (value > BigInt(Number.MAX_SAFE_INTEGER) || value < BigInt(Number.MIN_SAFE_INTEGER)) {
    throw new RangeError(`toSafeNumber: ${value} is outside the safe integer range`);
  }
  return Number(value);
}

/**
 * Splits `amount` over `weights` in proportion, in whole units, so the parts add up to `amount`
 * exactly (largest remainder method). Each part first gets floor(amount × weight / total); the
 * units left over go one each to the parts with the largest remainders, ties to the earlier part.
 * Deterministic: the same input always gives the same parts. With amount ≤ total, no part exceeds
 * its weight. All weights zero: everything goes to nothing, so amount must be 0.
 */
export function splitInProportion(amount: number, weights: readonly number[]): number[] {
  if (!Number.isSafeInteger(amount) || amount < 0) throw new RangeError(`splitInProportion: bad amount ${amount}`);
  const big = weights.map((weight) => {
    if (!Number.isSafeInteger(weight) || weight < 0) throw new RangeError(`splitInProportion: bad weight ${weight}`);
    return BigInt(weight);
  });
  const total = big.reduce((sum, weight) => sum + weight, 0n);
  if (total === 0n) {
    if (amount !== 0) throw new RangeError('splitInProportion: nothing to split an amount over');
    return weights.map(() => 0);
  }
  const whole = BigInt(amount);
  const parts = big.map((weight) => (whole * weight) / total);
  const remainders = big.map((weight, index) => ({ index, remainder: (whole * weight) % total }));
  let left = whole - parts.reduce((sum, part) => sum + part, 0n);
  remainders.sort((a, b) => (a.remainder === b.remainder ? a.index - b.index : a.remainder > b.remainder ? -1 : 1));
  for (const { index } of remainders) {
    if (left === 0n) break;
    parts[index] = (parts[index] ?? 0n) + 1n;
    left -= 1n;
  }
  return parts.map(toSafeNumber);
}
