// The Zoho connection as kept in the SecretStore: credentials, tokens, and the accounts server of
// the data centre that issued them. (Recent token requests have a log of their own, which a
// disconnect does not forget: token-request-log.ts.)
import { z } from 'zod';
import { EDITIONS } from '../../contract/vocabulary';
import type { SecretStore } from '../secrets/secret-store';

const storedConnection = z.object({
  edition: z.enum(EDITIONS),
  accountId: z.string(),
  clientId: z.string(),
  clientSecret: z.string(),
  refreshToken: z.string().nullable(),
  accessToken: z.string().nullable(),
  accessTokenExpiresAt: z.number().nullable(),
  /** Why a person must reconnect (refresh token revoked or refused), or null. */
  reconnectReason: z.string().nullable(),
  /** The accounts server that issued the tokens (Zoho's consent redirect names it); null: the edition's. */
  accountsServer: z.string().nullable().default(null),
  /**
   * The account was connected without the refund scopes (Zoho's token answer said so, or a refund
   * call was refused for its scope): refunds are off until a manager signs in again. Charging goes on.
   */
  refundScopeMissing: z.boolean().optional(),
});

export type StoredConnection = z.output<typeof storedConnection>;

export class UnreadableConnectionError extends Error {
  constructor() {
    super(
      'The saved Zoho connection is damaged and cannot be read. Delete the file zoho-connection.json (or .secret) in Counter’s data folder, start Counter and connect Zoho again: payments already recorded are kept, and checked again once connected.',
    );
    this.name = 'UnreadableConnectionError';
  }
}

export class ConnectionVault {
  private cached: StoredConnection | null | undefined;
  private writing: Promise<void> = Promise.resolve();

  constructor(private readonly store: SecretStore) {}

  async read(): Promise<StoredConnection | null> {
    if (this.cached !== undefined) return this.cached;
    const text = await this.store.read();
    if (text === null) return (this.cached = null);
    const parsed = storedConnection.safeParse(safeJson(text));
    // Refused loudly, never read as "not connected": that would start the demo and leave the
    // account's payments in progress unchecked until someone noticed.
    if (!parsed.success) throw new UnreadableConnectionError();
    return (this.cached = parsed.data);
  }

  /** Applies `change` to the stored connection; writes are serialised so none is lost. */
  async update(change: (current: StoredConnection | null) => StoredConnection | null): Promise<StoredConnection | null> {
    const run = this.writing.then(async () => {
      const next = change(await this.read());
      // Cached only once stored: a key store that refuses must not leave the app looking configured.
      if (next === null) await this.store.clear();
      else await this.store.write(JSON.stringify(next));
      this.cached = next;
    });
    this.writing = run.catch(() => {});
    await run;
    return this.cached ?? null;
  }
}

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return null;
  }
}
