// Every query on a growing table is answered through an index, never by scanning the table:
// asserted on SQLite's EXPLAIN QUERY PLAN for each statement, and for each variant of the log queries.
import { describe, expect, it, vi } from 'vitest';
import {
  addDeclinedTry,
  getAttempt,
  getAttemptBySessionId,
  latestAttemptForCounter,
  listAttemptsAwaitingReview,
  listAttemptsForInvoice,
  listLiveAttempts,
  recordPoll,
  setMismatch,
  transitionAttempt,
} from './attempts';
import { deactivateCounter, listCounters, peekNextInvoiceNumber, takeNextInvoiceNumber, updateCounter } from './counters';
import type { Db } from './database';
import { listEventsForAttempt } from './events';
import { countLiveAttempts } from './live-attempts';
import { endHold, listHeldAttempts, renewHold } from './holds';
import { getInvoiceByNumber, latestOpenInvoice, voidInvoice } from './invoices';
import type { DayLogQuery } from './ledger';
import { attemptPages, dayNamesACashier, dayTotals, listAttemptsForDay } from './ledger';
import { getSetting, setSetting } from './settings';
import { T0, makeCounter, makeInvoice, markInProgress, startAttempt, succeedAttempt, tempDatabaseEachTest } from '../../testkit/db';

const temp = tempDatabaseEachTest();

interface QueryPlan {
  sql: string;
  plan: string[];
}

/** Runs `work` on a fresh connection, so that every statement is prepared anew, and explains each one. */
function plansOf(connect: () => Db, work: (db: Db) => unknown): QueryPlan[] {
  const db = connect();
  const prepare = vi.spyOn(db, 'prepare');
  work(db);
  const statements = prepare.mock.calls.map(([sql]) => sql).filter((sql) => /^\s*(SELECT|INSERT|UPDATE|DELETE)\b/i.test(sql));
  prepare.mockRestore();
  return [...new Set(statements)].map((sql) => ({ sql, plan: explain(db, sql) }));
}

function explain(db: Db, sql: string): string[] {
  const names = [...new Set(Array.from(sql.matchAll(/@(\w+)/g), (match) => match[1] ?? ''))];
  const positional = sql.split('?').length - 1;
  const args = names.length > 0 ? [Object.fromEntries(names.map((name) => [name, null]))] : new Array<null>(positional).fill(null);
  return db
    .prepare<unknown[], { detail: string }>(`EXPLAIN QUERY PLAN ${sql}`)
    .all(...args)
    .map((row) => row.detail);
}

// Tables that grow with every sale. counters and settings hold a few rows and may be read whole.
const GROWING_TABLE_STEP = /^(SCAN|SEARCH) (charge_attempts|a|invoices|i|attempt_events|attempt_tallies|t|tenders|refunds|r|refund_events|corrections)\b/;

/** A growing table is only ever read by an index lookup (SEARCH … USING INDEX or PRIMARY KEY), never scanned. */
function expectNoTableScan({ sql, plan }: QueryPlan): void {
  for (const step of plan.filter((line) => GROWING_TABLE_STEP.test(line))) {
    expect(step, `${sql}\n→ ${plan.join('\n→ ')}`).toMatch(/^SEARCH \w+ USING ((COVERING )?INDEX|PRIMARY KEY) /);
  }
}

/** Every combination of the optional filters: none, each alone, each pair, … all of them. */
function everyCombination<T extends object>(options: T): Partial<T>[] {
  return (Object.keys(options) as (keyof T)[]).reduce<Partial<T>[]>(
    (combinations, key) => [...combinations, ...combinations.map((combination) => ({ ...combination, [key]: options[key] }))],
    [{}],
  );
}

const DAY = { fromMs: T0, toMs: T0 + 86_400_000 };
const LOG_FILTERS = everyCombination({ counterId: 'c', state: 'succeeded', method: 'upi', invoiceSearch: 'A-' } as const);

function expectDayLogIndexed(db: () => Db): void {
  expect(LOG_FILTERS).toHaveLength(16);
  for (const filters of LOG_FILTERS) {
    const query: DayLogQuery = { ...DAY, ...filters };
    const [list, ...others] = plansOf(db, (conn) => listAttemptsForDay(conn, query));
    expect(others).toEqual([]);
    if (!list) throw new Error('the list query must have been prepared');
    expectNoTableScan(list);
    expect(list.plan.join('\n'), list.sql).toMatch(/^SEARCH a USING INDEX charge_attempts_/m);
    expect(list.plan, 'newest first straight from the index').not.toContain('USE TEMP B-TREE FOR ORDER BY');

    // The CSV's page: the same index, and each attempt's invoice (number, cashier, tax summary) by its key in the same read.
    const [page, ...morePages] = plansOf(db, (conn) => [...attemptPages(conn, query, 1_000)]);
    expect(morePages).toEqual([]);
    if (!page) throw new Error("the CSV's page query must have been prepared");
    expectNoTableScan(page);
    expect(page.plan.join('\n'), page.sql).toMatch(/^SEARCH a USING INDEX charge_attempts_/m);
    expect(page.plan).toContain('SEARCH i USING INDEX sqlite_autoindex_invoices_1 (id=?)');
    expect(page.plan, 'newest first straight from the index').not.toContain('USE TEMP B-TREE FOR ORDER BY');

    const { invoiceSearch: _notForTotals, ...filter } = query;
    const totals = plansOf(db, (conn) => dayTotals(conn, { ...filter, day: '2025-01-15' }));
    // The attempts' tallies (3), and without a state or method filter cash, refunds and corrections too.
    expect(totals.length).toBeGreaterThanOrEqual(3);
    totals.forEach(expectNoTableScan);
  }
}

describe('query plans', () => {
  it('every statement of a working day reads through an index', () => {
    const plans = plansOf(temp.connect, (db) => {
      const counter = makeCounter(db);
      peekNextInvoiceNumber(db, counter.id);
      const invoice = makeInvoice(db, counter, { number: takeNextInvoiceNumber(db, counter.id) });
      getInvoiceByNumber(db, invoice.number);
      latestOpenInvoice(db, counter.id);
      const attempt = markInProgress(db, startAttempt(db, invoice), 'S');
      recordPoll(db, attempt.id, T0);
      addDeclinedTry(db, attempt.id, { paymentId: 'D', failureCode: null, method: null, at: T0 }, T0);
      setMismatch(db, attempt.id, 'note', T0);
      listLiveAttempts(db);
      countLiveAttempts(db);
      listAttemptsAwaitingReview(db, 500);
      getAttemptBySessionId(db, 'S');
      succeedAttempt(db, attempt);
      const lostInvoice = makeInvoice(db, counter);
      const lost = startAttempt(db, lostInvoice);
      transitionAttempt(db, { attemptId: lost.id, from: ['creating'], to: 'unknown', holdUntil: T0 + 1, at: T0, actor: 'startup', reason: 'restart' });
      getAttempt(db, lost.id);
      listHeldAttempts(db);
      renewHold(db, { attemptId: lost.id, until: T0 + 2, at: T0, actor: 'startup', reason: 'restart' });
      endHold(db, { attemptId: lost.id, at: T0, actor: 'hold-timer', reason: 'expired' });
      updateCounter(db, counter.id, { name: 'Renamed', terminalId: 'T-new' });
      startAttempt(db, lostInvoice, { reviewAcknowledged: true });
      latestAttemptForCounter(db, counter.id);
      listAttemptsForInvoice(db, invoice.id);
      listEventsForAttempt(db, attempt.id);
      voidInvoice(db, makeInvoice(db, counter).id);
      listCounters(db);
      setSetting(db, 'ui.theme', 'dark');
      getSetting(db, 'ui.theme');
      deactivateCounter(db, makeCounter(db).id);
    });
    expect(plans.length).toBeGreaterThan(30);
    plans.forEach(expectNoTableScan);
  });

  it('the live-payment and hold checks use the partial unique indexes', () => {
    const counter = makeCounter(temp.db);
    const plans = plansOf(temp.connect, (db) => startAttempt(db, makeInvoice(db, counter)));
    // The write-ahead reads both in one statement (charge-write-ahead.ts).
    const checks = plans.filter(({ sql }) => sql.includes("state IN ('creating', 'in_progress')")).flatMap(({ plan }) => plan);
    expect(checks).toContainEqual(expect.stringContaining('USING INDEX charge_attempts_taken_terminal (terminal_id=?)'));
    expect(checks).toContainEqual(expect.stringContaining('USING INDEX charge_attempts_taken_invoice (invoice_id=?)'));
  });

  it('whether a day names a cashier looks first for an invoice that names one, in its partial index (migration 032)', () => {
    for (const counterId of ['c', undefined]) {
      const [names, ...others] = plansOf(temp.connect, (db) => dayNamesACashier(db, DAY.fromMs, DAY.toMs, counterId));
      expect(others).toEqual([]);
      if (!names) throw new Error('the query must have been prepared');
      expectNoTableScan(names);
      expect(names.plan).toContainEqual('SEARCH invoices USING COVERING INDEX invoices_named_cashier (cashier>?)');
    }
  });

  it('every variant of the day log and its totals reads through an index', () => {
    expectDayLogIndexed(temp.connect);
  });

  it('still does once SQLite has statistics of a busy month (ANALYZE)', () => {
    const counters = [makeCounter(temp.db), makeCounter(temp.db), makeCounter(temp.db)];
    const insertMonth = temp.db.transaction(() => {
      for (let i = 0; i < 3000; i += 1) {
        const counter = counters[i % 3];
        if (!counter) throw new Error('three counters expected');
        const at = T0 - 30 * 86_400_000 + i * 864_000;
        const invoiceId = `inv-${i}`;
        temp.db
          .prepare(
            `INSERT INTO invoices (id, number, counter_id, lines, total_minor, currency, status, created_at, paid_at, payment_id)
             VALUES (?, ?, ?, '[]', 100, 'INR', 'paid', ?, ?, ?)`,
          )
          .run(invoiceId, `A-${i}`, counter.id, at, at, `P-${i}`);
        temp.db
          .prepare(
            `INSERT INTO charge_attempts (id, invoice_id, counter_id, terminal_id, amount_minor, currency, method, state,
                                          payments_session_id, final_at, created_at, updated_at)
             VALUES (?, ?, ?, ?, 100, 'INR', ?, ?, ?, ?, ?, ?)`,
          )
          .run(
            `att-${i}`,
            invoiceId,
            counter.id,
            counter.terminalId,
            i % 4 === 0 ? 'upi' : 'card',
            i % 10 === 0 ? 'failed' : 'succeeded',
            `S-${i}`,
            at,
            at,
            at,
          );
      }
    });
    insertMonth();
    temp.db.exec('ANALYZE');
    expectDayLogIndexed(temp.connect);
  });
});
