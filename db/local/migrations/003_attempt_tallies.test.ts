import type Database from 'better-sqlite3';
import { beforeEach, describe, expect, it } from 'vitest';
import { transitionAttempt } from '../attempts';
import { migrate, schemaVersion } from '../migrate';
import { T0, makeCounter, makeInvoice, markInProgress, memoryDatabaseEachTest, startAttempt, succeedAttempt, tempDatabaseEachTest } from '../../../testkit/db';
import { TALLY_SLOT_MS } from './003_attempt_tallies';
import { MIGRATIONS } from './index';

interface Tally {
  slot_start: number;
  counter_id: string;
  state: string;
  method: string;
  attempt_count: number;
  amount_minor: number;
}

const TALLIES = 'SELECT * FROM attempt_tallies WHERE attempt_count > 0 ORDER BY slot_start, counter_id, state, method';
// What the tallies must always equal: the same grouping computed from the attempts themselves.
const RECOUNTED = `SELECT created_at - created_at % ${TALLY_SLOT_MS} AS slot_start, counter_id, state, method,
                          count(*) AS attempt_count, sum(amount_minor) AS amount_minor
                   FROM charge_attempts GROUP BY 1, 2, 3, 4 ORDER BY 1, 2, 3, 4`;

describe('migration 003: attempt tallies', () => {
  const memory = memoryDatabaseEachTest();
  let db: Database.Database;
  beforeEach(() => {
    db = memory.db;
  });

  it('applies to a version 2 database, tallying the attempts already there', () => {
    migrate(db, MIGRATIONS.slice(0, 2));
    db.exec(`
      INSERT INTO counters (id, name, terminal_id, invoice_prefix, created_at) VALUES ('c1', 'Counter 1', 'T1', 'A-', 1);
      INSERT INTO invoices (id, number, counter_id, lines, total_minor, currency, created_at) VALUES
        ('i1', 'A-1', 'c1', '[]', 10050, 'INR', 1), ('i2', 'A-2', 'c1', '[]', 2500, 'INR', 1), ('i3', 'A-3', 'c1', '[]', 700, 'INR', 1);
      INSERT INTO charge_attempts (id, invoice_id, counter_id, terminal_id, amount_minor, currency, method, state,
                                   payments_session_id, payment_id, created_at, updated_at, final_at) VALUES
        ('a1', 'i1', 'c1', 'T1', 10050, 'INR', 'upi', 'succeeded', 'S1', 'P1', ${T0}, ${T0}, ${T0}),
        ('a2', 'i2', 'c1', 'T1', 2500, 'INR', 'upi', 'succeeded', 'S2', 'P2', ${T0 + 60_000}, ${T0}, ${T0}),
        ('a3', 'i3', 'c1', 'T1', 700, 'INR', 'card', 'failed', 'S3', NULL, ${T0 + TALLY_SLOT_MS}, ${T0}, ${T0});`);

    migrate(db, MIGRATIONS.slice(0, 3));

    expect(schemaVersion(db)).toBe(3);
    expect(db.prepare<[], Tally>(TALLIES).all()).toEqual([
      { slot_start: T0, counter_id: 'c1', state: 'succeeded', method: 'upi', attempt_count: 2, amount_minor: 12550 },
      { slot_start: T0 + TALLY_SLOT_MS, counter_id: 'c1', state: 'failed', method: 'card', attempt_count: 1, amount_minor: 700 },
    ]);
  });
});

describe('attempt tallies through a working day', () => {
  const temp = tempDatabaseEachTest();

  it('always equal a recount of the attempts, through inserts and every kind of state change', () => {
    const { db } = temp;
    const counters = [makeCounter(db), makeCounter(db)];
    let step = 0;
    const expectInStep = () => expect(db.prepare<[], Tally>(TALLIES).all(), `after step ${step}`).toEqual(db.prepare<[], Tally>(RECOUNTED).all());
    for (let i = 0; i < 40; i += 1) {
      step = i;
      const counter = counters[i % 2] ?? counters[0];
      if (!counter) throw new Error('no counter');
      const at = T0 + i * 7 * 60_000;
      const invoice = makeInvoice(db, counter, { totalMinor: 100 + i * 37, createdAt: at });
      const attempt = startAttempt(db, invoice, { method: i % 3 === 0 ? 'upi' : 'card', at });
      expectInStep();
      if (i % 5 === 0) {
        transitionAttempt(db, { attemptId: attempt.id, from: ['creating'], to: i % 2 ? 'rejected' : 'unknown', at, actor: 'test', reason: 'test' });
      } else {
        const running = markInProgress(db, attempt);
        expectInStep();
        if (i % 4 === 0) transitionAttempt(db, { attemptId: running.id, from: ['in_progress'], to: 'unresolved', at, actor: 'test', reason: 'test' });
        else succeedAttempt(db, running);
      }
      expectInStep();
    }
    const collected = db.prepare<[], { amount: number }>("SELECT sum(amount_minor) AS amount FROM attempt_tallies WHERE state = 'succeeded'").get();
    expect(collected?.amount).toBeGreaterThan(0);
  });

  it('leave no trace of a transaction that rolled back', () => {
    const { db } = temp;
    const invoice = makeInvoice(db, makeCounter(db));
    const before = db.prepare<[], Tally>(TALLIES).all();
    expect(() =>
      db.transaction(() => {
        startAttempt(db, invoice);
        throw new Error('crash before commit');
      })(),
    ).toThrow('crash before commit');
    expect(db.prepare<[], Tally>(TALLIES).all()).toEqual(before);
  });
});
