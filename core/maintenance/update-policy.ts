// When Counter looks for an update and when it may install one: pure decisions over the updater's
// state, the clock and the payments live now. The desktop app's updater (main/updater.ts) carries
// them out; the browser host and the tests have no updater at all, so they never update.
import type { UpdateStatus } from '../../contract/answers';

/** What the shell's updater is doing. */
export type UpdaterState =
  | { kind: 'idle' }
  | { kind: 'checking' }
  | { kind: 'current'; checkedAt: number }
  | { kind: 'downloading'; version: string; percent: number }
  /** Downloaded, and its sha512 matched the feed's. */
  | { kind: 'ready'; version: string }
  | { kind: 'failed'; message: string; at: number };

/** The desktop app's updater (electron-updater behind main/updater.ts). */
export interface Updater {
  state(): UpdaterState;
  /** Asks the feed; a newer version downloads in the background. */
  check(): Promise<void>;
  /** Quits, installs the downloaded update and starts Counter again. */
  install(): void;
}

export const UPDATE_TIMING = {
  /** The first look after start-up. */
  firstCheckMs: 5 * 60_000,
  /** Then this often. */
  checkEveryMs: 6 * 3_600_000,
  /** After a failed check or download. */
  retryAfterFailureMs: 3_600_000,
} as const;

/**
 * Whether to ask the feed now: not while a payment is live (the download would share the shop's
 * line with the terminal's payment), not while a check or download runs or an update waits to be
 * installed, and otherwise on the timing above.
 */
export function checkIsDue(input: { state: UpdaterState; lastCheckAt: number | null; startedAt: number; now: number; livePayments: number }): boolean {
  const { state, lastCheckAt, now } = input;
  if (input.livePayments > 0) return false;
  switch (state.kind) {
    case 'checking':
    case 'downloading':
    case 'ready':
      return false;
    case 'failed':
      return now - state.at >= UPDATE_TIMING.retryAfterFailureMs;
    default:
      return lastCheckAt === null ? now - input.startedAt >= UPDATE_TIMING.firstCheckMs : now - lastCheckAt >= UPDATE_TIMING.checkEveryMs;
  }
}

export type InstallDecision = { install: true } | { install: false; reason: string };

/** The manager asked to install: only a downloaded update, and only while no payment is live. */
export function installDecision(state: UpdaterState, livePayments: number): InstallDecision {
  if (state.kind !== 'ready') return { install: false, reason: 'There is no downloaded update to install.' };
  if (livePayments > 0) {
    const payments = livePayments === 1 ? 'A payment is' : `${livePayments} payments are`;
    return { install: false, reason: `${payments} in progress. Install the update once no payment is waiting on a terminal.` };
  }
  return { install: true };
}

export const NO_UPDATER_MESSAGE = 'This copy of Counter does not update itself: updates come to the installed desktop app.';

/** What the manager's Help tab shows. */
export function updateStatus(updater: Updater | null, livePayments: number): UpdateStatus {
  if (!updater) return { state: 'unavailable', message: NO_UPDATER_MESSAGE, version: null, checkedAt: null, canInstall: false };
  const state = updater.state();
  const base = { state: state.kind, version: null, checkedAt: null, canInstall: false };
  switch (state.kind) {
    case 'idle':
      return { ...base, message: 'Counter looks for updates a few minutes after it starts, then every few hours.' };
    case 'checking':
      return { ...base, message: 'Looking for an update…' };
    case 'current':
      return { ...base, checkedAt: state.checkedAt, message: 'Counter is up to date.' };
    case 'downloading':
      return { ...base, version: state.version, message: `Downloading version ${state.version} in the background (${state.percent}%).` };
    case 'failed':
      return { ...base, message: `${state.message} Counter will try again later.` };
    case 'ready': {
      const decision = installDecision(state, livePayments);
      const later = 'Otherwise it installs when Counter is next closed.';
      return {
        ...base,
        version: state.version,
        canInstall: decision.install,
        message: decision.install
          ? `Version ${state.version} is downloaded and checked. Install it now (Counter restarts). ${later}`
          : `Version ${state.version} is downloaded and checked. ${decision.reason} ${later}`,
      };
    }
  }
}
