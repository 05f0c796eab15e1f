// One scheduler for every live session. Each is checked every interval (the manager's setting) from its
// creation; never two requests at once for one session; a shared budget keeps the account under
// Zoho's rate limit by stretching every interval alike (up to the maximum) when many are live, and
// past that by holding due checks in line, first due first served (charge creates count too).

export interface CheckOutcome {
  /** Stop checking this attempt: it is final or handed to a person. */
  done: boolean;
  /** Check this attempt no more often than this (the late phase after the session's validity). */
  minIntervalMs?: number;
  /** Zoho said 429: hold every check for this long. */
  pauseAllMs?: number;
}

export interface PollerOptions {
  /** One retrieve for the attempt; `actor` says who asked, for the audit trail. */
  check: (attemptId: string, actor: 'poller' | 'recheck') => Promise<CheckOutcome>;
  /** The configured interval (a setting, 5–10 s). */
  intervalMs: () => number;
  /** The longest the budget may stretch an interval to. */
  maxIntervalMs: number;
  /** Calls a minute the poller may spend across all sessions, now (a store's PCs share one account's). */
  budgetPerMinute: () => number;
  onError: (attemptId: string, error: unknown) => void;
}

interface Tracked {
  attemptId: string;
  timer: NodeJS.Timeout | null;
  inFlight: Promise<void> | null;
  lastStartAt: number | null;
  minIntervalMs: number;
  /** Due, and waiting in line for the budget (or a 429 pause). */
  queued: boolean;
}

const MINUTE_MS = 60_000;

export class Poller {
  private readonly tracked = new Map<string, Tracked>();
  private readonly untrackedChecks = new Map<string, Promise<void>>();
  private readonly recentStarts: number[] = [];
  /** Checks that are due but held by the budget or a 429 pause, longest-waiting first. */
  private readonly due: Tracked[] = [];
  private gate: NodeJS.Timeout | null = null;
  /** Pacing: calls are spent from a small bucket refilled at the budget's rate, so they flow evenly. */
  private tokens: number;
  private refilledAt = Date.now();
  private pausedUntil = 0;
  private stopped = false;

  constructor(private readonly options: PollerOptions) {
    this.tokens = this.bucketSize();
  }

  /** Starts checking `attemptId`, first at `firstCheckAt` (unix ms; now or earlier = at once). */
  track(attemptId: string, firstCheckAt: number): void {
    if (this.stopped || this.tracked.has(attemptId)) return;
    const entry: Tracked = { attemptId, timer: null, inFlight: null, lastStartAt: null, minIntervalMs: 0, queued: false };
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
        .check(attemptId, 'recheck')
        .then(() => undefined)
        .finally(() => this.untrackedChecks.delete(attemptId));
      this.untrackedChecks.set(attemptId, check);
      return check;
    }
    if (entry.inFlight) await entry.inFlight;
    if (this.tracked.has(attemptId)) await this.run(entry, 'recheck');
  }

  /** Counts a call to Zoho made outside the poller (a charge's create) against the same budget. */
  noteCall(): void {
    this.spend();
  }

  /** The interval every session gets now: the setting, stretched to fit the budget. */
  currentIntervalMs(): number {
    const base = this.options.intervalMs();
    const fair = Math.ceil((this.tracked.size * MINUTE_MS) / this.options.budgetPerMinute());
    return Math.min(Math.max(base, fair), this.options.maxIntervalMs);
  }

  async stop(): Promise<void> {
    this.stopped = true;
    if (this.gate) clearTimeout(this.gate);
    this.gate = null;
    this.due.length = 0;
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
    entry.timer = setTimeout(() => {
      entry.timer = null;
      this.enqueue(entry);
    }, Math.max(0, at - Date.now()));
  }

  /** The check is due: it runs now if the budget has room, else it waits its turn. */
  private enqueue(entry: Tracked): void {
    if (this.stopped || this.tracked.get(entry.attemptId) !== entry || entry.inFlight || entry.queued) return;
    entry.queued = true;
    this.due.push(entry);
    this.release();
  }

  /**
   * Starts due checks in the order they fell due, while the budget has room and no 429 pause holds
   * them; then waits for the next free call. The budget is checked as each call starts, so sessions
   * that fall due together cannot all spend the same room, and the longest-waiting goes first.
   */
  private release(): void {
    if (this.gate) clearTimeout(this.gate);
    this.gate = null;
    while (this.due.length > 0) {
      const wait = Math.max(this.pausedUntil - Date.now(), this.budgetWaitMs(), this.paceWaitMs());
      if (wait > 0) {
        this.gate = setTimeout(() => {
          this.gate = null;
          this.release();
        }, wait);
        return;
      }
      const entry = this.due.shift();
      if (!entry) return;
      entry.queued = false;
      if (this.tracked.get(entry.attemptId) === entry && !entry.inFlight) void this.run(entry);
    }
  }

  private run(entry: Tracked, actor: 'poller' | 'recheck' = 'poller'): Promise<void> {
    if (entry.inFlight) return entry.inFlight;
    if (entry.timer) clearTimeout(entry.timer);
    entry.timer = null;
    if (entry.queued) {
      // Checked now (a person asked) while waiting in line: it leaves the line.
      this.due.splice(this.due.indexOf(entry), 1);
      entry.queued = false;
    }
    const startedAt = Date.now();
    entry.lastStartAt = startedAt;
    this.spend();
    entry.inFlight = this.options
      .check(entry.attemptId, actor)
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

  /** Records one call to Zoho: in the minute's count and from the pacing bucket. */
  private spend(): void {
    this.refill();
    this.tokens -= 1;
    this.recentStarts.push(Date.now());
  }

  /**
   * Five seconds' worth of calls may go at once (12 % of the budget), so that sessions and creates
   * falling due together are not held back while the account is far from its limit.
   */
  private bucketSize(): number {
    return Math.max(1, Math.floor(this.options.budgetPerMinute() / 12));
  }

  /** Refilled so that a full bucket plus a minute's refill is the budget: the minute's count never binds. */
  private refillPerMs(): number {
    return Math.max(1, this.options.budgetPerMinute() - this.bucketSize()) / MINUTE_MS;
  }

  private refill(): void {
    const now = Date.now();
    this.tokens = Math.min(this.bucketSize(), this.tokens + (now - this.refilledAt) * this.refillPerMs());
    this.refilledAt = now;
  }

  /**
   * How long until the pacing bucket holds a whole call. Without pacing, a minute's budget is spent
   * in a burst and every session then waits for the burst to leave the minute (25 s gaps at 100 sessions).
   */
  private paceWaitMs(): number {
    this.refill();
    if (this.tokens >= 1) return 0;
    return Math.ceil((1 - this.tokens) / this.refillPerMs());
  }

  /** How long until the minute's budget has room for one more call (0 when it has room now). */
  private budgetWaitMs(): number {
    const now = Date.now();
    while (this.recentStarts.length > 0 && (this.recentStarts[0] ?? 0) <= now - MINUTE_MS) this.recentStarts.shift();
    const budget = this.options.budgetPerMinute();
    if (this.recentStarts.length < budget) return 0;
    return (this.recentStarts[this.recentStarts.length - budget] ?? now) + MINUTE_MS - now;
  }
}
