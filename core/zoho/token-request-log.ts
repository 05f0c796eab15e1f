// Zoho allows an app at most 10 token requests in 10 minutes. This log of Counter's recent ones,
// and of any pause Zoho asked for, is shared by everything that asks for tokens (the payments'
// refreshes and each sign-in's code exchange) and kept in a small file of its own: a restart
// does not forget it, and neither does a disconnect, which forgets the connection but not the
// requests it made. Times only, nothing secret.
import { z } from 'zod';
import type { SecretStore } from '../secrets/secret-store';

export const TOKEN_REQUEST_LIMIT = { count: 10, windowMs: 10 * 60_000 } as const;

export const TOKEN_REQUEST_LOG_FILE = 'zoho-token-requests.json';

const storedLog = z.object({ times: z.array(z.number()), pausedUntil: z.number() });
type LogState = z.output<typeof storedLog>;

export interface TokenRequestWindow {
  /** When our own count allows the next request (0 = now). */
  limitedUntil: number;
  /** Until when Zoho asked us to stop (0 = it did not). */
  pausedUntil: number;
}

export class TokenRequestLog {
  private state: LogState = { times: [], pausedUntil: 0 };
  private loaded: Promise<void> | null = null;
  private writing: Promise<void> = Promise.resolve();

  constructor(
    private readonly store: SecretStore,
    private readonly limit: { count: number; windowMs: number } = TOKEN_REQUEST_LIMIT,
  ) {}

  async window(now: number): Promise<TokenRequestWindow> {
    await this.ready();
    return this.windowAt(now);
  }

  /**
   * Counts a request about to be sent and returns 0, or returns when one may be sent and counts
   * nothing. The check and the count are one step, so requests asked for at once cannot pass the
   * limit together; the count is saved before the request goes out.
   */
  async take(now: number): Promise<number> {
    await this.ready();
    const { limitedUntil, pausedUntil } = this.windowAt(now);
    const retryAt = Math.max(pausedUntil, limitedUntil);
    if (retryAt > 0) return retryAt;
    this.state = { ...this.state, times: [...this.recent(now), now] };
    await this.save();
    return 0;
  }

  /** Zoho said "too many requests": none until `until`. */
  async pause(until: number): Promise<void> {
    await this.ready();
    this.state = { ...this.state, pausedUntil: Math.max(this.state.pausedUntil, until) };
    await this.save();
  }

  private windowAt(now: number): TokenRequestWindow {
    const recent = this.recent(now);
    return {
      limitedUntil: recent.length >= this.limit.count ? (recent[0] ?? 0) + this.limit.windowMs : 0,
      pausedUntil: this.state.pausedUntil > now ? this.state.pausedUntil : 0,
    };
  }

  private recent(now: number): number[] {
    const since = now - this.limit.windowMs;
    return this.state.times.filter((at) => at > since).sort((a, b) => a - b);
  }

  private ready(): Promise<void> {
    // A damaged log starts empty: the worst that follows is Zoho pausing us for a while.
    this.loaded ??= this.store.read().then((text) => {
      const parsed = storedLog.safeParse(safeJson(text));
      if (parsed.success) this.state = parsed.data;
    });
    return this.loaded;
  }

  private save(): Promise<void> {
    const text = JSON.stringify(this.state);
    const run = this.writing.then(() => this.store.write(text));
    this.writing = run.catch(() => undefined);
    return run;
  }
}

function safeJson(text: string | null): unknown {
  if (text === null) return null;
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return null;
  }
}
