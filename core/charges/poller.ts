// One scheduler for every followed record (a charge's session, a refund), and the one place every
// call to Zoho's payments API draws from the account's budget: each record is checked every
// interval (the manager's setting) from its creation; never two requests at once for one record; a
// shared budget keeps the account under Zoho's rate limit by stretching every interval alike (up to
// the maximum) when many are live, and past that by holding due calls in line, first due first
// served, except that a create (a charge's, a refund's) goes ahead of every check (a cashier is
// waiting for it). A 429 holds every call, creates included.
// Every interval, deadline, pause and the budget run on a monotonic clock: setting the computer's
// clock back or forward changes nothing here.
//
// The budget math (see budgetPlan): calls start from a pacing bucket of half a second's worth,
// refilled at the rest of the budget's rate, so no sliding minute ever holds more starts than the
// budget and the whole budget is spent on calls, not lost to the burst allowance. Intervals stretch
// only when the sessions' checks would not fit in the paced rate less a reserve for the creates
// that the counters without a live session could send next.
//
// Each kind of record registers a Follower (`follow`), which answers the checks of its own records
// by their own ids; the Following it gets back tracks them and draws its creates from the budget.

export interface CheckOutcome {
  /** Stop checking this attempt: it is final or handed to a person. */
  done: boolean;
  /** Check this attempt no more often than this (the late phase after the session's validity, an outage). */
  minIntervalMs?: number;
  /** Zoho said 429: hold every call for this long. */
  pauseAllMs?: number;
}

/** A kind of record the poller follows (charges, refunds): it answers the checks of its own records. */
export interface Follower {
  /** One question to Zoho about the record; `actor` says who asked, for the audit trail. */
  check(id: string, actor: 'poller' | 'recheck'): Promise<CheckOutcome>;
}

/**
 * A follower's side of the poller (functions, which may be passed around): its own records, by their
 * own ids, and its creates' draws from the budget.
 */
export interface Following {
  /** Starts checking the record, the first time in `delayMs` (0 = at once). */
  track: (id: string, delayMs: number) => void;
  isTracked: (id: string) => boolean;
  /**
   * Checks now (a person asked). Waits for a check already under way first, so one record never
   * has two requests in flight. Records not tracked are checked once.
   */
  checkNow: (id: string) => Promise<void>;
  /** See Poller.drawForCreate. */
  drawForCreate: (maxWaitMs: number) => Promise<CreateDraw>;
  /** Zoho said 429 to a create: hold every call for `ms`. */
  pause: (ms: number) => void;
}

export interface PollerOptions {
  /** The configured interval (a setting, 5–10 s). */
  intervalMs: () => number;
  /** The longest the budget may stretch an interval to. */
  maxIntervalMs: number;
  /** Calls a minute the poller may spend across all sessions and creates, now (a store's PCs share one account's). */
  budgetPerMinute: () => number;
  /** Calls a minute kept free for creates: the counters without a live session, which could charge next (default none). */
  createReservePerMinute?: () => number;
  onError: (id: string, error: unknown) => void;
  /** Milliseconds on a monotonic clock (performance.now): never the wall clock. */
  clock: () => number;
}

/** What a create's draw from the budget came to: go ahead, or not (a long 429 pause, or the poller stopped). */
export type CreateDraw = { granted: true } | { granted: false; waitMs: number };

/** One follower's records: those tracked, and the checks a person asked for of the others. */
interface Records {
  follower: Follower;
  tracked: Map<string, Tracked>;
  untrackedChecks: Map<string, Promise<void>>;
}

interface Tracked {
  records: Records;
  id: string;
  timer: NodeJS.Timeout | null;
  inFlight: Promise<void> | null;
  minIntervalMs: number;
  /** Due, and waiting in line for the budget (or a 429 pause). */
  queued: boolean;
}

/** A call waiting in line: a record's check, or a create (which goes first). */
type Waiting = { kind: 'check'; entry: Tracked } | { kind: 'create'; answer: (draw: CreateDraw) => void; giveUpAt: number };

const MINUTE_MS = 60_000;

/** How the budget is spent: a burst allowance, a paced rate, and what checks may use of it. */
export interface BudgetPlan {
  /** Calls that may start at once: half a second's worth. */
  burst: number;
  /** Calls a minute the bucket refills with: burst + a minute's refill = the budget. */
  pacedPerMinute: number;
  /** Of the paced rate, what the sessions' checks may use: the rest is the creates' reserve. */
  checksPerMinute: number;
}

/** The budget math, pure: shared by the poller and its tests. */
export function budgetPlan(budgetPerMinute: number, createReservePerMinute = 0): BudgetPlan {
  const budget = Math.max(1, Math.floor(budgetPerMinute));
  const burst = Math.max(1, Math.ceil(budget / 120));
  const pacedPerMinute = Math.max(1, budget - burst);
  const checksPerMinute = Math.max(1, pacedPerMinute - Math.max(0, Math.ceil(createReservePerMinute)));
  return { burst, pacedPerMinute, checksPerMinute };
}

export class Poller {
  private readonly followers: Records[] = [];
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
    this.tokens = this.plan().burst;
    this.refilledAt = options.clock();
    this.pausedUntil = this.refilledAt;
  }

  /** Registers a kind of record: the poller checks its records through `follower`. */
  follow(follower: Follower): Following {
    const records: Records = { follower, tracked: new Map(), untrackedChecks: new Map() };
    this.followers.push(records);
    return {
      track: (id, delayMs) => this.track(records, id, delayMs),
      isTracked: (id) => records.tracked.has(id),
      checkNow: (id) => this.checkNow(records, id),
      drawForCreate: (maxWaitMs) => this.drawForCreate(maxWaitMs),
      pause: (ms) => this.pause(ms),
    };
  }

  /** The records tracked now, of every follower. */
  get size(): number {
    return this.followers.reduce((total, records) => total + records.tracked.size, 0);
  }

  private track(records: Records, id: string, delayMs: number): void {
    if (this.stopped || records.tracked.has(id)) return;
    const entry: Tracked = { records, id, timer: null, inFlight: null, minIntervalMs: 0, queued: false };
    records.tracked.set(id, entry);
    this.schedule(entry, delayMs);
  }

  private async checkNow(records: Records, id: string): Promise<void> {
    if (this.stopped) return;
    const entry = records.tracked.get(id);
    if (!entry) {
      const running = records.untrackedChecks.get(id);
      if (running) return running;
      const check = records.follower
        .check(id, 'recheck')
        .then(() => undefined)
        .finally(() => records.untrackedChecks.delete(id));
      records.untrackedChecks.set(id, check);
      return check;
    }
    if (entry.inFlight) await entry.inFlight;
    if (records.tracked.has(id)) await this.run(entry, 'recheck');
  }

  /**
   * A create (a charge's session, a refund) asks for a call. It goes ahead of every check waiting in line, so polls never
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

  /** The interval every session gets now: the setting, stretched to fit the checks' share of the budget. */
  currentIntervalMs(): number {
    const base = this.options.intervalMs();
    const { checksPerMinute } = budgetPlan(this.options.budgetPerMinute(), this.options.createReservePerMinute?.());
    const fair = Math.ceil((this.size * MINUTE_MS) / checksPerMinute);
    return Math.min(Math.max(base, fair), this.options.maxIntervalMs);
  }

  /** The pacing's part of the plan (the creates' reserve only shapes the intervals). */
  private plan(): BudgetPlan {
    return budgetPlan(this.options.budgetPerMinute());
  }

  /** Stops checking; creates still waiting in line are refused (not sent). Waits for the checks under way. */
  async stop(): Promise<void> {
    this.stopped = true;
    if (this.gate) clearTimeout(this.gate);
    this.gate = null;
    for (const waiting of this.line.splice(0)) if (waiting.kind === 'create') waiting.answer({ granted: false, waitMs: 0 });
    const running: Promise<void>[] = [];
    for (const records of this.followers) {
      for (const entry of records.tracked.values()) {
        if (entry.timer) clearTimeout(entry.timer);
        if (entry.inFlight) running.push(entry.inFlight);
      }
      records.tracked.clear();
      running.push(...records.untrackedChecks.values());
    }
    await Promise.all(running);
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
    if (this.stopped || !isCurrent(entry) || entry.inFlight || entry.queued) return;
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
        if (isCurrent(next.entry) && !next.entry.inFlight) void this.run(next.entry);
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
    entry.inFlight = entry.records.follower
      .check(entry.id, actor)
      .catch((error: unknown): CheckOutcome => {
        this.options.onError(entry.id, error);
        return { done: false };
      })
      .then((outcome) => {
        entry.inFlight = null;
        if (outcome.pauseAllMs) this.pause(outcome.pauseAllMs);
        if (outcome.minIntervalMs !== undefined) entry.minIntervalMs = outcome.minIntervalMs;
        if (outcome.done || this.stopped) {
          entry.records.tracked.delete(entry.id);
          return;
        }
        if (!isCurrent(entry)) return;
        const interval = Math.max(this.currentIntervalMs(), entry.minIntervalMs);
        this.schedule(entry, startedAt + interval - this.options.clock());
      });
    return entry.inFlight;
  }

  /** Records one call to Zoho: in the minute's count and from the pacing bucket. */
  private spend(): void {
    this.refill(this.plan());
    this.tokens -= 1;
    this.recentStarts.push(this.options.clock());
  }

  /**
   * Refilled so that a full bucket plus a minute's refill is the budget: the minute's count never
   * binds. The bucket is half a second's worth: a bigger one (it was five seconds' worth) costs its
   * size in every minute's rate, since the minute must have room for the burst too.
   */
  private refill(plan: BudgetPlan): void {
    const now = this.options.clock();
    this.tokens = Math.min(plan.burst, this.tokens + ((now - this.refilledAt) * plan.pacedPerMinute) / MINUTE_MS);
    this.refilledAt = now;
  }

  /**
   * How long until the pacing bucket holds a whole call. Without pacing, a minute's budget is spent
   * in a burst and every session then waits for the burst to leave the minute (25 s gaps at 100 sessions).
   */
  private paceWaitMs(): number {
    const plan = this.plan();
    this.refill(plan);
    if (this.tokens >= 1) return 0;
    return Math.ceil(((1 - this.tokens) * MINUTE_MS) / plan.pacedPerMinute);
  }

  /** How long until the minute's budget has room for one more call (0 when it has room now). */
  private budgetWaitMs(): number {
    const now = this.options.clock();
    while (this.recentStarts.length > 0 && (this.recentStarts[0] ?? 0) <= now - MINUTE_MS) this.recentStarts.shift();
    const budget = Math.max(1, Math.floor(this.options.budgetPerMinute()));
    if (this.recentStarts.length < budget) return 0;
    return (this.recentStarts[this.recentStarts.length - budget] ?? now) + MINUTE_MS - now;
  }
}

/** Whether the entry is still its follower's tracked one (not dropped, not replaced). */
function isCurrent(entry: Tracked): boolean {
  return entry.records.tracked.get(entry.id) === entry;
}
