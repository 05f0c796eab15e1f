import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { InvoiceSeries, SeriesPosition } from './invoice-number';
import {
  MAX_INVOICE_NUMBER_LENGTH,
  financialYearLabel,
  financialYearStart,
  maxPrefixLength,
  nextInvoiceNumber,
  validateSeries,
} from './invoice-number';

const YEARLY: InvoiceSeries = { prefix: 'A', restartsEachFinancialYear: true, digits: 6 };
const START: SeriesPosition = { financialYearStart: null, lastCounter: 0 };

function next(series: InvoiceSeries, position: SeriesPosition, date: string) {
  const result = nextInvoiceNumber(series, position, date);
  if (!result.ok) throw new Error(result.error.message);
  return result.value;
}

describe('nextInvoiceNumber', () => {
  it('numbers a yearly series with the financial year, 16 characters at most', () => {
    expect(next(YEARLY, START, '2026-12-07')).toEqual({
      invoiceNumber: 'A/2026-27/000001',
      position: { financialYearStart: 2026, lastCounter: 1 },
    });
    const issued = next(YEARLY, { financialYearStart: 2026, lastCounter: 122 }, '2026-12-07');
    expect(issued.invoiceNumber).toBe('A/2026-27/000123');
    expect(issued.invoiceNumber).toHaveLength(16);
  });

  it('starts again at 1 on 1 April, and not before', () => {
    const position = { financialYearStart: 2026, lastCounter: 500 };
    expect(next(YEARLY, position, '2027-03-31').invoiceNumber).toBe('A/2026-27/000501');
    expect(next(YEARLY, position, '2027-04-01')).toEqual({
      invoiceNumber: 'A/2027-28/000001',
      position: { financialYearStart: 2027, lastCounter: 1 },
    });
  });

  it('keeps counting in a series that does not restart', () => {
    const series = { prefix: 'CTR2', restartsEachFinancialYear: false, digits: 8 };
    expect(next(series, { financialYearStart: null, lastCounter: 41 }, '2027-04-01')).toEqual({
      invoiceNumber: 'CTR2/00000042',
      position: { financialYearStart: null, lastCounter: 42 },
    });
    expect(next({ prefix: '', restartsEachFinancialYear: false, digits: 16 }, START, 'any day').invoiceNumber).toBe('0000000000000001');
    expect(next({ prefix: '', restartsEachFinancialYear: true, digits: 8 }, START, '2026-04-01').invoiceNumber).toBe('2026-27/00000001');
  });

  it('refuses in words naming the field and the rule', () => {
    const cases: [InvoiceSeries, SeriesPosition, string, string, string][] = [
      [{ ...YEARLY, prefix: 'AB' }, START, '2026-12-07', 'prefix', 'at most 16 characters, so with 6 digits and the financial year the prefix can have at most 1 character.'],
      [{ ...YEARLY, prefix: 'A B' }, START, '2026-12-07', 'prefix', 'only letters, digits, "-" and "/"'],
      [{ ...YEARLY, digits: 9 }, START, '2026-12-07', 'digits', 'from 1 to 8 digits'],
      [{ ...YEARLY, digits: 0 }, START, '2026-12-07', 'digits', 'from 1 to 8 digits'],
      [YEARLY, { financialYearStart: 2027, lastCounter: 3 }, '2027-03-31', 'date', "before this series' last invoice (2027-28)"],
      [YEARLY, START, '2026-02-30', 'date', 'YYYY-MM-DD'],
      [YEARLY, START, '7/12/2026', 'date', 'YYYY-MM-DD'],
      [{ ...YEARLY, digits: 3 }, { financialYearStart: 2026, lastCounter: 999 }, '2026-12-07', 'series', 'used all its 3-digit numbers'],
    ];
    for (const [series, position, date, field, words] of cases) {
      const result = nextInvoiceNumber(series, position, date);
      expect(result.ok, words).toBe(false);
      if (!result.ok) {
        expect(result.error.field).toBe(field);
        expect(result.error.message).toContain(words);
      }
    }
  });
});

describe('financial years', () => {
  it('run from 1 April to 31 March', () => {
    expect(financialYearStart('2026-04-01')).toEqual({ ok: true, value: 2026 });
    expect(financialYearStart('2026-03-31')).toEqual({ ok: true, value: 2025 });
    expect(financialYearStart('2028-02-29')).toEqual({ ok: true, value: 2027 });
    expect(financialYearStart('2027-02-29').ok).toBe(false);
    expect(financialYearLabel(2026)).toBe('2026-27');
    expect(financialYearLabel(2099)).toBe('2099-00');
  });
});

describe('a series over many invoices', () => {
  const series = fc
    .record({ restartsEachFinancialYear: fc.boolean(), digits: fc.integer({ min: 1, max: 8 }), prefixSource: fc.stringMatching(/^[A-Za-z0-9/-]{0,15}$/) })
    .map(({ restartsEachFinancialYear, digits, prefixSource }) => ({
      restartsEachFinancialYear,
      digits: Math.max(digits, 4),
      prefix: prefixSource.slice(0, Math.max(maxPrefixLength(restartsEachFinancialYear, Math.max(digits, 4)), 0)),
    }));
  // Days from 1 January 2025, in order, with several invoices a day.
  const days = fc.array(fc.integer({ min: 0, max: 3 * 366 }), { minLength: 1, maxLength: 300 }).map((list) => [...list].sort((a, b) => a - b));

  it('gives unique, consecutive numbers of at most 16 allowed characters', () => {
    fc.assert(
      fc.property(series, days, (chosen, dayList) => {
        expect(validateSeries(chosen).ok).toBe(true);
        let position = START;
        const seen = new Set<string>();
        for (const day of dayList) {
          const date = new Date(Date.UTC(2025, 0, 1 + day)).toISOString().slice(0, 10);
          const issued = next(chosen, position, date);
          expect(issued.invoiceNumber.length).toBeLessThanOrEqual(MAX_INVOICE_NUMBER_LENGTH);
          expect(issued.invoiceNumber).toMatch(/^[A-Za-z0-9/-]+$/);
          expect(seen.has(issued.invoiceNumber)).toBe(false);
          seen.add(issued.invoiceNumber);
          const sameYear = !chosen.restartsEachFinancialYear || issued.position.financialYearStart === position.financialYearStart;
          expect(issued.position.lastCounter).toBe(sameYear ? position.lastCounter + 1 : 1);
          position = issued.position;
        }
      }),
      { numRuns: 200 },
    );
  });
});
