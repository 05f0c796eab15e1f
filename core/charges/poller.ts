// One scheduler for every live session. Each is checked every interval (5 s by default) from its
// creation; never two requests at once for one session; a shared budget keeps the account under
// Zoho's rate limit by stretching every interval alike (up to the maximum) when many are live.

export interface CheckOutcome {
  /** Stop checking this attempt: it is final or handed to a person. */
  done: boolean;
  /** Check this attempt no more often than this (the late phase after the session's validity). */
  minIntervalMs?: number;
  /** Zoho said 429: hold every check for this long. */
  pauseAllMs?: number;
}

export interface PollerOptions {
  check: (attemptId: string) => Promise<CheckOutcome>;
  /** The configured interval (a setting, 5–10 s). */
  intervalMs: () => number;
  maxIntervalMs?: number;
  /** Calls a minute the poller may spend across all sessions. */
  budgetPerMinute?: number;
  onError: (attemptId: string, error: unknown) => void;
}

interface Tracked {
  attemptId: string;
  timer: NodeJS.Timeout | null;
  inFlight: Promise<void> | null;
  lastStartAt: number | null;
  minIntervalMs: number;
}

const MINUTE_MS = 60_000;

export class Poller {
  private readonly tracked = new Map<string, Tracked>();
  private readonly untrackedChecks = new Map<string, Promise<void>>();
  private readonly recentStarts: number[] = [];
  private pausedUntil = 0;
  private stopped = false;

  constructor(private readonly options: PollerOptions) {}

  /** Starts checking `attemptId`, first at `firstCheckAt` (unix ms; now or earlier = at once). */
  track(attemptId: string, firstCheckAt: number): void {
    if (this.stopped || this.tracked.has(attemptId)) return;
    const entry: Tracked = { attemptId, timer: null, inFlight: null, lastStartAt: null, minIntervalMs: 0 };
    this.tracked.set(attemptId, entry);
    this.schedule(entry, firstCheckAt);
  }

  isTracked(attemptId: string): boolean {
    return this.tracked.has(attemptId);
  }

  get size(): number {
    return this.tracked.size;
  }

  /**
   * Checks now (a person asked). Waits for a check already under way first, so one session never
   * has two requests in flight. Attempts not tracked are checked once through `check`.
   */
  async checkNow(attemptId: string): Promise<void> {
    const entry = this.tracked.get(attemptId);
    if (!entry) {
      const running = this.untrackedChecks.get(attemptId);
      if (running) return running;
      const check = this.options
        .check(attemptId)
        .then(() => undefined)
        .finally(() => this.untrackedChecks.delete(attemptId));
      this.untrackedChecks.set(attemptId, check);
      return check;
    }
    if (entry.inFlight) await entry.inFlight;
    if (this.tracked.has(attemptId)) await this.run(entry);
  }

  /** The interval every session gets now: the setting, stretched to fit the budget. */
  currentIntervalMs(): number {
    const base = this.options.intervalMs();
    const budget = this.options.budgetPerMinute ?? 500;
    const fair = Math.ceil((this.tracked.size * MINUTE_MS) / budget);
    return Math.min(Math.max(base, fair), this.options.maxIntervalMs ?? 10_000);
  }

  async stop(): Promise<void> {
    this.stopped = true;
    const running: Promise<void>[] = [];
    for (const entry of this.tracked.values()) {
      if (entry.timer) clearTimeout(entry.timer);
      if (entry.inFlight) running.push(entry.inFlight);
    }
    this.tracked.clear();
    await Promise.all([...running, ...this.untrackedChecks.values()]);
  }

  private schedule(entry: Tracked, at: number): void {
    if (entry.timer) clearTimeout(entry.timer);
    const delay = Math.max(0, at - Date.now(), this.pausedUntil - Date.now(), this.budgetWaitMs());
    entry.timer = setTimeout(() => {
      entry.timer = null;
      void this.run(entry);
    }, delay);
  }

  private run(entry: Tracked): Promise<void> {
    if (entry.inFlight) return entry.inFlight;
    if (entry.timer) clearTimeout(entry.timer);
    entry.timer = null;
    const startedAt = Date.now();
    entry.lastStartAt = startedAt;
    this.recentStarts.push(startedAt);
    entry.inFlight = this.options
      .check(entry.attemptId)
      .catch((error: unknown): CheckOutcome => {
        this.options.onError(entry.attemptId, error);
        return { done: false };
      })
      .then((outcome) => {
        entry.inFlight = null;
        if (outcome.pauseAllMs) this.pausedUntil = Math.max(this.pausedUntil, Date.now() + outcome.pauseAllMs);
        if (outcome.minIntervalMs !== undefined) entry.minIntervalMs = outcome.minIntervalMs;
        if (outcome.done || this.stopped) {
          this.tracked.delete(entry.attemptId);
          return;
        }
        if (this.tracked.get(entry.attemptId) !== entry) return;
        const interval = Math.max(this.currentIntervalMs(), entry.minIntervalMs);
        this.schedule(entry, startedAt + interval);
      });
    return entry.inFlight;
  }

  /** How long until the budget has room for one more call (0 when it has room now). */
  private budgetWaitMs(): number {
    const now = Date.now();
    while (this.recentStarts.length > 0 && (this.recentStarts[0] ?? 0) <= now - MINUTE_MS) this.recentStarts.shift();
    const budget = this.options.budgetPerMinute ?? 500;
    if (this.recentStarts.length < budget) return 0;
    return (this.recentStarts[this.recentStarts.length - budget] ?? now) + MINUTE_MS - now;
  }
}
