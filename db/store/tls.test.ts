// TLS to the store, against a real PostgreSQL with ssl=on and a certificate signed by a throwaway CA
// made by this test: a PC given the CA connects encrypted; without it, it refuses with a clear
// message; sslmode=disable to another computer is refused before any packet is sent.
import { rmSync } from 'node:fs';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { enableClusterTls, makeThrowawayCa, type ThrowawayCa } from '../../testkit/postgres-tls';
import { storeDatabaseEachTest } from '../../testkit/store';
import { describeTlsFailure, storeConnection, withCaFile } from './address';

const store = storeDatabaseEachTest({ ownCluster: true });
let ca: ThrowawayCa | null = null;

beforeAll(async () => {
  ca = await makeThrowawayCa();
  await enableClusterTls(store.cluster, ca);
}, 60_000);

afterAll(() => {
  if (ca) rmSync(ca.dir, { recursive: true, force: true });
});

const needCa = (): ThrowawayCa => {
  if (!ca) throw new Error('no CA');
  return ca;
};

/** The test database's address on `host`, asking for TLS. */
const address = (host: string) => store.url.replace('127.0.0.1', host) + '?sslmode=verify-full';

async function connect(connection: pg.ClientConfig): Promise<pg.Client> {
  const client = new pg.Client(connection);
  client.on('error', () => undefined);
  await client.connect();
  return client;
}

describe('TLS to the store', () => {
  it('connects encrypted, the certificate verified for the host, when the PC has the CA (given, or named in the address)', async () => {
    for (const connection of [storeConnection(address('127.0.0.1'), { caFile: needCa().caFile }), storeConnection(withCaFile(address('localhost'), needCa().caFile))]) {
      const host = connection.host;
      const client = await connect(connection);
      try {
        const tls = await client.query<{ ssl: boolean }>('SELECT ssl FROM pg_stat_ssl WHERE pid = pg_backend_pid()');
        expect(tls.rows, host).toEqual([{ ssl: true }]);
      } finally {
        await client.end();
      }
    }
  });

  it('refuses a server whose certificate no CA of the PC signed, and says how to fix it', async () => {
    const refusal: unknown = await connect(storeConnection(address('127.0.0.1'))).then(
      async (client) => {
        await client.end();
        return null;
      },
      (error: unknown) => error,
    );
    expect(refusal).not.toBeNull();
    expect(describeTlsFailure(refusal, '127.0.0.1')).toMatch(/no CA this PC trusts .* CA file on the Store screen/);
  });

  it('refuses a certificate made for another host than the one in the address', async () => {
    const other = await makeThrowawayCa({ dns: ['db.elsewhere.example'], ip: [] });
    try {
      await enableClusterTls(store.cluster, other);
      const refusal: unknown = await connect(storeConnection(address('127.0.0.1'), { caFile: other.caFile })).then(
        async (client) => {
          await client.end();
          return null;
        },
        (error: unknown) => error,
      );
      expect(describeTlsFailure(refusal, '127.0.0.1')).toMatch(/certificate made for another server/);
    } finally {
      await enableClusterTls(store.cluster, needCa());
      rmSync(other.dir, { recursive: true, force: true });
    }
  });
});
