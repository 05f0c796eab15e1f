// A heartbeat: this PC says it is alive (with its live sessions) and reads what the others said
// (the PCs, their loads and the claims), brings the store's configuration and catalogue into this PC's caches,
// re-learns its own rows after a restore (relearn.ts), applies the re-checks other PCs made of its
// payments and the days they closed. The first one after the link comes (back) brings the store's
// schema up to date.
import type pg from 'pg';
import { outboxBacklog, readOutboxLink } from '../../db/local/outbox';
import { keepStoreClaims, ownStoreClaims } from '../../db/local/store-claims';
import type { Db } from '../../db/local/database';
import { readClaims, type ClaimRow } from '../../db/store/claims';
import { readStoreConfig, storeConfigVersion } from '../../db/store/config';
import { migrateStore } from '../../db/store/migrate';
import { beatStation, readLiveStations, type Backlog, type StationRow } from '../../db/store/stations';
import type { EventBus } from '../event-bus';
import type { Logger } from '../logger';
import type { RunningMode } from '../mode';
import { applyStoreConfig } from './config-sync';
import type { StoredStoreLink } from './link-file';
import { relearnAfterRestore } from './relearn';
import { syncStoreCatalogue } from './catalogue-sync';
import { answerRecheckRequests } from './settlements';
import { applyStoreReviews } from './reviews';
import { adoptStoreCloses } from './store-closes';
import { ClaimLease } from './lease';

export interface HeartbeatDeps {
  timing: { leaseMs: number; forgetMs: number; claimLeaseMs: number };
  events: EventBus;
  log: Logger;
  now: () => number;
  /** Monotonic ms (performance.now): this PC's lease. */
  clock: () => number;
  /** Keeps a changed link (the store's Zoho account, its count of PCs) in the link file. */
  remember: (link: StoredStoreLink) => Promise<void>;
}

export class StoreHeartbeat {
  /** The store's PCs as last read. */
  stations: StationRow[] = [];
  /** The claims as last read (the store's, or this PC's own while the link is down), kept on disk across restarts. */
  claims: ClaimRow[] = [];
  private schemaChecked = false;
  /** Who held which counter when last written to disk: the claims are written again only when that changes, not at every heartbeat. */
  private keptHolders: string | null = null;
  private keptIn: Db | null = null;
  private appliedConfigVersion = -1;
  /** This PC's lease on the counters it holds, renewed by each heartbeat the store answers. */
  readonly lease: ClaimLease;

  constructor(private readonly deps: HeartbeatDeps) {
    this.lease = new ClaimLease({ clock: deps.clock, now: deps.now, claimLeaseMs: deps.timing.claimLeaseMs });
  }

  /** A store (re)joined: nothing of the last one is known. */
  reset(): void {
    this.schemaChecked = false;
    this.appliedConfigVersion = -1;
    this.claims = [];
    this.stations = [];
    this.keptHolders = null;
    this.keptIn = null;
    this.lease.reset();
  }

  /** The next heartbeat reads the configuration again, changed or not. */
  rereadConfig(): void {
    this.appliedConfigVersion = -1;
  }

  /** Not in touch yet (a restart, perhaps with the store unreachable): this PC holds what it held when last in touch. */
  resumeOwnClaims(db: Db, link: StoredStoreLink): void {
    this.claims = ownStoreClaims(db, link.storeId, link.stationId);
    this.lease.resume(db, link.storeId);
  }

  /** The link went down: the schema is checked again when it is back, and this PC holds what it held. */
  linkDown(stationId: string | null): void {
    this.schemaChecked = false;
    // While cut off this PC holds what it held: it may be charging on its counter.
    if (stationId !== null) this.claims = this.claims.filter((claim) => claim.station_id === stationId);
  }

  /** One heartbeat on the live mode when attached (a demo's counters and ledger are not the store's). Throws when the store cannot be reached. */
  async beat(pool: pg.Pool, link: StoredStoreLink, mode: RunningMode | null): Promise<void> {
    if (!this.schemaChecked) {
      const client = await pool.connect();
      try {
        await migrateStore(client);
      } finally {
        client.release();
      }
      this.schemaChecked = true;
    }
    const live = mode ? mode.services.poller.size : 0;
    const sentAt = this.deps.clock();
    await beatStation(pool, { storeId: link.storeId, stationId: link.stationId, name: link.stationName, liveSessions: live, backlog: mode ? backlogOf(mode.db) : undefined });
    this.stations = await readLiveStations(pool, link.storeId, this.deps.timing);
    this.claims = await readClaims(pool, link.storeId, this.deps.timing.leaseMs);
    // Only now, with the claims as the store has them (a release made meanwhile included), does the lease hold again.
    this.lease.renew(sentAt, mode?.db ?? null, link.storeId);
    if (mode) this.keepClaims(mode.db, link.storeId);
    if (mode) await relearnAfterRestore(pool, link, mode.db, this.deps);
    await this.syncConfig(pool, link, mode);
    if (mode) await syncStoreCatalogue(pool, link.storeId, mode.db);
    if (mode) await answerRecheckRequests(pool, link, mode, this.deps.log);
    if (mode) await applyStoreReviews(pool, link, mode, this.deps);
    if (mode && (await adoptStoreCloses(pool, link.storeId, mode.db, this.deps.now)).length > 0) this.deps.events.emit({ type: 'ledger-changed' });
  }

  /** Kept for a restart with the link down, which needs who holds what (not each holder's last heartbeat). */
  private keepClaims(db: Db, storeId: string): void {
    const holders = JSON.stringify([storeId, ...this.claims.map((c) => [c.counter_id, c.station_id, c.station_name, c.claimed_at])]);
    if (db === this.keptIn && holders === this.keptHolders) return;
    keepStoreClaims(db, storeId, this.claims);
    this.keptIn = db;
    this.keptHolders = holders;
  }

  private async syncConfig(pool: pg.Pool, link: StoredStoreLink, mode: RunningMode | null): Promise<void> {
    const version = await storeConfigVersion(pool, link.storeId);
    if (version === this.appliedConfigVersion) return;
    const config = await readStoreConfig(pool, link.storeId);
    const db = mode?.db ?? null;
    const { complete } = await applyStoreConfig(config, { db, log: this.deps.log, now: this.deps.now });
    this.deps.events.emit({ type: 'counters-changed' });
    if (JSON.stringify(config.zoho) !== JSON.stringify(link.zoho)) await this.deps.remember({ ...link, zoho: config.zoho });
    if (complete) this.appliedConfigVersion = config.configVersion;
  }
}

/** What this PC's outbox still holds, for the store's day close (stations.ts); none when the file is not linked. */
function backlogOf(db: Db): Backlog & { epoch: string; firstSeq: number } | undefined {
  const outbox = readOutboxLink(db);
  if (!outbox) return undefined;
  const { count, firstSeq, oldestAt } = outboxBacklog(db);
  // Nothing queued: a change queued since will be in the next heartbeat, or the batch that ships it.
  return { count, oldestAt, epoch: outbox.epoch, firstSeq: firstSeq ?? Number.MAX_SAFE_INTEGER };
}
