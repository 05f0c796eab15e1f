import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { BillingEvent } from '../../../contract/events';
import { ReconnectingEventStream, RETRY_DELAYS_MS, type EventSourceLike, type TransportState } from './event-stream';

class FakeEventSource implements EventSourceLike {
  readyState = 0;
  closed = false;
  private readonly handlers = new Map<string, ((message: { data: unknown }) => void)[]>();

  addEventListener(type: string, listener: (message: { data: unknown }) => void): void {
    this.handlers.set(type, [...(this.handlers.get(type) ?? []), listener]);
  }
  close(): void {
    this.closed = true;
    this.readyState = 2;
  }
  fire(type: 'open' | 'error' | 'message', data?: unknown): void {
    if (type === 'open') this.readyState = 1;
    for (const handler of this.handlers.get(type) ?? []) handler({ data });
  }
}

describe('ReconnectingEventStream', () => {
  let opened: FakeEventSource[];
  let stream: ReconnectingEventStream;
  let states: TransportState[];
  const latest = () => opened[opened.length - 1] as FakeEventSource;

  beforeEach(() => {
    vi.useFakeTimers();
    opened = [];
    stream = new ReconnectingEventStream('/api/events', (url) => {
      expect(url).toBe('/api/events');
      const source = new FakeEventSource();
      opened.push(source);
      return source;
    });
    states = [];
    stream.onStateChange((state) => states.push(state));
  });
  afterEach(() => vi.useRealTimers());

  it('opens one stream for all subscribers and closes it after the last leaves', () => {
    const first = stream.subscribe(() => undefined);
    const second = stream.subscribe(() => undefined);
    expect(opened).toHaveLength(1);
    first();
    expect(latest().closed).toBe(false);
    second();
    expect(latest().closed).toBe(true);
  });

  it('delivers parsed events to every subscriber and skips malformed ones', () => {
    const a: BillingEvent[] = [];
    const b: BillingEvent[] = [];
    stream.subscribe((event) => a.push(event));
    stream.subscribe((event) => b.push(event));
    latest().fire('open');
    latest().fire('message', '{"type":"counters-changed"}');
    latest().fire('message', 'not json');
    latest().fire('message', '{"no":"type"}');
    expect(a).toEqual([{ type: 'counters-changed' }]);
    expect(b).toEqual(a);
  });

  it('reports a dropped stream as lost while the browser reconnects it', () => {
    stream.subscribe(() => undefined);
    latest().fire('open');
    latest().readyState = 0;
    latest().fire('error');
    latest().fire('open');
    expect(states).toEqual(['connecting', 'connected', 'lost', 'connected']);
    expect(opened).toHaveLength(1);
  });

  it('reopens a refused stream with growing delays, and resets them once connected', () => {
    stream.subscribe(() => undefined);
    for (const delay of RETRY_DELAYS_MS) {
      latest().readyState = 2;
      latest().fire('error');
      const count = opened.length;
      vi.advanceTimersByTime(delay - 1);
      expect(opened).toHaveLength(count);
      vi.advanceTimersByTime(1);
      expect(opened).toHaveLength(count + 1);
    }
    latest().fire('open');
    latest().readyState = 2;
    latest().fire('error');
    vi.advanceTimersByTime(RETRY_DELAYS_MS[0] ?? 0);
    expect(opened).toHaveLength(RETRY_DELAYS_MS.length + 2);
    expect(states.at(-1)).toBe('lost');
  });

  it('stops retrying when nobody listens any more', () => {
    const unsubscribe = stream.subscribe(() => undefined);
    latest().readyState = 2;
    latest().fire('error');
    unsubscribe();
    vi.advanceTimersByTime(60_000);
    expect(opened).toHaveLength(1);
  });
});
