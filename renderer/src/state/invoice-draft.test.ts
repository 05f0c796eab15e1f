import { describe, expect, it } from 'vitest';
import { checkDraft, draftFieldForServerField, emptyDraft, parseQuantity, type Draft, type DraftLine } from './invoice-draft';

function line(key: string, description: string, quantity: string, unitPrice: string): DraftLine {
  return { key, description, quantity, unitPrice };
}

function items(...lines: DraftLine[]): Draft {
  return { ...emptyDraft('items'), lines };
}

describe('checkDraft: items', () => {
  it('parses prices exactly into minor units and totals them with integers', () => {
    const checked = checkDraft(items(line('a', 'Rice 5 kg', '2', '120.50'), line('b', 'Tea', '3', '0.10'), line('c', 'Salt', '1', '0.20')), 'INR');
    expect(checked.valid).toBe(true);
    expect(checked.lines).toEqual([
      { description: 'Rice 5 kg', quantity: 2, unitPriceMinor: 12050 },
      { description: 'Tea', quantity: 3, unitPriceMinor: 10 },
      { description: 'Salt', quantity: 1, unitPriceMinor: 20 },
    ]);
    expect(checked.totalMinor).toBe(24100 + 30 + 20);
    expect(checked.lineKeys).toEqual(['a', 'b', 'c']);
  });

  it('ignores blank rows (the empty row at the end)', () => {
    const checked = checkDraft(items(line('a', 'Milk', '1', '30'), line('b', '', '1', '')), 'INR');
    expect(checked.valid).toBe(true);
    expect(checked.lines).toHaveLength(1);
  });

  it('refuses an invoice with no items', () => {
    const checked = checkDraft(items(line('a', '', '1', '')), 'INR');
    expect(checked.valid).toBe(false);
    expect(checked.errors.lines).toMatch(/at least one item/);
  });

  it('names each wrong field of each row', () => {
    const checked = checkDraft(items(line('a', '', '0', '12.345'), line('b', 'Soap', 'two', '1e3')), 'INR');
    expect(checked.valid).toBe(false);
    expect(checked.lines).toBeNull();
    expect(checked.errors['a.description']).toMatch(/what is being sold/);
    expect(checked.errors['a.quantity']).toMatch(/at least 1/);
    expect(checked.errors['a.unitPrice']).toMatch(/2 decimal places/);
    expect(checked.errors['b.quantity']).toMatch(/whole number/);
    expect(checked.errors['b.unitPrice']).toMatch(/exponent/);
  });

  it('refuses a zero price and a total above the maximum', () => {
    expect(checkDraft(items(line('a', 'Free', '1', '0')), 'INR').errors['a.unitPrice']).toMatch(/more than zero/);
    const huge = checkDraft(items(line('a', 'Gold', '9999', '9999999')), 'INR');
    expect(huge.valid).toBe(false);
    expect(huge.errors['a.unitPrice']).toBe('The amount cannot be more than ₹1,00,00,000.00.');
    expect(checkDraft(items(line('a', 'Gold', '9999', '9999999')), 'USD').errors['a.unitPrice']).toBe('The amount cannot be more than $10,000,000.00.');
  });

  it('keeps the running total of the valid rows while another row is incomplete', () => {
    const checked = checkDraft(items(line('a', 'Milk', '2', '30'), line('b', 'Bread', '1', '')), 'INR');
    expect(checked.valid).toBe(false);
    expect(checked.totalMinor).toBe(6000);
  });
});

describe('checkDraft: single amount', () => {
  const amount = (text: string): Draft => ({ ...emptyDraft('amount'), amount: text });

  it('makes one line of the amount', () => {
    const checked = checkDraft(amount('1234.5'), 'INR');
    expect(checked.valid).toBe(true);
    expect(checked.lines).toEqual([{ description: 'Sale', quantity: 1, unitPriceMinor: 123450 }]);
    expect(checked.totalMinor).toBe(123450);
  });

  it.each([
    ['', /Enter an amount/],
    ['0', /more than zero/],
    ['-5', /negative/],
    ['12.345', /2 decimal places/],
    ['abc', /digits/],
  ])('refuses %j', (text, message) => {
    const checked = checkDraft(amount(text), 'INR');
    expect(checked.valid).toBe(false);
    expect(checked.errors.amount).toMatch(message);
  });
});

describe('parseQuantity', () => {
  it.each([
    ['1', 1],
    [' 12 ', 12],
    ['9999', 9999],
  ])('accepts %j', (text, value) => {
    expect(parseQuantity(text)).toEqual({ ok: true, value });
  });

  it.each(['', '0', '1.5', '-1', '10000', '１'])('refuses %j', (text) => {
    expect(parseQuantity(text).ok).toBe(false);
  });
});

describe('draftFieldForServerField', () => {
  it('places a server error on the row that was sent at that index', () => {
    expect(draftFieldForServerField('lines.1.unitPriceMinor', 'items', ['a', 'c'])).toBe('c.unitPrice');
    expect(draftFieldForServerField('lines.0.quantity', 'items', ['a'])).toBe('a.quantity');
    expect(draftFieldForServerField('lines.0', 'items', ['a'])).toBe('a.description');
    expect(draftFieldForServerField('lines', 'items', ['a'])).toBe('lines');
  });

  it('puts every line error on the amount field in single-amount mode', () => {
    expect(draftFieldForServerField('lines.0.unitPriceMinor', 'amount', ['amount'])).toBe('amount');
  });

  it('leaves fields outside the draft alone', () => {
    expect(draftFieldForServerField('number', 'items', [])).toBeNull();
  });
});
