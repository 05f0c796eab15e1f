// One scheduler for every live session, and the one place every call to Zoho's payments API draws
// from the account's budget: each session is checked every interval (the manager's setting) from
// its creation; never two requests at once for one session; a shared budget keeps the account under
// Zoho's rate limit by stretching every interval alike (up to the maximum) when many are live, and
// past that by holding due calls in line, first due first served, except that a charge's create goes
// ahead of every check (a cashier is waiting for it). A 429 holds every call, creates included.
// Every interval, deadline, pause and the budget run on a monotonic clock: setting the computer's
// clock back or forward changes nothing here.

export interface CheckOutcome {
  /** Stop checking this attempt: it is final or handed to a person. */
  done: boolean;
  /** Check this attempt no more often than this (the late phase after the session's validity, an outage). */
  minIntervalMs?: number;
  /** Zoho said 429: hold every call for this long. */
  pauseAllMs?: number;
}

export interface PollerOptions {
  /** One retrieve for the attempt; `actor` says who asked, for the audit trail. */
  check: (attemptId: string, actor: 'poller' | 'recheck') => Promise<CheckOutcome>;
  /** The configured interval (a setting, 5–10 s). */
  intervalMs: () => number;
  /** The longest the budget may stretch an interval to. */
  maxIntervalMs: number;
  /** Calls a minute the poller may spend across all sessions and creates, now (a store's PCs share one account's). */
  budgetPerMinute: () => number;
  onError: (attemptId: string, error: unknown) => void;
  /** Milliseconds on a monotonic clock (performance.now): never the wall clock. */
  clock: () => number;
}

/** What a create's draw from the budget came to: go ahead, or not (a long 429 pause, or the poller stopped). */
export type CreateDraw = { granted: true } | { granted: false; waitMs: number };

interface Tracked {
  attemptId: string;
  timer: NodeJS.Timeout | null;
  inFlight: Promise<void> | null;
  minIntervalMs: number;
  /** Due, and waiting in line for the budget (or a 429 pause). */
  queued: boolean;
}

/** A call waiting in line: a session's check, or a charge's create (which goes first). */
type Waiting = { kind: 'check'; entry: Tracked } | { kind: 'create'; answer: (draw: CreateDraw) => void; giveUpAt: number };

const MINUTE_MS = 60_000;

export class Poller {
  private readonly tracked = new Map<string, Tracked>();
  private readonly untrackedChecks = new Map<string, Promise<void>>();
  private readonly recentStarts: number[] = [];
  /** Calls that are due but held by the budget or a 429 pause: creates first, then checks, longest-waiting first. */
  private readonly line: Waiting[] = [];
  private gate: NodeJS.Timeout | null = null;
  /** Pacing: calls are spent from a small bucket refilled at the budget's rate, so they flow evenly. */
  private tokens: number;
  private refilledAt: number;
  private pausedUntil: number;
  private stopped = false;

  constructor(private readonly options: PollerOptions) {
    this.tokens = this.bucketSize();
    this.refilledAt = options.clock();
    this.pausedUntil = this.refilledAt;
  }

  /** Starts checking `attemptId`, the first time in `delayMs` (0 = at once). */
  track(attemptId: string, delayMs: number): void {
    if (this.stopped || this.tracked.has(attemptId)) return;
    const entry: Tracked = { attemptId, timer: null, inFlight: null, minIntervalMs: 0, queued: false };
    this.tracked.set(attemptId, entry);
    this.schedule(entry, delayMs);
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
    if (this.stopped) return;
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

  /**
   * A charge's create asks for a call. It goes ahead of every check waiting in line, so polls never
   * starve it, and it waits out the budget and a 429 pause; a pause that ends more than `maxWaitMs`
   * from now is not waited for: the answer says how long it has left, and the charge is not sent.
   */
  drawForCreate(maxWaitMs: number): Promise<CreateDraw> {
    if (this.stopped) return Promise.resolve({ granted: false, waitMs: 0 });
    const pauseLeft = this.pausedUntil - this.options.clock();
    if (pauseLeft > maxWaitMs) return Promise.resolve({ granted: false, waitMs: pauseLeft });
    return new Promise((answer) => {
      const firstCheck = this.line.findIndex((waiting) => waiting.kind === 'check');
      const create: Waiting = { kind: 'create', answer, giveUpAt: this.options.clock() + maxWaitMs };
      if (firstCheck === -1) this.line.push(create);
      else this.line.splice(firstCheck, 0, create);
      this.release();
    });
  }

  /** Zoho said 429 (to a create or a check): hold every call for `ms`. */
  pause(ms: number): void {
    this.pausedUntil = Math.max(this.pausedUntil, this.options.clock() + ms);
    this.release();
  }

  /** The interval every session gets now: the setting, stretched to fit the budget. */
  currentIntervalMs(): number {
    const base = this.options.intervalMs();
    const fair = Math.ceil((this.tracked.size * MINUTE_MS) / this.options.budgetPerMinute());
    return Math.min(Math.max(base, fair), this.options.maxIntervalMs);
  }

  /** Stops checking; creates still waiting in line are refused (not sent). Waits for the checks under way. */
  async stop(): Promise<void> {
    this.stopped = true;
    if (this.gate) clearTimeout(this.gate);
    this.gate = null;
    for (const waiting of this.line.splice(0)) if (waiting.kind === 'create') waiting.answer({ granted: false, waitMs: 0 });
    const running: Promise<void>[] = [];
    for (const entry of this.tracked.values()) {
      if (entry.timer) clearTimeout(entry.timer);
      if (entry.inFlight) running.push(entry.inFlight);
    }
    this.tracked.clear();
    await Promise.all([...running, ...this.untrackedChecks.values()]);
  }

  private schedule(entry: Tracked, delayMs: number): void {
    if (entry.timer) clearTimeout(entry.timer);
    entry.timer = setTimeout(() => {
      entry.timer = null;
      this.enqueue(entry);
    }, Math.max(0, delayMs));
  }

  /** The check is due: it runs now if the budget has room, else it waits its turn. */
  private enqueue(entry: Tracked): void {
    if (this.stopped || this.tracked.get(entry.attemptId) !== entry || entry.inFlight || entry.queued) return;
    entry.queued = true;
    this.line.push({ kind: 'check', entry });
    this.release();
  }

  /**
   * Starts waiting calls in line order while the budget has room and no 429 pause holds them; then
   * waits for the next free call. The budget is checked as each call starts, so calls that fall due
   * together cannot all spend the same room. A create whose pause outlasted its patience is refused.
   */
  private release(): void {
    if (this.gate) clearTimeout(this.gate);
    this.gate = null;
    while (this.line.length > 0) {
      const now = this.options.clock();
      this.refuseCreatesPastPatience(now);
      if (this.line.length === 0) return;
      const wait = Math.max(this.pausedUntil - now, this.budgetWaitMs(), this.paceWaitMs());
      if (wait > 0) {
        this.gate = setTimeout(() => {
          this.gate = null;
          this.release();
        }, wait);
        return;
      }
      const next = this.line.shift();
      if (next?.kind === 'create') {
        this.spend();
        next.answer({ granted: true });
      } else if (next) {
        next.entry.queued = false;
        if (this.tracked.get(next.entry.attemptId) === next.entry && !next.entry.inFlight) void this.run(next.entry);
      }
    }
  }

  /** A create waits for a 429 pause only as long as it was told it may. */
  private refuseCreatesPastPatience(now: number): void {
    const pauseLeft = this.pausedUntil - now;
    if (pauseLeft <= 0) return;
    for (let i = this.line.length - 1; i >= 0; i -= 1) {
      const waiting = this.line[i];
      if (waiting?.kind === 'create' && now + pauseLeft > waiting.giveUpAt) {
        this.line.splice(i, 1);
        waiting.answer({ granted: false, waitMs: pauseLeft });
      }
    }
  }

  private run(entry: Tracked, actor: 'poller' | 'recheck' = 'poller'): Promise<void> {
    if (entry.inFlight) return entry.inFlight;
    if (entry.timer) clearTimeout(entry.timer);
    entry.timer = null;
    if (entry.queued) {
      // Checked now (a person asked) while waiting in line: it leaves the line.
      const index = this.line.findIndex((waiting) => waiting.kind === 'check' && waiting.entry === entry);
      if (index !== -1) this.line.splice(index, 1);
      entry.queued = false;
    }
    const startedAt = this.options.clock();
    this.spend();
    entry.inFlight = this.options
      .check(entry.attemptId, actor)
      .catch((error: unknown): CheckOutcome => {
        this.options.onError(entry.attemptId, error);
        return { done: false };
      })
      .then((outcome) => {
        entry.inFlight = null;
        if (outcome.pauseAllMs) this.pause(outcome.pauseAllMs);
        if (outcome.minIntervalMs !== undefined) entry.minIntervalMs = outcome.minIntervalMs;
        if (outcome.done || this.stopped) {
          this.tracked.delete(entry.attemptId);
          return;
        }
        if (this.tracked.get(entry.attemptId) !== entry) return;
        const interval = Math.max(this.currentIntervalMs(), entry.minIntervalMs);
        this.schedule(entry, startedAt + interval - this.options.clock());
      });
    return entry.inFlight;
  }

  /** Records one call to Zoho: in the minute's count and from the pacing bucket. */
  private spend(): void {
    this.refill();
    this.tokens -= 1;
    this.recentStarts.push(this.options.clock());
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
    const now = this.options.clock();
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
    const now = this.options.clock();
    while (this.recentStarts.length > 0 && (this.recentStarts[0] ?? 0) <= now - MINUTE_MS) this.recentStarts.shift();
    const budget = this.options.budgetPerMinute();
    if (this.recentStarts.length < budget) return 0;
    return (this.recentStarts[this.recentStarts.length - budget] ?? now) + MINUTE_MS - now;
  }
}
