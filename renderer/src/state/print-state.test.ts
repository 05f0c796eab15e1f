import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { FakeBackend } from '../testing/fake-backend';
import { usePrintStore } from './print-state';

let backend: FakeBackend;

beforeEach(() => {
  backend = new FakeBackend().install();
  usePrintStore.setState(usePrintStore.getInitialState(), true);
});

afterEach(() => backend.uninstall());

const state = () => usePrintStore.getState();

describe('printing', () => {
  it('prints a paid invoice’s receipt on this PC’s paper and printer', async () => {
    const invoice = backend.addInvoice('c1', 4321);
    backend.settle(backend.addAttempt(invoice, 'in_progress').id, 'succeeded');
    state().setPrinter('Counter thermal');
    expect(await state().printReceipt(invoice.id)).toBe(true);
    expect(backend.printed).toEqual([{ deviceName: 'Counter thermal', layout: 'thermal' }]);
    expect(state().job).toMatchObject({ kind: 'receipt', receipt: { invoice: { id: invoice.id, status: 'paid' } } });
    expect(state().notice).toBe(`The receipt for ${invoice.number} sent to the printer.`);
    expect(state().about).toBe(invoice.id);
  });

  it('prints nothing for an invoice not paid yet, and says why', async () => {
    const invoice = backend.addInvoice('c1', 4321);
    expect(await state().printReceipt(invoice.id)).toBe(false);
    expect(backend.printed).toEqual([]);
    expect(state().error).toBe('A receipt is printed once the invoice is paid.');
  });

  it('prints the day’s summary on A4 under the store’s name', async () => {
    backend.settings.storeName = 'Main Street';
    const report = await backend.api.dayCloseReport({ date: '2026-12-07' });
    if (!report.ok) throw new Error(report.error.message);
    expect(await state().printDay(report.value)).toBe(true);
    expect(backend.printed).toEqual([{ deviceName: null, layout: 'a4' }]);
    expect(state().job).toMatchObject({ kind: 'day', storeName: 'Main Street', report: { date: '2026-12-07' } });
  });
});
