// This PC's lease on the counters it claims (issue 21). Each heartbeat the store answers renews it
// from the moment that heartbeat was sent, on the monotonic clock; so it lapses no later than the store
// sees this PC go quiet for as long (`claimLeaseMs`), which is when a manager may release its counter
// to another PC (claims.ts). Cut off from the store, this PC goes on charging on its counters until the
// lease lapses, then starts no new payment there until the store answers again and says which counters
// it still holds (the heartbeat reads the claims before it renews the lease). The renewal is kept on
// disk (this PC's wall clock, now and then), so a restart does not begin a fresh lease.
import { keepLeaseRenewal, leaseRenewal } from '../../db/local/store-claims';
import type { Db } from '../../db/local/database';

export interface LeaseDeps {
  /** Monotonic ms (performance.now). */
  clock: () => number;
  /** Wall clock, unix ms: only for what is kept across a restart and shown. */
  now: () => number;
  claimLeaseMs: number;
}

export class ClaimLease {
  /** On the monotonic clock: when the last heartbeat the store answered was sent (null: none known). */
  private renewedAt: number | null = null;
  /** On the monotonic clock: when the renewal was last written to disk. */
  private keptAt: number | null = null;

  constructor(private readonly deps: LeaseDeps) {}

  /** A heartbeat sent at `sentAt` (monotonic) was answered. Kept on disk when the copy there is an eighth of the lease old. */
  renew(sentAt: number, db: Db | null, storeId: string): void {
    this.renewedAt = sentAt;
    if (!db || (this.keptAt !== null && sentAt - this.keptAt < this.deps.claimLeaseMs / 8)) return;
    keepLeaseRenewal(db, storeId, Math.round(this.deps.now() - (this.deps.clock() - sentAt)));
    this.keptAt = sentAt;
  }

  /** Started with the store not answered yet: the lease kept on disk, as old as the wall clock says (never younger than kept). */
  resume(db: Db, storeId: string): void {
    const kept = leaseRenewal(db, storeId);
    this.renewedAt = kept === null ? null : this.deps.clock() - Math.max(0, this.deps.now() - kept);
    this.keptAt = this.renewedAt;
  }

  /** A store (re)joined: no lease until its first heartbeat. */
  reset(): void {
    this.renewedAt = null;
    this.keptAt = null;
  }

  /** Null while the lease holds; else when (wall clock, unix ms) the store last answered, or 0 when never. */
  lapsedSince(): number | null {
    if (this.renewedAt === null) return 0;
    const age = this.deps.clock() - this.renewedAt;
    return age < this.deps.claimLeaseMs ? null : this.deps.now() - age;
  }
}
