// The timers that end holds. A charge whose answer was lost holds its terminal and its invoice for
// the session's validity plus a grace period from the moment the answer was given up on (never
// earlier than the request was sent, so never earlier than Zoho could have made the session); the
// database enforces the hold and this ends it. Timers run on Node's monotonic clock, so a wall clock
// set forward never ends a hold early. A monotonic clock does not survive a restart and the wall
// clock may have stepped meanwhile, so after a start every hold still running gets the whole
// duration again from that start: Counter cannot tell how long it was stopped.
import type { ChargeAttempt } from '../../contract/records';
import type { Db } from '../../db/local/database';
import { endHold, listHeldAttempts, renewHold } from '../../db/local/holds';
import type { Logger } from '../logger';

export interface HoldsOptions {
  db: Db;
  /** Wall clock (unix ms): only for what is recorded and shown. */
  now: () => number;
  log: Logger;
  /** How long a hold lasts: the session's validity plus a grace period. */
  durationMs: number;
  publish: (attempt: ChargeAttempt) => void;
}

export class Holds {
  private readonly timers = new Map<string, NodeJS.Timeout>();

  constructor(private readonly options: HoldsOptions) {}

  /** When a hold starting now shows as ending (unix ms, for the database and the screens). */
  untilFromNow(): number {
    return this.options.now() + this.options.durationMs;
  }

  /** Ends the attempt's hold after the hold's duration (it was just recorded, ending at untilFromNow()). */
  schedule(attemptId: string): void {
    if (this.timers.has(attemptId)) return;
    const timer = setTimeout(() => {
      this.timers.delete(attemptId);
      this.expire(attemptId);
    }, this.options.durationMs);
    this.timers.set(attemptId, timer);
  }

  /** At start-up: every hold still running holds for its whole duration again, from now. */
  resume(): void {
    const minutes = Math.round((this.options.durationMs / 60_000) * 10) / 10;
    for (const held of listHeldAttempts(this.options.db)) {
      const renewed = renewHold(this.options.db, {
        attemptId: held.id,
        until: this.untilFromNow(),
        at: this.options.now(),
        actor: 'startup',
        reason: `Counter started again while the terminal was on hold. It cannot tell how long it was stopped, so the hold lasts ${minutes} minutes from now.`,
      });
      if (!renewed) continue;
      this.options.publish(renewed);
      this.schedule(held.id);
    }
  }

  /** A manager checked the terminal: the hold ends now, with who and why in the audit trail. */
  release(attemptId: string, note: string, actor: string): ChargeAttempt | null {
    const released = endHold(this.options.db, { attemptId, at: this.options.now(), actor, reason: `Hold released after checking the terminal: ${note}` });
    this.clear(attemptId);
    if (released) this.options.publish(released);
    return released;
  }

  stop(): void {
    for (const timer of this.timers.values()) clearTimeout(timer);
    this.timers.clear();
  }

  private expire(attemptId: string): void {
    try {
      const ended = endHold(this.options.db, {
        attemptId,
        at: this.options.now(),
        actor: 'hold-timer',
        reason: 'Any session from this charge has surely expired on the terminal: the terminal and the invoice may be charged again (after checking the terminal).',
      });
      if (ended) this.options.publish(ended);
    } catch (error) {
      this.options.log.error('ending a hold failed', { attemptId, error: String(error) });
    }
  }

  private clear(attemptId: string): void {
    const timer = this.timers.get(attemptId);
    if (timer) clearTimeout(timer);
    this.timers.delete(attemptId);
  }
}
