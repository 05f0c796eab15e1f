import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { FakeBackend } from '../testing/fake-backend';
import { setDashboardActive, useDashboardStore } from './dashboard-state';
import { startEvents } from './events';

const initial = useDashboardStore.getState();
let backend: FakeBackend;
let stopEvents: () => void;

beforeEach(() => {
  vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
  backend = new FakeBackend().install();
  useDashboardStore.setState(initial, true);
  stopEvents = startEvents();
  setDashboardActive(true);
});

afterEach(() => {
  setDashboardActive(false);
  stopEvents();
  backend.uninstall();
  vi.useRealTimers();
});

const state = () => useDashboardStore.getState();
const card = (counterId: string) => state().statuses.find((s) => s.counter.id === counterId);

describe('the dashboard', () => {
  it('shows every counter and what it is doing', async () => {
    const waiting = backend.addAttempt(backend.addInvoice('c1', 4321), 'in_progress');
    await state().load();
    expect(state().loaded).toBe(true);
    expect(card('c1')?.attempt?.id).toBe(waiting.id);
    expect(card('c2')?.attempt).toBeNull();
  });

  it('takes a payment\'s outcome and its invoice from the event, without asking again', async () => {
    const waiting = backend.addAttempt(backend.addInvoice('c1', 4321), 'in_progress');
    await state().load();
    backend.settle(waiting.id, 'succeeded');
    expect(card('c1')?.attempt?.state).toBe('succeeded');
    expect(card('c1')?.invoice?.status).toBe('paid');
    await vi.advanceTimersByTimeAsync(500);
    expect(backend.callsTo('dashboard')).toHaveLength(1);
  });

  it('fetches the counters again for a new payment, once for a burst, and only while on screen', async () => {
    await state().load();
    for (const counterId of ['c1', 'c2']) backend.addAttempt(backend.addInvoice(counterId, 100), 'in_progress');
    for (const attempt of backend.attempts) backend.publish(attempt);
    await vi.advanceTimersByTimeAsync(300);
    expect(backend.callsTo('dashboard')).toHaveLength(2);
    expect(card('c2')?.attempt?.state).toBe('in_progress');

    setDashboardActive(false);
    backend.addAttempt(backend.addInvoice('c1', 100), 'in_progress');
    backend.publish(backend.attempts.at(-1)!);
    await vi.advanceTimersByTimeAsync(300);
    expect(backend.callsTo('dashboard')).toHaveLength(2);
  });

  it('says when the counters could not be loaded', async () => {
    backend.failNext('dashboard', { code: 'internal', message: 'The database is busy.' });
    await state().load();
    expect(state().error).toBe('The database is busy.');
  });
});
