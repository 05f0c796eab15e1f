// Guarantees the schema keeps by itself, whatever code writes to the file.
import { describe, expect, it } from 'vitest';
import { makeCounter, makeInvoice, markInProgress, startAttempt, succeedAttempt, tempDatabaseEachTest } from '../../testkit/db';

const temp = tempDatabaseEachTest();

function paidAttempt(): { attemptId: string; invoiceId: string } {
  const invoice = makeInvoice(temp.db, makeCounter(temp.db));
  const attempt = markInProgress(temp.db, startAttempt(temp.db, invoice));
  succeedAttempt(temp.db, attempt);
  return { attemptId: attempt.id, invoiceId: invoice.id };
}

describe('schema guarantees', () => {
  it('attempt_events is append-only: UPDATE and DELETE abort', () => {
    const { attemptId } = paidAttempt();
    const { db } = temp;
    expect(() => db.prepare("UPDATE attempt_events SET reason = 'edited' WHERE attempt_id = ?").run(attemptId)).toThrow(
      /append-only/,
    );
    expect(() => db.prepare('DELETE FROM attempt_events WHERE attempt_id = ?').run(attemptId)).toThrow(/append-only/);
    expect(db.prepare('SELECT count(*) AS n FROM attempt_events WHERE attempt_id = ?').get(attemptId)).toEqual({ n: 3 });
  });

  it('charge attempts are never deleted, and what was asked never changes', () => {
    const { attemptId } = paidAttempt();
    const { db } = temp;
    expect(() => db.prepare('DELETE FROM charge_attempts WHERE id = ?').run(attemptId)).toThrow(/never deleted/);
    for (const change of ['amount_minor = 1', "terminal_id = 'T9'", "currency = 'USD'", "method = 'upi'", 'created_at = 0']) {
      expect(() => db.prepare(`UPDATE charge_attempts SET ${change} WHERE id = ?`).run(attemptId)).toThrow(/cannot change/);
    }
    expect(() => db.prepare("UPDATE charge_attempts SET payments_session_id = 'S2' WHERE id = ?").run(attemptId)).toThrow(
      /session id cannot change/,
    );
  });

  it('a final attempt stays final', () => {
    const { attemptId } = paidAttempt();
    expect(() =>
      temp.db.prepare("UPDATE charge_attempts SET state = 'unresolved', final_at = NULL WHERE id = ?").run(attemptId),
    ).toThrow(/final state cannot change/);
  });

  it('what an invoice billed never changes, and a paid invoice stays paid', () => {
    const { invoiceId } = paidAttempt();
    const { db } = temp;
    for (const change of ['total_minor = 1', "number = 'X'", "lines = '[]'", "currency = 'USD'"]) {
      expect(() => db.prepare(`UPDATE invoices SET ${change} WHERE id = ?`).run(invoiceId)).toThrow(/cannot change/);
    }
    expect(() => db.prepare("UPDATE invoices SET status = 'void', paid_at = NULL WHERE id = ?").run(invoiceId)).toThrow(
      /stays paid/,
    );
  });

  it('money columns hold integers only (STRICT tables refuse 100.5)', () => {
    const counter = makeCounter(temp.db);
    expect(() =>
      temp.db
        .prepare(
          `INSERT INTO invoices (id, number, counter_id, lines, total_minor, currency, created_at)
           VALUES ('x', 'X', ?, '[]', 100.5, 'INR', 0)`,
        )
        .run(counter.id),
    ).toThrow(/cannot store REAL value in INTEGER column/);
  });

  it('refuses an attempt of zero, an in_progress attempt without a session id, and invalid JSON', () => {
    const invoice = makeInvoice(temp.db, makeCounter(temp.db));
    const insert = (amount: number, state: string, declinedTries = '[]'): unknown =>
      temp.db
        .prepare(
          `INSERT INTO charge_attempts (id, invoice_id, counter_id, terminal_id, amount_minor, currency, method, state,
                                        declined_tries, created_at, updated_at)
           VALUES ('x', ?, ?, 'T', ?, 'INR', 'card', ?, ?, 0, 0)`,
        )
        .run(invoice.id, invoice.counterId, amount, state, declinedTries);
    expect(() => insert(0, 'creating')).toThrow(/CHECK constraint failed/);
    expect(() => insert(100, 'in_progress')).toThrow(/CHECK constraint failed/);
    expect(() => insert(100, 'creating', '{not json')).toThrow(/CHECK constraint failed/);
  });

  it('enforces foreign keys', () => {
    expect(() =>
      temp.db
        .prepare(
          `INSERT INTO invoices (id, number, counter_id, lines, total_minor, currency, created_at)
           VALUES ('x', 'X', 'no-such-counter', '[]', 1, 'INR', 0)`,
        )
        .run(),
    ).toThrow(/FOREIGN KEY constraint failed/);
  });
});
