import { describe, expect, it } from 'vitest';
import type { SecretStore } from '../secrets/secret-store';
import { ConnectionVault, type StoredConnection } from './vault';

const connection: StoredConnection = {
  edition: 'in',
  accountId: '23137556',
  clientId: '1000.CLIENT',
  clientSecret: 'secret',
  refreshToken: null,
  accessToken: null,
  accessTokenExpiresAt: null,
  reconnectReason: null,
  accountsServer: null,
};

describe('ConnectionVault', () => {
  it('keeps nothing when the secret store refuses to write', async () => {
    const refusing: SecretStore = {
      read: async () => null,
      write: async () => {
        throw new Error('no secure key store');
      },
      clear: async () => undefined,
    };
    const vault = new ConnectionVault(refusing);
    await expect(vault.update(() => connection)).rejects.toThrow(/no secure key store/);
    expect(await vault.read()).toBeNull();
  });

  it('serialises concurrent updates so none is lost', async () => {
    let stored: string | null = JSON.stringify(connection);
    const vault = new ConnectionVault({
      read: async () => stored,
      write: async (text) => {
        await new Promise((resolve) => setTimeout(resolve, 5));
        stored = text;
      },
      clear: async () => {
        stored = null;
      },
    });
    await Promise.all(
      Array.from({ length: 10 }, (_, i) => vault.update((current) => current && { ...current, accountId: `${current.accountId}${i}` })),
    );
    expect((JSON.parse(stored ?? '{}') as StoredConnection).accountId).toBe('231375560123456789');
  });

  it('refuses a damaged stored connection loudly instead of reading it as none', async () => {
    for (const damaged of ['{not json', '{"edition":"in"}', '42']) {
      const vault = new ConnectionVault({ read: async () => damaged, write: async () => undefined, clear: async () => undefined });
      await expect(vault.read()).rejects.toThrow(/damaged and cannot be read\. Delete the file zoho-connection\.json/);
    }
  });
});
