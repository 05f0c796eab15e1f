// What reached the Zoho-facing endpoints. Never headers, bodies or query strings: those carry
// access tokens, client secrets and codes.

export interface RequestLogEntry {
  method: string;
  /** The path without its query string. */
  path: string;
  /** When the request arrived (simulator clock, ms). */
  time: number;
  /** The HTTP status sent; 0 when the connection was dropped without an answer. */
  status: number;
  session_id?: string;
  /** Refund calls: the refund, or the payment refunded, named in the path. */
  refund_id?: string;
  payment_id?: string;
  /** For token requests: which grant was asked for. */
  grant_type?: string;
  /** The injected fault that shaped this answer, if any. */
  fault?: 'error' | 'drop' | 'malformed';
  /** Injected latency, when there was some. */
  latency_ms?: number;
}

/** Keeps the most recent entries only, so that long soak runs do not grow without bound. */
export class RequestLog {
  private entries: RequestLogEntry[] = [];

  constructor(private readonly capacity = 20_000) {}

  add(entry: RequestLogEntry): void {
    this.entries.push(entry);
    if (this.entries.length > this.capacity) this.entries.splice(0, this.entries.length - this.capacity);
  }

  list(): RequestLogEntry[] {
    return this.entries.map((entry) => ({ ...entry }));
  }

  clear(): void {
    this.entries = [];
  }
}
