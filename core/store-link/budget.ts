// One rate budget for the Zoho account, shared by the store's PCs from their heartbeats. Every PC
// computes its own share from the same heartbeats, so the shares add up to the budget:
// - a PC heard from lately gets a part of what is left in proportion to its live sessions (plus
//   one, so an idle PC can still start a charge);
// - a PC not heard from lately (cut off, or dead) is assumed to spend its safe share and that much
//   is kept free for it;
// - a PC cut off from the store spends only its safe share: the budget split evenly over the PCs
//   it last knew of. Stopped PCs (a clean shutdown) and those gone for long hold nothing.

export interface StationLoad {
  id: string;
  liveSessions: number;
  /** Heard from within the lease. */
  fresh: boolean;
}

/** The safe share: what a PC may spend without knowing what the others spend. */
export function safeShare(budget: number, stationCount: number): number {
  return Math.floor(budget / Math.max(1, stationCount));
}

/** This PC's calls a minute, from the heartbeats of every PC of the store not stopped or long gone (itself included). */
export function callShare(budget: number, stations: readonly StationLoad[], self: string): number {
  const me = stations.find((station) => station.id === self);
  if (!me) return safeShare(budget, stations.length + 1);
  const safe = safeShare(budget, stations.length);
  const fresh = stations.filter((station) => station.fresh || station.id === self);
  const reserved = safe * (stations.length - fresh.length);
  const weight = (station: StationLoad) => station.liveSessions + 1;
  const totalWeight = fresh.reduce((sum, station) => sum + weight(station), 0);
  return Math.max(1, Math.floor(((budget - reserved) * weight(me)) / totalWeight));
}

/**
 * The store's active counters this PC may start a charge on next, for the poller's create reserve:
 * those it holds, and its even part of those no PC holds. Counting every counter of the store made
 * each PC keep room for creates on the others' counters too (3 PCs × 20 live sessions checked every
 * 7.95 s, 77 % of the budget, where the share allows 6.1 s).
 */
export function chargeableCounters(activeCounters: number, claims: readonly { station_id: string }[], self: string, freshStations: number): number {
  const held = claims.filter((claim) => claim.station_id === self).length;
  const free = Math.max(0, activeCounters - claims.length);
  return held + Math.ceil(free / Math.max(1, freshStations));
}
