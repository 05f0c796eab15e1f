// The store's news that another PC's changes arrived: one LISTEN connection of its own (a pooled
// one cannot hold it), re-opened at the next heartbeat after it drops, and the news passed on at
// most once per 200 ms as a store-ledger-changed event.
import type pg from 'pg';
import { listenForLedgerNews } from '../../db/store/ledger-news';
import { storeClient } from '../../db/store/pg';
import type { EventBus } from '../event-bus';
import type { Logger } from '../logger';
import type { StoredStoreLink } from './link-file';

const NEWS_DELAY_MS = 200;

export class LedgerNews {
  private listener: pg.Client | null = null;
  private timer: NodeJS.Timeout | null = null;

  constructor(private readonly deps: { events: EventBus; log: Logger }) {}

  /** Listens to the store's news unless already listening; `stopped` says whether the link stopped meanwhile. */
  async listen(link: StoredStoreLink, stopped: () => boolean): Promise<void> {
    if (this.listener) return;
    const client = storeClient(link.url);
    client.on('error', (error) => {
      this.deps.log.warn('store news connection dropped', { error: error.message });
      if (this.listener === client) this.listener = null;
      void client.end().catch(() => undefined);
    });
    await client.connect();
    await listenForLedgerNews(client, link.storeId, () => this.arrived());
    if (stopped()) {
      await client.end();
      return;
    }
    this.listener = client;
  }

  /** The link went down: the connection is let go, to be re-opened once it is back. */
  drop(): void {
    const listener = this.listener;
    this.listener = null;
    void listener?.end().catch(() => undefined);
  }

  /** News pending is not passed on. */
  mute(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
  }

  /** Stops listening. */
  async close(): Promise<void> {
    const listener = this.listener;
    this.listener = null;
    await listener?.end().catch(() => undefined);
  }

  private arrived(): void {
    if (this.timer) return;
    this.timer = setTimeout(() => {
      this.timer = null;
      this.deps.events.emit({ type: 'store-ledger-changed' });
    }, NEWS_DELAY_MS);
    this.timer.unref();
  }
}
