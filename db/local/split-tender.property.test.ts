// Property-based, on a real SQLite file: whatever parts a cashier tries, in any order (cash parts,
// card/UPI parts of any amount, each succeeding or failing), the parts paid never add up to more
// than the invoice's total, the balance due is always the total less what was paid (integer minor
// units), a part over the balance is refused and changes nothing, and the invoice is paid exactly
// when its parts cover the total.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Invoice } from '../../contract/records';
import { insertCreatingAttempt } from './attempts';
import { InvalidStateError, PartTooLargeError } from './errors';
import { requireInvoice } from './invoices';
import { cashSalesForInvoice, settleInCash } from './tenders';
import { T0, caught, failAttempt, makeCounter, makeInvoice, markInProgress, succeedAttempt, tempDatabaseEachTest } from '../../testkit/db';

const temp = tempDatabaseEachTest();

type Part =
  | { kind: 'cash'; amountMinor: number; extraTenderedMinor: number }
  | { kind: 'card'; amountMinor: number | null; succeeds: boolean };

const part: fc.Arbitrary<Part> = fc.oneof(
  fc.record({ kind: fc.constant('cash' as const), amountMinor: fc.integer({ min: 1, max: 150_000 }), extraTenderedMinor: fc.integer({ min: 0, max: 50_000 }) }),
  fc.record({ kind: fc.constant('card' as const), amountMinor: fc.option(fc.integer({ min: 1, max: 150_000 }), { nil: null }), succeeds: fc.boolean() }),
);

describe('split tender: the parts never exceed the total', () => {
  it('holds for any sequence of cash and card/UPI parts', () => {
    const db = temp.db;
    let at = T0;
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 100_000 }), fc.array(part, { maxLength: 8 }), (totalMinor, parts) => {
        // A counter of its own for each run: its terminal is free whatever the last run left.
        const invoice = makeInvoice(db, makeCounter(db), { totalMinor, createdAt: at });
        let paidMinor = 0;
        let cashParts = 0;
        for (const tried of parts) {
          at += 10_000;
          const before = requireInvoice(db, invoice.id);
          const balance = totalMinor - paidMinor;
          const asked = tried.amountMinor ?? balance;
          if (before.status === 'paid') {
            if (tried.kind === 'cash') expect(caught(() => cash(invoice, tried, at), InvalidStateError).reason).toBe('invoice_paid');
            else expect(caught(() => card(invoice, tried, at), InvalidStateError).reason).toBe('invoice_paid');
            continue;
          }
          if (asked > balance) {
            const refused = tried.kind === 'cash' ? caught(() => cash(invoice, tried, at), PartTooLargeError) : caught(() => card(invoice, tried, at), PartTooLargeError);
            expect([refused.field, refused.balanceMinor]).toEqual(['amountMinor', balance]);
          } else if (tried.kind === 'cash') {
            cash(invoice, tried, at);
            cashParts += 1;
            paidMinor += asked;
          } else {
            const attempt = card(invoice, tried, at);
            expect(attempt?.amountMinor).toBe(asked);
            if (tried.succeeds) paidMinor += asked;
          }
          const after = requireInvoice(db, invoice.id);
          expect(paidMinor).toBeLessThanOrEqual(totalMinor);
          expect(after.balanceDueMinor).toBe(totalMinor - paidMinor);
          expect(after.status === 'paid').toBe(paidMinor === totalMinor);
          // Each cash part its own tender, listed as taken.
          expect(cashSalesForInvoice(db, invoice.id)).toHaveLength(cashParts);
        }
      }),
      { numRuns: 80 },
    );

    function cash(invoice: Invoice, tried: Extract<Part, { kind: 'cash' }>, when: number) {
      return settleInCash(db, {
        invoiceId: invoice.id,
        counterId: invoice.counterId,
        amountMinor: tried.amountMinor,
        tenderedMinor: tried.amountMinor + tried.extraTenderedMinor,
        at: when,
      });
    }

    function card(invoice: Invoice, tried: Extract<Part, { kind: 'card' }>, when: number) {
      const { attempt } = insertCreatingAttempt(db, {
        invoiceId: invoice.id,
        counterId: invoice.counterId,
        method: 'upi',
        ...(tried.amountMinor === null ? {} : { amountMinor: tried.amountMinor }),
        at: when,
        actor: 'cashier',
      });
      const live = markInProgress(db, attempt);
      return tried.succeeds ? succeedAttempt(db, live) : failAttempt(db, live);
    }
  });
});
