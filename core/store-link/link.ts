// The running link to the store, as a state machine: off (a PC of its own), up, or down (the store
// cannot be reached). Its parts: the heartbeat (heartbeat.ts), the outbox shipper (shipper.ts) and
// the store's news of other PCs' changes (news.ts). Local first: nothing here ever holds up a
// charge. When the store cannot be reached the link is down: every change waits in the outbox, the
// heartbeat retries with backoff, and everything catches up by itself when it is back.
import { randomUUID } from 'node:crypto';
import type pg from 'pg';
import type { StationView, StoreStatus } from '../../contract/answers';
import { linkOutbox } from '../../db/local/outbox';
import type { ClaimRow } from '../../db/store/claims';
import { redactStoreAddress, StoreAddressError } from '../../db/store/address';
import { describeLinkFailure, openStorePool } from '../../db/store/pg';
import { stopStation } from '../../db/store/stations';
import type { EventBus } from '../event-bus';
import type { Logger } from '../logger';
import type { RunningMode } from '../mode';
import { ZohoError } from '../zoho/errors';
import { callShare, chargeableCounters, safeShare } from './budget';
import { StoreHeartbeat } from './heartbeat';
import { setAsideViews } from './set-aside';
import type { StoredStoreLink, StoreLinkFile } from './link-file';
import { LedgerNews } from './news';
import { moveToOwnLogin } from './own-login';
import { OutboxShipper } from './shipper';
import { bookTokenRequest, LocalTokenBookings } from './token-requests';

export interface StoreTiming {
  /** How often a PC says it is alive (and reads the others, the claims and the configuration). */
  heartbeatMs: number;
  /** A PC not heard from for this long is stale: its claim no longer counts as live. */
  leaseMs: number;
  /**
   * This PC's lease on its counters: cut off from the store it starts no new payment on them this long
   * after the store last answered it (lease.ts); a manager may release another PC's counter only once
   * that PC has been silent this long. Every PC of a store must have the same.
   */
  claimLeaseMs: number;
  /** A PC not heard from for this long holds no share of the budget any more. */
  forgetMs: number;
  /** How often the outbox is looked at between wake-ups. */
  shipPollMs: number;
  /** The longest wait between tries while the link is down. */
  maxBackoffMs: number;
}

export const DEFAULT_STORE_TIMING: StoreTiming = { heartbeatMs: 2_000, leaseMs: 15_000, claimLeaseMs: 2 * 60_000, forgetMs: 10 * 60_000, shipPollMs: 250, maxBackoffMs: 10_000 };

export interface StoreLinkDeps {
  file: StoreLinkFile;
  events: EventBus;
  log: Logger;
  now: () => number;
  /** Monotonic ms (performance.now): this PC's lease. */
  clock: () => number;
  /** The calls a minute this PC would have alone (CALL_BUDGET_PER_MINUTE unless tuned). */
  budgetPerMinute: number;
  timing?: Partial<StoreTiming>;
}

export class StoreLink {
  readonly timing: StoreTiming;
  private link: StoredStoreLink | null = null;
  private pool: pg.Pool | null = null;
  private state: 'off' | 'up' | 'down' = 'off';
  private downSince: number | null = null;
  private problem: string | null = null;
  /** The live mode whose database ships (a demo's never does). */
  private attached: RunningMode | null = null;
  private failures = 0;
  private tickTimer: NodeJS.Timeout | null = null;
  private ticking: Promise<void> | null = null;
  private lastEmitted = '';
  private stopped = false;
  private readonly heartbeat: StoreHeartbeat;
  private readonly shipper: OutboxShipper;
  private readonly news: LedgerNews;
  private readonly unsubscribe: () => void;
  private readonly localTokens: LocalTokenBookings;
  /** Whether this link's login was checked to be this PC's own role (own-login.ts). */
  private ownLoginChecked = false;

  constructor(private readonly deps: StoreLinkDeps) {
    this.timing = { ...DEFAULT_STORE_TIMING, ...deps.timing };
    this.localTokens = new LocalTokenBookings(deps.now);
    this.heartbeat = new StoreHeartbeat({ ...deps, timing: this.timing, remember: (link) => this.remember(link) });
    this.shipper = new OutboxShipper({
      pool: () => (this.state === 'up' ? this.pool : null),
      stopped: () => this.stopped,
      shipped: () => this.emitStatus(),
      now: deps.now,
      failed: (error) => {
        this.markDown(error);
        this.emitStatus();
      },
    });
    this.news = new LedgerNews(deps);
    // A change on this PC wakes the shipper at once (the poll catches anything else).
    this.unsubscribe = deps.events.subscribe((event) => {
      if (event.type === 'charge-updated') this.shipper.soon();
    });
  }

  /** Reads the remembered store and rejoins it (in the background: the link may be down). */
  async start(): Promise<void> {
    const link = await this.deps.file.read();
    if (link) this.begin(link, null);
  }

  get joined(): StoredStoreLink | null {
    return this.link;
  }

  get isUp(): boolean {
    return this.state === 'up';
  }

  /** The connection pool while joined; null on a PC of its own. */
  get connection(): pg.Pool | null {
    return this.pool;
  }

  /** The store this PC is in and its pool while the link is up; null when cut off or on a PC of its own. */
  get reachable(): { joined: StoredStoreLink; pool: pg.Pool } | null {
    return this.link && this.pool && this.isUp ? { joined: this.link, pool: this.pool } : null;
  }

  /** The claims as last read (the store's, or this PC's own while the link is down). */
  get currentClaims(): readonly ClaimRow[] {
    return this.heartbeat.claims;
  }

  /** Null while this PC's lease on its counters holds; else when the store last answered it (unix ms; 0: not since it started). */
  leaseLapsedSince(): number | null {
    return this.heartbeat.lease.lapsedSince();
  }

  /** Switches to a store just joined (join.ts has checked it and registered this PC), on the running mode. */
  async adopt(link: StoredStoreLink, pool: pg.Pool, mode: RunningMode): Promise<void> {
    await this.halt();
    this.stopped = false;
    await this.deps.file.write(link);
    this.begin(link, pool);
    this.attach(mode);
    await this.tickNow();
  }

  /** The live mode's database ships to the store; the demo's never does. */
  attach(mode: RunningMode): void {
    this.attached = null;
    this.shipper.attach(null);
    if (mode.kind !== 'live' || !this.link) return;
    const outbox = linkOutbox(mode.db, { storeId: this.link.storeId, stationId: this.link.stationId, epoch: randomUUID(), joinedAt: this.deps.now() });
    this.attached = mode;
    this.heartbeat.rereadConfig();
    if (this.state !== 'up') this.heartbeat.resumeOwnClaims(mode.db, this.link);
    this.shipper.attach({ db: mode.db, outbox });
  }

  /** Before the mode stops: waits for a batch in flight, then lets go of its database. */
  async detach(): Promise<void> {
    await this.shipper.detach();
    this.attached = null;
  }

  /** This PC's share of the account's calls a minute: from the heartbeats, or the safe share while cut off. */
  budgetPerMinute(): number {
    const budget = this.deps.budgetPerMinute;
    if (!this.link) return budget;
    const self = this.link.stationId;
    if (this.state !== 'up') return safeShare(budget, this.link.knownStations);
    return callShare(budget, this.heartbeat.stations.map((s) => ({ id: s.id, liveSessions: s.live_sessions, fresh: s.fresh })), self);
  }

  /** Of the store's `activeCounters`, those this PC may charge on next (all of them on a PC of its own). */
  chargeableCounters(activeCounters: number): number {
    if (!this.link) return activeCounters;
    const fresh = this.state === 'up' ? this.heartbeat.stations.filter((s) => s.fresh).length : this.link.knownStations;
    return chargeableCounters(activeCounters, this.heartbeat.claims, this.link.stationId, fresh);
  }

  /**
   * Books a token request for the Zoho account with the store's other PCs (and every store on the
   * account), or against this PC's safe share of Zoho's limit while cut off. Throws a ZohoError
   * (not_connected, retryAfterMs) when none is left. A PC of its own books nothing here.
   */
  async reserveTokenRequest(account: { edition: string; accountId: string }): Promise<void> {
    const link = this.link;
    if (!link) return;
    if (this.state === 'up' && this.pool) {
      try {
        await bookTokenRequest(this.pool, `${account.edition}:${account.accountId}`);
        return;
      } catch (error) {
        if (error instanceof ZohoError) throw error;
        this.deps.log.warn('could not book a token request with the store', { error: error instanceof Error ? error.message : String(error) });
      }
    }
    this.localTokens.book(link.knownStations);
  }

  /** Runs a heartbeat now (after a join, or when a call needs fresh claims) and waits for it. */
  async tickNow(): Promise<void> {
    if (!this.link) return;
    if (this.tickTimer) clearTimeout(this.tickTimer);
    this.tickTimer = null;
    await this.tick();
  }

  /** After a change made in the store: re-reads the configuration at once (and the claims). */
  async refresh(): Promise<void> {
    this.heartbeat.rereadConfig();
    await this.tickNow();
  }

  status(): StoreStatus {
    const link = this.link;
    const budget = this.budgetPerMinute();
    if (!link) {
      return {
        link: 'off',
        storeName: null,
        stationId: null,
        stationName: null,
        address: null,
        downSince: null,
        pendingChanges: 0,
        message: 'This PC works on its own. Join a store to share its counters, settings and payment log with the store’s other PCs.',
        callsPerMinute: budget,
        stations: [],
        claims: [],
        setAside: [],
      };
    }
    const pending = this.shipper.pending();
    const waiting = pending === 0 ? '' : ` ${pending} ${pending === 1 ? 'change waits' : 'changes wait'} to be sent.`;
    const message =
      this.state === 'up'
        ? `Connected to store “${link.storeName}” as PC “${link.stationName}”.${waiting}`
        : `The store link is down: payments go on on this PC, and the payment log shows this PC only.${waiting}${this.problem ? ` ${this.problem}` : ''}`;
    const stations: StationView[] = this.heartbeat.stations.map((s) => ({
      id: s.id,
      name: s.name,
      lastSeen: s.last_seen,
      liveSessions: s.live_sessions,
      stale: !s.fresh,
      thisStation: s.id === link.stationId,
    }));
    return {
      link: this.state === 'up' ? 'up' : 'down',
      storeName: link.storeName,
      stationId: link.stationId,
      stationName: link.stationName,
      address: redactStoreAddress(link.url),
      downSince: this.state === 'up' ? null : this.downSince,
      pendingChanges: pending,
      message,
      callsPerMinute: budget,
      stations,
      claims: this.heartbeat.claims.map((c) => ({
        counterId: c.counter_id,
        stationId: c.station_id,
        stationName: c.station_name,
        claimedAt: c.claimed_at,
        stale: c.stale,
        thisStation: c.station_id === link.stationId,
      })),
      setAside: this.attached ? setAsideViews(this.attached.db, this.deps.now()) : [],
    };
  }

  /** Stops the loops and tells the store this PC stopped cleanly (it then holds no budget). */
  async stop(): Promise<void> {
    this.unsubscribe();
    await this.halt();
  }

  private begin(link: StoredStoreLink, pool: pg.Pool | null): void {
    this.link = link;
    this.state = 'down';
    this.downSince = this.deps.now();
    this.problem = null;
    this.ownLoginChecked = false;
    try {
      this.pool = pool ?? openStorePool(link.url, this.deps.log);
    } catch (error) {
      // An address kept from before TLS was required (sslmode=disable to another computer): the
      // link stays down, saying why, until a manager gives a better one.
      if (!(error instanceof StoreAddressError)) throw error;
      this.problem = error.message;
      return;
    }
    this.heartbeat.reset();
    this.scheduleTick(0);
    this.shipper.poll(this.timing.shipPollMs);
  }

  private async halt(): Promise<void> {
    this.stopped = true;
    if (this.tickTimer) clearTimeout(this.tickTimer);
    this.tickTimer = null;
    this.shipper.stopPolling();
    this.news.mute();
    await this.ticking;
    await this.shipper.settled();
    const { pool, link } = this;
    this.pool = null;
    if (pool && link && this.state === 'up') await stopStation(pool, link).catch(() => undefined);
    await this.news.close();
    await pool?.end().catch(() => undefined);
  }

  private scheduleTick(delayMs: number): void {
    if (this.stopped) return;
    if (this.tickTimer) clearTimeout(this.tickTimer);
    this.tickTimer = setTimeout(() => {
      this.tickTimer = null;
      void this.tick();
    }, delayMs);
    this.tickTimer.unref();
  }

  private tick(): Promise<void> {
    this.ticking ??= this.beat()
      .then(
        () => this.markUp(),
        (error: unknown) => this.markDown(error),
      )
      .finally(() => {
        this.ticking = null;
        this.scheduleTick(this.state === 'up' ? this.timing.heartbeatMs : this.backoffMs());
        this.emitStatus();
      });
    return this.ticking;
  }

  /** 1 s, 2 s, 4 s … up to the longest wait, each give or take a fifth so PCs do not retry in step. */
  private backoffMs(): number {
    const base = Math.min(this.timing.maxBackoffMs, 1_000 * 2 ** Math.max(0, this.failures - 1));
    return Math.round(base * (0.8 + Math.random() * 0.4));
  }

  private async beat(): Promise<void> {
    const { pool, link } = this;
    if (!pool || !link) return;
    await this.heartbeat.beat(pool, link, this.attached);
    if (!this.ownLoginChecked) await this.checkOwnLogin(pool, link);
    const current = this.link ?? link;
    await this.news.listen(current, () => this.stopped);
    const known = Math.max(1, this.heartbeat.stations.length);
    if (known !== current.knownStations) await this.remember({ ...current, knownStations: known });
  }

  /** A PC joined before each PC had a role of its own moves to its own, and keeps only that address. */
  private async checkOwnLogin(pool: pg.Pool, link: StoredStoreLink): Promise<void> {
    const moved = await moveToOwnLogin(pool, link, this.deps.log);
    this.ownLoginChecked = true;
    if (!moved) return;
    await this.remember({ ...link, url: moved.url });
    this.pool = moved.pool;
    await pool.end().catch(() => undefined);
  }

  private async remember(link: StoredStoreLink): Promise<void> {
    await this.deps.file.write(link);
    this.link = link;
  }

  private markUp(): void {
    const wasDown = this.state !== 'up';
    this.state = 'up';
    this.failures = 0;
    this.downSince = null;
    this.problem = null;
    if (wasDown) this.deps.log.info('store link up', { store: this.link?.storeName });
    this.shipper.soon();
  }

  private markDown(error: unknown): void {
    this.failures += 1;
    if (this.state === 'up' || this.downSince === null) this.downSince = this.deps.now();
    if (this.state === 'up') this.deps.log.warn('store link down', { error: error instanceof Error ? error.message : String(error) });
    this.state = 'down';
    const link = this.link;
    this.problem = (link && describeLinkFailure(error, link.url)) ?? (error instanceof Error && error.name === 'StoreSchemaTooNewError' ? error.message : null);
    this.news.drop();
    this.heartbeat.linkDown(link?.stationId ?? null);
  }

  private emitStatus(): void {
    const status = this.status();
    const key = JSON.stringify(status);
    if (key === this.lastEmitted) return;
    this.lastEmitted = key;
    this.deps.events.emit({ type: 'store-changed', store: status });
  }
}
