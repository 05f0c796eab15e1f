// The browser host's Server-Sent Events, shared by every subscriber, reconnecting after the host
// refuses or drops the stream, and telling the screens whether events are flowing.
import type { BillingEvent } from '../../../contract/events';

/** 'lost': events may have been missed; on the next 'connected' the screens should reload. */
export type TransportState = 'connecting' | 'connected' | 'lost';

/** The part of the DOM's EventSource used here. */
export interface EventSourceLike {
  readonly readyState: number;
  addEventListener(type: 'open' | 'error', listener: () => void): void;
  addEventListener(type: 'message', listener: (message: { data: unknown }) => void): void;
  close(): void;
}

const CLOSED = 2;
/** Waits between reconnects after a refusal; the browser retries dropped streams by itself. */
export const RETRY_DELAYS_MS = [1_000, 2_000, 5_000, 10_000];

export class ReconnectingEventStream {
  private source: EventSourceLike | null = null;
  private retryTimer: ReturnType<typeof setTimeout> | null = null;
  private failures = 0;
  private state: TransportState = 'connecting';
  private readonly listeners = new Set<(event: BillingEvent) => void>();
  private readonly stateListeners = new Set<(state: TransportState) => void>();

  constructor(
    private readonly url: string,
    private readonly open: (url: string) => EventSourceLike,
  ) {}

  subscribe(listener: (event: BillingEvent) => void): () => void {
    this.listeners.add(listener);
    if (!this.source && !this.retryTimer) this.connect();
    return () => {
      this.listeners.delete(listener);
      if (this.listeners.size === 0) this.disconnect();
    };
  }

  /** Calls `listener` with the current state now and with every change after. */
  onStateChange(listener: (state: TransportState) => void): () => void {
    this.stateListeners.add(listener);
    listener(this.state);
    return () => {
      this.stateListeners.delete(listener);
    };
  }

  private connect(): void {
    this.retryTimer = null;
    const source = this.open(this.url);
    source.addEventListener('open', () => {
      this.failures = 0;
      this.setState('connected');
    });
    source.addEventListener('message', (message) => {
      const event = parseEvent(message.data);
      if (event) for (const listener of [...this.listeners]) listener(event);
    });
    source.addEventListener('error', () => {
      if (this.source !== source) return;
      this.setState('lost');
      if (source.readyState !== CLOSED) return;
      source.close();
      this.source = null;
      const delay = RETRY_DELAYS_MS[Math.min(this.failures, RETRY_DELAYS_MS.length - 1)];
      this.failures += 1;
      this.retryTimer = setTimeout(() => this.connect(), delay);
    });
    this.source = source;
  }

  private disconnect(): void {
    if (this.retryTimer) clearTimeout(this.retryTimer);
    this.retryTimer = null;
    this.source?.close();
    this.source = null;
    this.failures = 0;
    this.setState('connecting');
  }

  private setState(state: TransportState): void {
    if (state === this.state) return;
    this.state = state;
    for (const listener of [...this.stateListeners]) listener(state);
  }
}

function parseEvent(data: unknown): BillingEvent | null {
  if (typeof data !== 'string') return null;
  try {
    const event = JSON.parse(data) as unknown;
    return typeof event === 'object' && event !== null && typeof (event as { type?: unknown }).type === 'string' ? (event as BillingEvent) : null;
  } catch {
    return null;
  }
}
