import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { DAY_LOG_PAGE } from '../../../contract/answers';
import { localDate } from '../../../contract/calendar';
import { FakeBackend } from '../testing/fake-backend';
import { startEvents } from './events';
import { filtersApplied, setLogActive, useLogStore } from './log-state';

const initial = useLogStore.getState();
let backend: FakeBackend;
let stopEvents: () => void;
const today = localDate(Date.now());

beforeEach(() => {
  vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
  backend = new FakeBackend().install();
  useLogStore.setState(initial, true);
  stopEvents = startEvents();
});

afterEach(() => {
  setLogActive(false);
  stopEvents();
  backend.uninstall();
  vi.useRealTimers();
});

const state = () => useLogStore.getState();

function daySale(counterId: string, state: 'succeeded' | 'failed' | 'in_progress') {
  const attempt = backend.addAttempt(backend.addInvoice(counterId, 100), 'in_progress');
  if (state !== 'in_progress') backend.settle(attempt.id, state);
  return attempt;
}

describe('the payment log', () => {
  it('asks for today, a page at a time, with only the filters that are set', async () => {
    daySale('c1', 'succeeded');
    await state().load();
    expect(backend.callsTo('log-day')).toEqual([{ date: today, rows: DAY_LOG_PAGE }]);
    expect(state().log?.attempts).toHaveLength(1);

    state().setFilters({ counterId: 'c2', search: '  B-0 ' });
    expect(filtersApplied(state().filters)).toBe(true);
    await vi.advanceTimersByTimeAsync(250);
    expect(backend.callsTo('log-day').at(-1)).toEqual({ date: today, counterId: 'c2', search: 'B-0', rows: DAY_LOG_PAGE });
  });

  it('waits for a pause in typing before it searches', async () => {
    for (const search of ['A', 'A-', 'A-0']) {
      state().setFilters({ search });
      await vi.advanceTimersByTimeAsync(100);
    }
    expect(backend.callsTo('log-day')).toEqual([]);
    await vi.advanceTimersByTimeAsync(250);
    expect(backend.callsTo('log-day').map((input) => input.search)).toEqual(['A-0']);
  });

  it('shows another page on "Show more", and a new filter starts again from one page', async () => {
    await state().showMore();
    expect(backend.callsTo('log-day').at(-1)?.rows).toBe(2 * DAY_LOG_PAGE);
    state().setFilters({ state: 'failed' });
    expect(state().rows).toBe(DAY_LOG_PAGE);
  });

  it('keeps the answer to the latest request when an older one comes back last', async () => {
    const release = backend.hold('log-day');
    const older = state().load();
    daySale('c1', 'succeeded');
    await state().load();
    release();
    await older;
    expect(backend.callsTo('log-day')).toHaveLength(2);
    expect(state().log?.attempts).toHaveLength(1);
  });

  it('reloads on a payment of the shown day only while it is on screen', async () => {
    await state().load();
    const sale = daySale('c1', 'in_progress');
    await vi.advanceTimersByTimeAsync(500);
    expect(backend.callsTo('log-day')).toHaveLength(1);

    setLogActive(true);
    backend.settle(sale.id, 'failed');
    await vi.advanceTimersByTimeAsync(500);
    expect(backend.callsTo('log-day')).toHaveLength(2);
    expect(state().log?.attempts[0]?.state).toBe('failed');
  });

  it('shows the history of the chosen attempt and follows it', async () => {
    const sale = daySale('c1', 'in_progress');
    await state().select(sale.id);
    expect(state().events?.map((e) => e.toState)).toEqual(['creating']);
    backend.settle(sale.id, 'succeeded');
    await vi.waitFor(() => expect(state().events?.map((e) => e.toState)).toEqual(['creating', 'succeeded']));
  });

  it('re-checks a payment with Zoho and says what Zoho answered', async () => {
    const sale = daySale('c1', 'succeeded');
    await state().recheck(sale.id);
    expect(state().notice).toBe(`Checked with Zoho: invoice ${sale.invoiceNumber} is “Paid”.`);
    backend.failNext('charge-recheck', { code: 'zoho_error', message: 'Zoho is not answering.' });
    await state().recheck(sale.id);
    expect(state().error?.message).toBe('Zoho is not answering.');
  });

  it('exports the filtered day through the save dialog, and says when it was cancelled', async () => {
    daySale('c1', 'succeeded');
    daySale('c2', 'failed');
    state().setFilters({ counterId: 'c1' });
    await state().exportCsv();
    expect(backend.callsTo('log-export-csv')).toEqual([{ date: today, counterId: 'c1' }]);
    expect(backend.savedFiles).toHaveLength(1);
    expect(state().notice).toBe(`Exported 1 payment to payments-${today}.csv.`);

    backend.saveDialog = 'cancel';
    await state().exportCsv();
    expect(state().notice).toBe('Export cancelled: no file was saved.');
  });
});

describe('refunds and the day close in the log', () => {
  it('loads a paid payment’s refunds with it, and again when one changes', async () => {
    const paid = daySale('c1', 'succeeded');
    await state().load();
    await state().select(paid.id);
    expect(state().refunds).toEqual([]);
    backend.emit({ type: 'refund-updated', refund: { ...backend.refunds[0], id: 'r1', attemptId: paid.id } as never });
    await vi.waitFor(() => expect(backend.callsTo('refund-list')).toHaveLength(2));
  });

  it('opens the close report for the day shown, and reads it again when the ledger changes', async () => {
    daySale('c1', 'succeeded');
    await state().load();
    await state().openClose();
    expect(state().closeReport?.date).toBe(today);
    expect(state().closeOpen).toBe(true);
    backend.emit({ type: 'ledger-changed' });
    await vi.waitFor(() => expect(backend.callsTo('day-close-report')).toHaveLength(2));
    state().closeClosePanel();
    expect(state().closeOpen).toBe(false);
  });
});
