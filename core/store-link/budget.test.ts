import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { CALL_BUDGET_PER_MINUTE, MAX_POLL_INTERVAL_MS } from '../../contract/rules';
import { callShare, chargeableCounters, safeShare, type StationLoad } from './budget';

const MINUTE = 60_000;

describe('the store’s rate budget', () => {
  it('keeps create room for the counters this PC may charge on, not for the counters the other PCs hold', () => {
    const claims = [...Array.from({ length: 20 }, () => ({ station_id: 'a' })), ...Array.from({ length: 20 }, () => ({ station_id: 'b' })), ...Array.from({ length: 20 }, () => ({ station_id: 'c' }))];
    expect(chargeableCounters(60, claims, 'a', 3)).toBe(20);
    // Two counters no PC holds: each of the three PCs may take either.
    expect(chargeableCounters(62, claims, 'a', 3)).toBe(21);
    expect(chargeableCounters(5, [], 'a', 1)).toBe(5);
  });


  it('a PC alone has the whole budget; PCs with equal load share it evenly', () => {
    expect(callShare(500, [{ id: 'a', liveSessions: 7, fresh: true }], 'a')).toBe(500);
    const three = ['a', 'b', 'c'].map((id) => ({ id, liveSessions: 20, fresh: true }));
    expect(callShare(500, three, 'b')).toBe(166);
  });

  it('follows the live sessions: the busy PC gets more, an idle one keeps room to start a charge', () => {
    const stations = [
      { id: 'busy', liveSessions: 30, fresh: true },
      { id: 'idle', liveSessions: 0, fresh: true },
    ];
    expect(callShare(500, stations, 'busy')).toBe(484);
    expect(callShare(500, stations, 'idle')).toBe(15);
  });

  it('keeps a stale PC’s safe share free, and a cut-off PC spends only that', () => {
    const stations = [
      { id: 'a', liveSessions: 10, fresh: true },
      { id: 'b', liveSessions: 10, fresh: true },
      { id: 'cut', liveSessions: 10, fresh: false },
    ];
    expect(safeShare(500, 3)).toBe(166);
    expect(callShare(500, stations, 'a')).toBe(167);
    expect(callShare(500, stations, 'a') + callShare(500, stations, 'b') + safeShare(500, 3)).toBeLessThanOrEqual(500);
  });

  it('never lets the PCs together spend more than the budget, whatever their loads', () => {
    const station = fc.record({ liveSessions: fc.nat(60), fresh: fc.boolean() });
    fc.assert(
      fc.property(fc.array(station, { minLength: 1, maxLength: 12 }), (loads) => {
        const stations: StationLoad[] = loads.map((load, i) => ({ ...load, id: `pc${i}` }));
        // What each PC spends: its share while it is heard from, its safe share while cut off.
        const spent = stations.reduce((sum, s) => sum + (s.fresh ? callShare(500, stations, s.id) : safeShare(500, stations.length)), 0);
        return spent <= 500;
      }),
    );
  });

  it('checks every session at least every 10 s while the store has at most 40 live sessions spread over up to 3 PCs', () => {
    const perSession = MINUTE / MAX_POLL_INTERVAL_MS; // checks a minute at the longest interval
    fc.assert(
      fc.property(fc.array(fc.nat(40), { minLength: 1, maxLength: 3 }).filter((live) => live.reduce((a, b) => a + b, 0) <= 40), (live) => {
        const stations = live.map((liveSessions, i) => ({ id: `pc${i}`, liveSessions, fresh: true }));
        return stations.every((s) => callShare(CALL_BUDGET_PER_MINUTE, stations, s.id) >= s.liveSessions * perSession);
      }),
    );
  });
});
