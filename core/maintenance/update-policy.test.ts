import { describe, expect, it } from 'vitest';
import { checkIsDue, installDecision, NO_UPDATER_MESSAGE, UPDATE_TIMING, updateStatus, type Updater, type UpdaterState } from './update-policy';

const T = 1_800_000_000_000;
const ready: UpdaterState = { kind: 'ready', version: '0.2.0' };

/** An updater standing still in one state (the decisions only read it). */
function updaterIn(state: UpdaterState): Updater {
  return { state: () => state, check: () => Promise.resolve(), install: () => undefined };
}

describe('when to look for an update', () => {
  const due = (state: UpdaterState, lastCheckAt: number | null, now: number, livePayments = 0) => checkIsDue({ state, lastCheckAt, startedAt: T, now, livePayments });

  it('first a few minutes after start-up, then every few hours', () => {
    expect(due({ kind: 'idle' }, null, T + UPDATE_TIMING.firstCheckMs - 1)).toBe(false);
    expect(due({ kind: 'idle' }, null, T + UPDATE_TIMING.firstCheckMs)).toBe(true);
    const checked = T + UPDATE_TIMING.firstCheckMs;
    expect(due({ kind: 'current', checkedAt: checked }, checked, checked + UPDATE_TIMING.checkEveryMs - 1)).toBe(false);
    expect(due({ kind: 'current', checkedAt: checked }, checked, checked + UPDATE_TIMING.checkEveryMs)).toBe(true);
  });

  it('never while a payment is live', () => {
    expect(due({ kind: 'idle' }, null, T + UPDATE_TIMING.checkEveryMs * 10, 1)).toBe(false);
    expect(due({ kind: 'current', checkedAt: T }, T, T + UPDATE_TIMING.checkEveryMs * 10, 3)).toBe(false);
  });

  it('not while a check or download runs, nor while an update waits to be installed', () => {
    const late = T + UPDATE_TIMING.checkEveryMs * 10;
    expect(due({ kind: 'checking' }, T, late)).toBe(false);
    expect(due({ kind: 'downloading', version: '0.2.0', percent: 40 }, T, late)).toBe(false);
    expect(due(ready, T, late)).toBe(false);
  });

  it('again an hour after a failure', () => {
    const failedAt = T + 10_000;
    expect(due({ kind: 'failed', message: 'x', at: failedAt }, T, failedAt + UPDATE_TIMING.retryAfterFailureMs - 1)).toBe(false);
    expect(due({ kind: 'failed', message: 'x', at: failedAt }, T, failedAt + UPDATE_TIMING.retryAfterFailureMs)).toBe(true);
  });
});

describe('installing', () => {
  it('installs a downloaded update only while no payment is live', () => {
    expect(installDecision(ready, 0)).toEqual({ install: true });
    expect(installDecision(ready, 1)).toEqual({ install: false, reason: 'A payment is in progress. Install the update once no payment is waiting on a terminal.' });
    expect(installDecision(ready, 3)).toEqual({ install: false, reason: '3 payments are in progress. Install the update once no payment is waiting on a terminal.' });
  });

  it('has nothing to install before the download is done', () => {
    for (const state of [{ kind: 'idle' }, { kind: 'checking' }, { kind: 'downloading', version: '0.2.0', percent: 99 }, { kind: 'failed', message: 'x', at: T }] as UpdaterState[]) {
      expect(installDecision(state, 0)).toEqual({ install: false, reason: 'There is no downloaded update to install.' });
    }
  });
});

describe('what the Help tab says', () => {
  it('where Counter does not update itself (the browser host, tests, a development run)', () => {
    expect(updateStatus(null, 0)).toEqual({ state: 'unavailable', message: NO_UPDATER_MESSAGE, version: null, checkedAt: null, canInstall: false });
  });

  it('a ready update: install now, or why not, and that closing Counter installs it', () => {
    expect(updateStatus(updaterIn(ready), 0)).toEqual({
      state: 'ready',
      version: '0.2.0',
      checkedAt: null,
      canInstall: true,
      message: 'Version 0.2.0 is downloaded and checked. Install it now (Counter restarts). Otherwise it installs when Counter is next closed.',
    });
    expect(updateStatus(updaterIn(ready), 1)).toMatchObject({
      canInstall: false,
      message: 'Version 0.2.0 is downloaded and checked. A payment is in progress. Install the update once no payment is waiting on a terminal. Otherwise it installs when Counter is next closed.',
    });
  });

  it('the other states in plain words', () => {
    expect(updateStatus(updaterIn({ kind: 'current', checkedAt: T }), 0)).toMatchObject({ state: 'current', checkedAt: T, message: 'Counter is up to date.' });
    expect(updateStatus(updaterIn({ kind: 'downloading', version: '0.2.0', percent: 45 }), 0)).toMatchObject({ message: 'Downloading version 0.2.0 in the background (45%).' });
    expect(updateStatus(updaterIn({ kind: 'failed', message: 'Counter could not reach the update server.', at: T }), 0)).toMatchObject({
      state: 'failed',
      message: 'Counter could not reach the update server. Counter will try again later.',
    });
  });
});
