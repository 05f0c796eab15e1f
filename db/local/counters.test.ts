import { describe, expect, it } from 'vitest';
import {
  createCounter,
  deactivateCounter,
  getCounter,
  listCounters,
  peekNextInvoiceNumber,
  requireCounter,
  saveStoreCounter,
  takeNextInvoiceNumber,
  updateCounter,
} from './counters';
import { ConflictError, InvalidStateError, NotFoundError } from './errors';
import { GENERATED_ID, T0, caught, makeCounter, makeInvoice, startAttempt, tempDatabaseEachTest } from '../../testkit/db';

const temp = tempDatabaseEachTest();

describe('counters', () => {
  it('creates a counter and reads it back', () => {
    const counter = createCounter(temp.db, { name: 'Front', terminalId: '87971593', invoicePrefix: 'A-', createdAt: T0 });
    expect(counter.id).toMatch(GENERATED_ID);
    expect(counter).toEqual({
      id: counter.id,
      name: 'Front',
      terminalId: '87971593',
      invoicePrefix: 'A-',
      active: true,
      createdAt: T0,
    });
    expect(getCounter(temp.db, counter.id)).toEqual(counter);
    expect(getCounter(temp.db, 'missing')).toBeNull();
    expect(() => requireCounter(temp.db, 'missing')).toThrow(NotFoundError);
  });

  it('lists active counters, or all of them, oldest first', () => {
    const first = makeCounter(temp.db, { createdAt: T0 });
    const second = makeCounter(temp.db, { createdAt: T0 + 1 });
    deactivateCounter(temp.db, first.id);
    expect(listCounters(temp.db).map((c) => c.id)).toEqual([second.id]);
    expect(listCounters(temp.db, { includeInactive: true }).map((c) => c.id)).toEqual([first.id, second.id]);
  });

  it('dates a counter made in the same millisecond as the one before it a millisecond later, so the list keeps the order they were made', () => {
    const first = makeCounter(temp.db, { name: 'Till 2', createdAt: T0 });
    const second = makeCounter(temp.db, { name: 'Till 1', createdAt: T0 });
    const afterClockStep = makeCounter(temp.db, { name: 'Till 0', createdAt: T0 - 60_000 });
    expect([first.createdAt, second.createdAt, afterClockStep.createdAt]).toEqual([T0, T0 + 1, T0 + 2]);
    expect(listCounters(temp.db).map((c) => c.name)).toEqual(['Till 2', 'Till 1', 'Till 0']);
  });

  it('lists counters from the store that share a millisecond by id, whatever order they arrived in, as every PC does', () => {
    const made = { active: true, createdAt: T0 };
    saveStoreCounter(temp.db, { ...made, id: 'z-saved-first', name: 'Till 1', terminalId: 'T-1', invoicePrefix: 'A-' });
    saveStoreCounter(temp.db, { ...made, id: 'y-saved-second', name: 'Till 2', terminalId: 'T-2', invoicePrefix: 'B-' });
    expect(listCounters(temp.db).map((c) => c.id)).toEqual(['y-saved-second', 'z-saved-first']);
  });

  it('refuses a terminal or prefix another active counter uses, naming the field', () => {
    makeCounter(temp.db, { terminalId: 'T1', invoicePrefix: 'A-' });
    expect(caught(() => makeCounter(temp.db, { terminalId: 'T1', invoicePrefix: 'B-' }), ConflictError)).toMatchObject({
      record: 'counter',
      field: 'terminalId',
    });
    expect(caught(() => makeCounter(temp.db, { terminalId: 'T2', invoicePrefix: 'A-' }), ConflictError)).toMatchObject({
      record: 'counter',
      field: 'invoicePrefix',
    });
  });

  it('frees the terminal and prefix when a counter is deactivated', () => {
    const old = makeCounter(temp.db, { terminalId: 'T1', invoicePrefix: 'A-' });
    deactivateCounter(temp.db, old.id);
    expect(makeCounter(temp.db, { terminalId: 'T1', invoicePrefix: 'A-' }).active).toBe(true);
    expect(getCounter(temp.db, old.id)?.active).toBe(false);
  });

  it('updates name, terminal and prefix, with the same uniqueness rules', () => {
    const counter = makeCounter(temp.db, { terminalId: 'T1' });
    makeCounter(temp.db, { terminalId: 'T2' });
    expect(updateCounter(temp.db, counter.id, { name: 'Back', terminalId: 'T3', invoicePrefix: 'Z-' })).toMatchObject({
      name: 'Back',
      terminalId: 'T3',
      invoicePrefix: 'Z-',
    });
    expect(updateCounter(temp.db, counter.id, {})).toMatchObject({ name: 'Back' });
    expect(updateCounter(temp.db, counter.id, { name: 'Side', terminalId: undefined })).toMatchObject({
      name: 'Side',
      terminalId: 'T3',
    });
    expect(caught(() => updateCounter(temp.db, counter.id, { terminalId: 'T2' }), ConflictError)).toMatchObject({
      field: 'terminalId',
    });
    expect(() => updateCounter(temp.db, 'missing', { name: 'x' })).toThrow(NotFoundError);
  });

  it('keeps the terminal of a counter with a live payment, but allows renaming it', () => {
    const counter = makeCounter(temp.db);
    startAttempt(temp.db, makeInvoice(temp.db, counter));
    const move = (): unknown => updateCounter(temp.db, counter.id, { terminalId: 'elsewhere' });
    expect(caught(move, InvalidStateError).reason).toBe('payment_in_progress');
    expect(caught(() => deactivateCounter(temp.db, counter.id), InvalidStateError).reason).toBe('payment_in_progress');
    expect(updateCounter(temp.db, counter.id, { name: 'Renamed' }).name).toBe('Renamed');
  });
});

describe('invoice numbers', () => {
  it('hands out the prefix and a zero-padded sequence, one number per call', () => {
    const counter = makeCounter(temp.db, { invoicePrefix: 'A-' });
    expect(peekNextInvoiceNumber(temp.db, counter.id)).toBe('A-000001');
    expect(takeNextInvoiceNumber(temp.db, counter.id)).toBe('A-000001');
    expect(takeNextInvoiceNumber(temp.db, counter.id)).toBe('A-000002');
    expect(peekNextInvoiceNumber(temp.db, counter.id)).toBe('A-000003');
    expect(peekNextInvoiceNumber(temp.db, counter.id)).toBe('A-000003');
  });

  it('never hands out the same number twice, even to two connections', () => {
    const counter = makeCounter(temp.db, { invoicePrefix: 'A-' });
    const other = temp.connect();
    const numbers = [0, 1, 2, 3, 4, 5].map((i) => takeNextInvoiceNumber(i % 2 === 0 ? temp.db : other, counter.id));
    expect(new Set(numbers).size).toBe(6);
  });

  it('skips numbers already used by an invoice (a reused prefix, a number typed by hand)', () => {
    const old = makeCounter(temp.db, { invoicePrefix: 'A-', terminalId: 'T-old' });
    makeInvoice(temp.db, old, { number: 'A-000001' });
    makeInvoice(temp.db, old, { number: 'A-000002' });
    deactivateCounter(temp.db, old.id);
    const reused = makeCounter(temp.db, { invoicePrefix: 'A-' });
    expect(peekNextInvoiceNumber(temp.db, reused.id)).toBe('A-000003');
    expect(takeNextInvoiceNumber(temp.db, reused.id)).toBe('A-000003');
    expect(takeNextInvoiceNumber(temp.db, reused.id)).toBe('A-000004');
  });

  it('grows past six digits instead of wrapping', () => {
    const counter = makeCounter(temp.db, { invoicePrefix: 'A-' });
    temp.db.prepare('UPDATE counters SET next_invoice_seq = 999999 WHERE id = ?').run(counter.id);
    expect(takeNextInvoiceNumber(temp.db, counter.id)).toBe('A-999999');
    expect(takeNextInvoiceNumber(temp.db, counter.id)).toBe('A-1000000');
  });

  it('refuses a deactivated counter and an unknown one', () => {
    const counter = makeCounter(temp.db);
    deactivateCounter(temp.db, counter.id);
    expect(caught(() => takeNextInvoiceNumber(temp.db, counter.id), InvalidStateError).reason).toBe('counter_inactive');
    expect(() => takeNextInvoiceNumber(temp.db, 'missing')).toThrow(NotFoundError);
  });
});
