// What a joined PC remembers of its store, kept with the secrets (the address may hold the
// database password), never in SQLite or the logs: the address, the store, this PC, and the
// store's Zoho account details as last read (non-secret, for the connection form when offline).
import { z } from 'zod';
import { EDITIONS } from '../../contract/vocabulary';
import type { SecretStore } from '../secrets/secret-store';

const zohoAccount = z.object({ edition: z.enum(EDITIONS), accountId: z.string(), clientId: z.string() });

const storedStoreLink = z.object({
  url: z.string(),
  storeId: z.string(),
  storeName: z.string(),
  stationId: z.string(),
  stationName: z.string(),
  zoho: zohoAccount.nullable(),
  /** How many PCs the store had at the last contact: a PC cut off spends the budget's share of one of them. */
  knownStations: z.number().int().min(1),
});

export type StoredStoreLink = z.output<typeof storedStoreLink>;
export type StoreZohoAccount = z.output<typeof zohoAccount>;

export class UnreadableStoreLinkError extends Error {
  override readonly name = 'UnreadableStoreLinkError';
  constructor() {
    super('The saved store link is damaged and cannot be read. Delete the file store-link.json (or .secret) in Counter’s data folder and join the store again.');
  }
}

export class StoreLinkFile {
  constructor(private readonly store: SecretStore) {}

  async read(): Promise<StoredStoreLink | null> {
    const text = await this.store.read();
    if (text === null) return null;
    let json: unknown;
    try {
      json = JSON.parse(text);
    } catch {
      throw new UnreadableStoreLinkError();
    }
    const parsed = storedStoreLink.safeParse(json);
    if (!parsed.success) throw new UnreadableStoreLinkError();
    return parsed.data;
  }

  async write(link: StoredStoreLink): Promise<void> {
    await this.store.write(JSON.stringify(link));
  }
}
