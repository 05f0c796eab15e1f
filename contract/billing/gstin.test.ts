import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { gstinCheckCharacter, parseB2bCustomer, parseGstin } from './gstin';
import { GST_STATES, gstStateName } from './states';

const ALPHABET = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ';

describe('parseGstin', () => {
  it.each([
    // The buyer GSTIN in the e-invoice schema's sample (FORM GST INV-01, Notification 60/2020-Central Tax).
    ['29AACCR7832C1ZD', '29', 'Karnataka', 'AACCR7832C'],
    // The GSTIN used as the example in the GST portal's and many accounting guides' screenshots.
    ['27AAPFU0939F1ZV', '27', 'Maharashtra', 'AAPFU0939F'],
    // Lower case and spaces, as a cashier may type it.
    ['  29aaccr7832c1zd ', '29', 'Karnataka', 'AACCR7832C'],
  ])('accepts %j', (text, stateCode, stateName, pan) => {
    const result = parseGstin(text);
    expect(result).toEqual({ ok: true, value: { gstin: text.trim().toUpperCase(), stateCode, stateName, pan } });
  });

  it.each([
    ['', 'enter the 15-character GSTIN'],
    ['29AACCR7832C1Z', 'exactly 15 characters; this one has 14'],
    ['29AACCR7832C1ZDX', 'exactly 15 characters; this one has 16'],
    ['29AACCR7832C1YD', 'the letter Z'], // 14th character must be Z
    ['2XAACCR7832C1ZD', '2-digit state code'],
    ['29AACC17832C1ZD', '10-character PAN'],
    ['29AACCR7832C0ZD', 'an entity number'], // entity number starts at 1
    ['29AACCR7832C1Z-', 'check character'],
    ['25AACCR7832C1ZD', '25 is not a GST state code'],
    ['29AACCR7832C1ZE', 'the check failed'],
    ['29AACCR7823C1ZD', 'the check failed'], // two digits swapped
  ])('refuses %j, saying %j', (text, words) => {
    const result = parseGstin(text, 'Customer GSTIN');
    expect(result.ok).toBe(false);
    if (!result.ok) {
      expect(result.error.message).toContain(words);
      expect(result.error.message.startsWith('Customer GSTIN:')).toBe(true);
      expect(result.error.field).toBe('Customer GSTIN');
    }
  });

  const first14 = fc
    .record({
      state: fc.constantFrom(...Object.keys(GST_STATES)),
      letters: fc.stringMatching(/^[A-Z]{5}$/),
      digits: fc.stringMatching(/^\d{4}$/),
      letter: fc.stringMatching(/^[A-Z]$/),
      entity: fc.stringMatching(/^[1-9A-Z]$/),
    })
    .map(({ state, letters, digits, letter, entity }) => `${state}${letters}${digits}${letter}${entity}Z`);

  it('accepts every well-formed GSTIN with its check character, and nothing else in its place', () => {
    fc.assert(
      fc.property(first14, fc.constantFrom(...ALPHABET), (start, other) => {
        const check = gstinCheckCharacter(start);
        const result = parseGstin(start + check);
        expect(result.ok).toBe(true);
        if (result.ok) expect(result.value.stateName).toBe(gstStateName(start.slice(0, 2)));
        if (other !== check) expect(parseGstin(start + other).ok).toBe(false);
      }),
    );
  });

  it('catches every single mistyped character (Luhn mod 36 detects all single substitutions)', () => {
    fc.assert(
      fc.property(first14, fc.integer({ min: 0, max: 13 }), fc.constantFrom(...ALPHABET), (start, position, replacement) => {
        fc.pre(start.charAt(position) !== replacement);
        const typo = start.slice(0, position) + replacement + start.slice(position + 1);
        expect(gstinCheckCharacter(typo)).not.toBe(gstinCheckCharacter(start));
      }),
    );
  });
});

describe('the GST state code list', () => {
  it('is the official two-digit list', () => {
    expect(gstStateName('07')).toBe('Delhi');
    expect(gstStateName('29')).toBe('Karnataka');
    expect(gstStateName('37')).toBe('Andhra Pradesh');
    expect(gstStateName('38')).toBe('Ladakh');
    expect(gstStateName('97')).toBe('Other Territory');
    expect(gstStateName('28')).toBeUndefined();
    expect(gstStateName('toString')).toBeUndefined();
    for (const code of Object.keys(GST_STATES)) expect(code).toMatch(/^\d{2}$/);
  });
});

describe('parseB2bCustomer', () => {
  it('needs a valid GSTIN and a name', () => {
    const customer = parseB2bCustomer(' 29aaccr7832c1zd', '  Acme   Traders Pvt Ltd ');
    expect(customer.ok && customer.value.name).toBe('Acme Traders Pvt Ltd');
    expect(customer.ok && customer.value.gstin.stateName).toBe('Karnataka');
    const noName = parseB2bCustomer('29AACCR7832C1ZD', ' ');
    expect(!noName.ok && noName.error.message).toBe("Customer name: enter the customer's name as registered for GST.");
    const longName = parseB2bCustomer('29AACCR7832C1ZD', 'A'.repeat(101));
    expect(!longName.ok && longName.error.message).toBe('Customer name: use at most 100 characters.');
    const badGstin = parseB2bCustomer('29AACCR7832C1ZE', 'Acme');
    expect(!badGstin.ok && badGstin.error.field).toBe('Customer GSTIN');
  });
});
