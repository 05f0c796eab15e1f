import { describe, expect, it } from 'vitest';
import { cardPart } from './card-part';

describe('cardPart', () => {
  it('asks for the whole balance when nothing is typed, or exactly the balance', () => {
    expect(cardPart(null, 50_000, 'INR')).toEqual({ ok: true, amountMinor: undefined });
    expect(cardPart('  ', 50_000, 'INR')).toEqual({ ok: true, amountMinor: undefined });
    expect(cardPart('500', 50_000, 'INR')).toEqual({ ok: true, amountMinor: undefined });
  });

  it('asks for a part in exact minor units', () => {
    expect(cardPart('300', 50_000, 'INR')).toEqual({ ok: true, amountMinor: 30_000 });
    expect(cardPart('0.29', 50_000, 'INR')).toEqual({ ok: true, amountMinor: 29 });
  });

  it('refuses more than the balance, zero and what is not an amount, naming the field', () => {
    expect(cardPart('500.01', 50_000, 'INR')).toEqual({ ok: false, message: 'Card or UPI part must be at most the balance due, ₹500.00.' });
    expect(cardPart('0', 50_000, 'INR')).toEqual({ ok: false, message: 'Card or UPI part must be more than zero.' });
    const typo = cardPart('3OO', 50_000, 'INR');
    expect(typo.ok).toBe(false);
    expect(!typo.ok && typo.message).toMatch(/^Card or UPI part: /);
  });
});
