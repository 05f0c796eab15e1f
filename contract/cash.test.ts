import { describe, expect, it } from 'vitest';
import { roundAmounts, shortTenderMessage } from './cash';

describe('quick cash amounts', () => {
  it('rounds a rupee total up to the next ₹100, ₹500 and ₹2,000', () => {
    // ₹1,241.50 → ₹1,300 (₹100s), ₹1,400 (₹200s), ₹1,500 (₹500s), ₹2,000: the smallest and the two largest.
    expect(roundAmounts(124_150, 'INR')).toEqual([130_000, 150_000, 200_000]);
  });

  it('offers each amount once and never the total itself', () => {
    // ₹450 → ₹500 by ₹100s and ₹500s alike, ₹600 by ₹200s, ₹2,000.
    expect(roundAmounts(45_000, 'INR')).toEqual([50_000, 60_000, 200_000]);
    // ₹2,000 is already round in every note: the exact amount is all there is to offer.
    expect(roundAmounts(200_000, 'INR')).toEqual([]);
  });

  it('uses dollar bills for USD', () => {
    expect(roundAmounts(1_234, 'USD')).toEqual([1_500, 5_000, 10_000]);
    expect(roundAmounts(9_999, 'USD')).toEqual([10_000]);
  });

  it('offers nothing for a zero total', () => {
    expect(roundAmounts(0, 'INR')).toEqual([]);
  });

  it('says how much was handed over and the total, in one money format', () => {
    expect(shortTenderMessage(5_000, 1_000_000_000, 'INR')).toBe('Amount tendered (₹50.00) must be at least the total, ₹1,00,00,000.00.');
  });
});
