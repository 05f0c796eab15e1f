import { describe, expect, it } from 'vitest';
import type { ClaimReleaseRow } from '../../db/store/claims';
import type { ZohoSession } from '../zoho/schemas';
import { ReleasedTerminals } from './released-terminals';

const WAIT = 210_000;
const RELEASE: ClaimReleaseRow = { counter_id: 'c1', station_id: 'pc1', station_name: 'Till A', released_at: 1, elapsed_ms: 10_000, attempt_id: 'a1', payments_session_id: 'S1' };

function watch(statuses: string[]) {
  const clock = { now: 0 };
  const asked: string[] = [];
  const released = new ReleasedTerminals({ clock: () => clock.now, waitMs: WAIT });
  const retrieve = (sessionId: string) => {
    asked.push(sessionId);
    const status = statuses.shift();
    return status === undefined ? Promise.reject(new Error('no answer')) : Promise.resolve({ session_status: status } as ZohoSession);
  };
  return {
    clock,
    asked,
    check: (release = RELEASE) => released.assertOver(release, { terminalId: 'T1', counterName: 'Counter 1', retrieve }),
    offline: () => released.assertSeenOver({ terminalId: 'T1', counterName: 'Counter 1' }),
  };
}

describe('a released counter’s terminal', () => {
  it('is refused, naming the PC and the longest wait, while Zoho says its last payment is open; free once Zoho says it ended', async () => {
    const { check, offline } = watch(['in_progress', 'succeeded']);
    await expect(check()).rejects.toMatchObject({ code: 'conflict', field: 'terminalId', message: expect.stringMatching(/^Counter 1’s terminal may still be finishing a payment started on PC “Till A”.* free in 3:20 at the latest/) as string });
    // The store out of reach: the release seen still holds the terminal.
    expect(offline).toThrow(/may still be finishing a payment started on PC “Till A”/);
    await expect(check()).resolves.toBeUndefined();
    expect(offline).not.toThrow();
  });

  it('is not freed by a payment Zoho says had already ended at the release (a later one may exist): it waits the validity plus grace', async () => {
    const { clock, check } = watch(['failed', 'succeeded', 'succeeded']);
    await expect(check()).rejects.toMatchObject({ code: 'conflict' });
    clock.now = WAIT - RELEASE.elapsed_ms - 1;
    await expect(check()).rejects.toMatchObject({ message: expect.stringContaining('free in 0:01') as string });
    clock.now += 1;
    await expect(check()).resolves.toBeUndefined();
  });

  it('with no payment the store knows of, or Zoho not answering, waits the validity plus grace on the monotonic clock', async () => {
    const unknown = watch([]);
    await expect(unknown.check({ ...RELEASE, attempt_id: null, payments_session_id: null })).rejects.toMatchObject({ code: 'conflict' });
    expect(unknown.asked).toEqual([]);
    const silent = watch([]);
    await expect(silent.check()).rejects.toMatchObject({ code: 'conflict' });
    silent.clock.now = WAIT;
    await expect(silent.check()).resolves.toBeUndefined();
    expect(silent.offline).not.toThrow();
  });

  it('a release older than the wait by the store’s clock holds nothing, and Zoho is not asked', async () => {
    const { asked, check } = watch(['in_progress']);
    await expect(check({ ...RELEASE, elapsed_ms: WAIT })).resolves.toBeUndefined();
    expect(asked).toEqual([]);
  });
});
