// A heartbeat: this PC says it is alive (with its live sessions) and reads what the others said
// (the PCs, their loads and the claims), brings the store's configuration and catalogue into this PC's caches,
// re-learns its own rows after a restore (relearn.ts), applies the re-checks other PCs made of its
// payments and the days they closed. The first one after the link comes (back) brings the store's
// schema up to date.
import type pg from 'pg';
import { keepStoreClaims, ownStoreClaims } from '../../db/local/store-claims';
import type { Db } from '../../db/local/database';
import { readClaims, type ClaimRow } from '../../db/store/claims';
import { readStoreConfig, storeConfigVersion } from '../../db/store/config';
import { migrateStore } from '../../db/store/migrate';
import { beatStation, readLiveStations, type StationRow } from '../../db/store/stations';
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

export interface HeartbeatDeps {
  timing: { leaseMs: number; forgetMs: number };
  events: EventBus;
  log: Logger;
  now: () => number;
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

  constructor(private readonly deps: HeartbeatDeps) {}

  /** A store (re)joined: nothing of the last one is known. */
  reset(): void {
    this.schemaChecked = false;
    this.appliedConfigVersion = -1;
    this.claims = [];
    this.stations = [];
    this.keptHolders = null;
    this.keptIn = null;
  }

  /** The next heartbeat reads the configuration again, changed or not. */
  rereadConfig(): void {
    this.appliedConfigVersion = -1;
  }

  /** Not in touch yet (a restart, perhaps with the store unreachable): this PC holds what it held when last in touch. */
  resumeOwnClaims(db: Db, link: StoredStoreLink): void {
    this.claims = ownStoreClaims(db, link.storeId, link.stationId);
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
    await beatStation(pool, { storeId: link.storeId, stationId: link.stationId, name: link.stationName, liveSessions: live });
    this.stations = await readLiveStations(pool, link.storeId, this.deps.timing);
    this.claims = await readClaims(pool, link.storeId, this.deps.timing.leaseMs);
    if (mode) this.keepClaims(mode.db, link.storeId);
    if (mode) await relearnAfterRestore(pool, link, mode.db, this.deps);
    await this.syncConfig(pool, link, mode);
    if (mode) await syncStoreCatalogue(pool, link.storeId, mode.db);
    if (mode) await answerRecheckRequests(pool, link, mode, this.deps.log);
    if (mode) await applyStoreReviews(pool, link, mode, this.deps.log);
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
    const { complete } = await applyStoreConfig(config, { db, log: this.deps.log });
    this.deps.events.emit({ type: 'counters-changed' });
    if (JSON.stringify(config.zoho) !== JSON.stringify(link.zoho)) await this.deps.remember({ ...link, zoho: config.zoho });
    if (complete) this.appliedConfigVersion = config.configVersion;
  }
}
