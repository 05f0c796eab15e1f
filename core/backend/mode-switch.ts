// Which mode runs (demo or live) and its calls. Calls run concurrently; a switch (sign-in from demo,
// disconnect) or stopping holds new calls, waits for the calls under way, then changes the mode.
import type { HandlerName } from '../../contract/handlers';
import { countLiveAttempts } from '../../db/local/live-attempts';
import { HandlerFailure } from '../failure';
import type { Registry } from '../handlers/registry';
import type { Handler } from '../handlers/types';
import type { RunningMode } from '../mode';
import type { Middleware } from './dispatch';

export interface ModeSwitchOptions {
  clock: () => number;
  /** How long a switch or stopping waits for calls under way before going ahead. */
  drainMs: number;
  /** Every call, as the mode runs it. */
  registry: (mode: RunningMode) => Registry;
}

export class ModeSwitch {
  private running: { mode: RunningMode; calls: Registry } | null = null;
  /** Calls under way; a switch waits for them, and new calls wait for the switch. */
  private underWay = 0;
  private switching: Promise<void> | null = null;

  constructor(private readonly options: ModeSwitchOptions) {}

  current(): RunningMode {
    return this.now().mode;
  }

  /** The running mode's handler of the call (a function: dispatch is handed it as it is). */
  readonly handler = <K extends HandlerName>(name: K): Handler<K> => this.now().calls[name];

  /** Waits out a switch, so that a call never runs on the mode a switch just closed, and counts the call as under way. */
  readonly gate: Middleware = async (_name, input, next) => {
    while (this.switching) await this.switching;
    this.underWay += 1;
    try {
      return await next(input);
    } finally {
      this.underWay -= 1;
    }
  };

  enter(mode: RunningMode): void {
    this.running = { mode, calls: this.options.registry(mode) };
  }

  async stop(): Promise<void> {
    await this.running?.mode.stop();
    this.forget();
  }

  forget(): void {
    this.running = null;
  }

  /** Payments live now; while modes switch, counted as one (nothing starts meanwhile). */
  livePayments(): number {
    return this.running && !this.switching ? countLiveAttempts(this.running.mode.db) : 1;
  }

  /**
   * Holds new calls, waits (at most drainMs) until only `allowed` calls still run, then runs
   * `work`, which stops a mode: that waits for every call to Zoho still under way, whatever the time.
   */
  async exclusively(allowed: number, work: () => Promise<void>): Promise<void> {
    while (this.switching) await this.switching;
    let release!: () => void;
    this.switching = new Promise((resolve) => (release = resolve));
    try {
      const deadline = this.options.clock() + this.options.drainMs;
      while (this.underWay > allowed && this.options.clock() < deadline) await new Promise((resolve) => setTimeout(resolve, 20));
      await work();
    } finally {
      this.switching = null;
      release();
    }
  }

  private now(): { mode: RunningMode; calls: Registry } {
    if (!this.running) throw new HandlerFailure('internal', 'Counter is shutting down.');
    return this.running;
  }
}
