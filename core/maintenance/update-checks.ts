// Asks the desktop app's updater to look for an update when the policy says a look is due.
import type { Logger } from '../logger';
import { checkIsDue, type Updater } from './update-policy';

/** How often the policy is asked (a check itself is due far less often). */
const TICK_MS = 60_000;

export interface UpdateChecks {
  /** Looks now if a look is due; resolves when the check (not the download) is done. */
  tick(): Promise<void>;
  stop(): void;
}

export function startUpdateChecks(options: { updater: Updater; livePayments: () => number; now: () => number; log: Logger; tickMs?: number }): UpdateChecks {
  const startedAt = options.now();
  let lastCheckAt: number | null = null;
  const tick = async () => {
    const due = checkIsDue({ state: options.updater.state(), lastCheckAt, startedAt, now: options.now(), livePayments: options.livePayments() });
    if (!due) return;
    lastCheckAt = options.now();
    // A failure shows in the updater's state (and its log); the next look is timed from it.
    await options.updater.check().catch((error: unknown) => options.log.warn('update check failed', { error: String(error) }));
  };
  const timer = setInterval(() => void tick(), options.tickMs ?? TICK_MS);
  timer.unref();
  return { tick, stop: () => clearInterval(timer) };
}
