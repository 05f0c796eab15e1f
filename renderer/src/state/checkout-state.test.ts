import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { FakeBackend } from '../testing/fake-backend';
import { MemoryStorage } from '../testing/memory-storage';
import { phaseOf } from './checkout-phase';
import { confirmNeeded, useCheckoutStore } from './checkout-state';
import { startEvents } from './events';

const initial = useCheckoutStore.getState();
let backend: FakeBackend;
let stopEvents: () => void;

beforeEach(() => {
  vi.stubGlobal('localStorage', new MemoryStorage());
  backend = new FakeBackend().install();
  useCheckoutStore.setState(initial, true);
  stopEvents = startEvents();
});

afterEach(() => {
  stopEvents();
  backend.uninstall();
  vi.unstubAllGlobals();
});

const state = () => useCheckoutStore.getState();
const phase = () => phaseOf(state().invoice, state().attempt);

/** Types one item into the fresh sale at counter c1. */
async function typeSale(price = '1234.50'): Promise<void> {
  await state().load('c1');
  const [line] = state().draft.lines;
  if (!line) throw new Error('a fresh sale has one line');
  state().updateLine(line.key, { description: 'Rice', quantity: '1', unitPrice: price });
}

describe('a sale at the counter', () => {
  it('starts with the next invoice number the backend offers', async () => {
    await state().load('c1');
    await vi.waitFor(() => expect(state().number).toBe('A-000001'));
    expect(phase()).toBe('draft');
  });

  it('creates the invoice, charges it once, and waits on the terminal', async () => {
    await typeSale();
    await state().charge();
    expect(backend.callsTo('invoice-create')).toEqual([{ counterId: 'c1', lines: [{ description: 'Rice', quantity: 1, unitPriceMinor: 123450 }] }]);
    expect(backend.callsTo('charge-create')).toEqual([{ invoiceId: state().invoice?.id, counterId: 'c1', method: 'card' }]);
    expect(phase()).toBe('waiting');
    expect(state().busy).toBeNull();
  });

  it('sends one charge however often Charge is pressed while the first is on its way', async () => {
    await typeSale();
    const release = backend.hold('invoice-create');
    const first = state().charge();
    const second = state().charge();
    release();
    await Promise.all([first, second, state().charge()]);
    expect(backend.callsTo('invoice-create')).toHaveLength(1);
    expect(backend.callsTo('charge-create')).toHaveLength(1);
  });

  it('shows the draft\'s own messages and sends nothing while the draft is wrong', async () => {
    await typeSale('abc');
    await state().charge();
    expect(state().submitted).toBe(true);
    expect(backend.callsTo('invoice-create')).toEqual([]);
  });

  it('puts a server error on the field it names', async () => {
    await typeSale();
    backend.failNext('invoice-create', { code: 'invalid_input', message: 'Amount must be at most 10000000.00', field: 'lines.0.unitPriceMinor' });
    await state().charge();
    const [line] = state().draft.lines;
    expect(state().errorTarget).toBe(`${line?.key}.unitPrice`);
    expect(state().error?.message).toBe('Amount must be at most 10000000.00');
  });

  it('turns a backend that does not answer into a message, not an exception', async () => {
    await typeSale();
    backend.api.invoiceCreate = () => Promise.reject(new Error('IPC closed'));
    vi.spyOn(console, 'error').mockImplementation(() => undefined);
    await state().charge();
    expect(state().error?.message).toMatch(/not answering/);
    expect(state().busy).toBeNull();
  });
});

describe('the invoice follows the backend', () => {
  it('is paid when the backend says so, with the backend\'s time', async () => {
    await typeSale();
    await state().charge();
    const attempt = state().attempt;
    if (!attempt) throw new Error('charged');
    const versionBefore = state().phaseVersion;
    backend.settle(attempt.id, 'succeeded');
    const paid = backend.invoices.find((i) => i.id === attempt.invoiceId);
    expect(phase()).toBe('paid');
    expect(state().invoice).toEqual(paid);
    expect(state().phaseVersion).toBe(versionBefore + 1);
  });

  it('keeps the invoice the backend sent with a failure (the checkout state never works the status out)', async () => {
    await typeSale();
    await state().charge();
    const attempt = state().attempt;
    if (!attempt) throw new Error('charged');
    backend.settle(attempt.id, 'failed', 'insufficient_funds');
    expect(phase()).toBe('failed');
    expect(state().invoice?.status).toBe('payment_failed');
    expect(state().attempt?.failureCode).toBe('insufficient_funds');
  });

  it('ignores other counters\' payments and answers older than what it shows', async () => {
    await typeSale();
    await state().charge();
    const current = state().attempt;
    if (!current) throw new Error('charged');
    const elsewhere = backend.addAttempt(backend.addInvoice('c2', 500), 'in_progress');
    backend.settle(elsewhere.id, 'succeeded');
    expect(state().attempt).toEqual(current);
    const invoice = state().invoice;
    if (!invoice) throw new Error('charged');
    backend.emit({ type: 'charge-updated', attempt: { ...current, state: 'failed', updatedAt: current.updatedAt - 1 }, invoice });
    expect(state().attempt).toEqual(current);
  });
});

describe('a payment whose outcome is unknown', () => {
  async function lostCharge(): Promise<void> {
    await typeSale();
    await state().charge();
    const attempt = state().attempt;
    if (!attempt) throw new Error('charged');
    backend.settle(attempt.id, 'unresolved');
  }

  it('asks the cashier to check the terminal before charging again', async () => {
    await lostCharge();
    expect(confirmNeeded(state())).toBe(true);
    await state().charge();
    expect(state().errorTarget).toBe('confirmChecked');
    expect(backend.callsTo('charge-create')).toHaveLength(1);

    state().setConfirmChecked(true);
    await state().charge();
    expect(backend.callsTo('charge-create').at(-1)).toMatchObject({ confirmChecked: true });
    expect(phase()).toBe('waiting');
  });

  it('still asks after a later try fails, since the older one was never checked', async () => {
    await lostCharge();
    state().setConfirmChecked(true);
    await state().charge();
    const retry = state().attempt;
    if (!retry) throw new Error('charged again');
    // Zoho refused the new session (the terminal is busy): the lost one may still be running there.
    backend.change(retry.id, { state: 'rejected', paymentsSessionId: null, failureMessage: 'Terminal busy' });
    expect(phase()).toBe('rejected');
    await vi.waitFor(() => expect(state().confirmRequired).toBe(true));
  });

  it('sends nothing while the terminal is on hold, and takes the charge once the hold has ended', async () => {
    await typeSale();
    await state().charge();
    const attempt = state().attempt;
    if (!attempt) throw new Error('charged');
    backend.change(attempt.id, { state: 'unknown', paymentsSessionId: null, hold: { until: Date.now() + 60_000, endedAt: null } });
    state().setConfirmChecked(true);
    await state().charge();
    expect(backend.callsTo('charge-create')).toHaveLength(1);
    expect(state().error).toBeNull();
    backend.change(attempt.id, { hold: { until: Date.now() + 60_000, endedAt: Date.now() } });
    state().setConfirmChecked(true);
    await state().charge();
    expect(backend.callsTo('charge-create')).toHaveLength(2);
  });
});

describe('after a reload', () => {
  it('comes back to the payment on the terminal', async () => {
    const invoice = backend.addInvoice('c1', 5600_00);
    const live = backend.addAttempt(invoice, 'in_progress');
    await state().load('c1');
    expect(state().invoice?.id).toBe(invoice.id);
    expect(state().attempt?.id).toBe(live.id);
    expect(phase()).toBe('waiting');
  });

  it('starts a new sale once the cashier moved on from the last one', async () => {
    await typeSale();
    await state().charge();
    const attempt = state().attempt;
    if (!attempt) throw new Error('charged');
    backend.settle(attempt.id, 'succeeded');
    await state().newSale();
    await state().load('c1');
    expect(phase()).toBe('draft');
    await vi.waitFor(() => expect(state().number).toBe('A-000002'));
  });

  it('does not bring back a sale paid long ago', async () => {
    const invoice = backend.addInvoice('c1', 100);
    const attempt = backend.addAttempt(invoice, 'in_progress');
    backend.settle(attempt.id, 'succeeded');
    invoice.paidAt = Date.now() - 6 * 60_000;
    await state().load('c1');
    expect(phase()).toBe('draft');
  });
});

describe('the next sale’s method', () => {
  it('starts every sale with the store’s default method, whatever the last customer used', async () => {
    backend.settings = { ...backend.settings, defaultMethod: 'upi' };
    await typeSale();
    expect(state().method).toBe('upi');
    state().setMethod('card');
    await state().charge();
    backend.settle(state().attempt?.id ?? '', 'succeeded');
    await vi.waitFor(() => expect(phase()).toBe('paid'));
    await state().newSale();
    expect(state().method).toBe('upi');
    expect(state().cash).toBe(false);
  });
});

describe('cash at the till', () => {
  it('settles the sale in cash with change, in one call', async () => {
    await typeSale('450.50');
    state().setCash(true);
    state().setTendered('500');
    await state().settleCash(45_050);
    expect(backend.callsTo('cash-settle')).toEqual([{ invoiceId: state().invoice?.id, counterId: 'c1', tenderedMinor: 50_000 }]);
    expect(phase()).toBe('paid');
    expect(state().cashPaid).toEqual({ tenderedMinor: 50_000, changeMinor: 4_950 });
    expect(backend.callsTo('charge-create')).toEqual([]);
  });

  it('names the field for an amount tendered that is not a number, and sends nothing', async () => {
    await typeSale('450.50');
    state().setCash(true);
    for (const typed of ['', 'abc', '-5', '1.005']) {
      state().setTendered(typed);
      await state().settleCash(45_050);
      expect(state().errorTarget).toBe('tendered');
    }
    expect(backend.callsTo('cash-settle')).toEqual([]);
    expect(backend.callsTo('invoice-create')).toEqual([]);
  });

  it('refuses too little cash at the field before any invoice is made (a typo needs no void)', async () => {
    await typeSale('450.50');
    state().setCash(true);
    state().setTendered('400');
    await state().settleCash(45_050);
    expect(state().errorTarget).toBe('tendered');
    expect(state().error?.message).toBe('Amount tendered (₹400.00) must be at least the total, ₹450.50.');
    expect(backend.callsTo('invoice-create')).toEqual([]);
    expect(phase()).toBe('draft');
    state().setTendered('500');
    await state().settleCash(45_050);
    expect(state().cashPaid).toEqual({ tenderedMinor: 50_000, changeMinor: 4_950 });
  });

  it('shows the refusal while a card payment of the invoice is on the terminal', async () => {
    await typeSale('450.50');
    await state().charge();
    backend.settle(state().attempt?.id ?? '', 'unresolved');
    await vi.waitFor(() => expect(phase()).toBe('unresolved'));
    state().setCash(true);
    state().setTendered('500');
    await state().settleCash(45_050);
    expect(state().errorTarget).toBe('general');
    expect(state().error?.message).toMatch(/still running or whose outcome is unknown/);
  });

  it('comes back to a cash sale after a reload, with its change', async () => {
    await typeSale('450.50');
    state().setCash(true);
    state().setTendered('500');
    await state().settleCash(45_050);
    useCheckoutStore.setState({ ...initial }, true);
    await state().load('c1');
    expect(phase()).toBe('paid');
    await vi.waitFor(() => expect(state().cashPaid).toEqual({ tenderedMinor: 50_000, changeMinor: 4_950 }));
  });
});
