import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { NO_KEY_STORE_MESSAGE, NoSecureKeyStoreError, SafeStorageSecretStore, UnreadableSecretError, type SafeStorageLike } from './safe-storage-secret-store';
import { toAppError } from '../core/failure';

/** A reversible stand-in for the OS key store: XOR with a key, so the file never holds the plain text. */
function fakeSafeStorage(overrides: Partial<SafeStorageLike> & { shouldReEncrypt?: boolean } = {}) {
  const xor = (bytes: Buffer) => Buffer.from(bytes.map((byte) => byte ^ 0x5a));
  let encryptions = 0;
  const storage: SafeStorageLike = {
    isAsyncEncryptionAvailable: () => Promise.resolve(true),
    encryptStringAsync: (text) => {
      encryptions += 1;
      return Promise.resolve(xor(Buffer.from(`enc:${text}`, 'utf8')));
    },
    decryptStringAsync: (data) => {
      const text = xor(data).toString('utf8');
      if (!text.startsWith('enc:')) return Promise.reject(new Error('Error while decrypting the ciphertext provided to safeStorage.decryptString.'));
      return Promise.resolve({ shouldReEncrypt: overrides.shouldReEncrypt ?? false, result: text.slice(4) });
    },
    getSelectedStorageBackend: () => 'gnome_libsecret',
    ...overrides,
  };
  return { storage, encryptions: () => encryptions };
}

describe('SafeStorageSecretStore', () => {
  let folder: string;
  let filePath: string;
  const secret = '{"clientSecret":"cs-9f8e7d","refreshToken":"rt-123"}';

  beforeEach(() => {
    folder = mkdtempSync(join(tmpdir(), 'counter-safe-'));
    filePath = join(folder, 'zoho-connection.bin');
  });
  afterEach(() => rmSync(folder, { recursive: true, force: true }));

  it('stores only ciphertext and reads the secret back', async () => {
    const store = new SafeStorageSecretStore(fakeSafeStorage().storage, filePath, 'linux');
    expect(await store.read()).toBeNull();
    await store.write(secret);
    expect(readFileSync(filePath, 'utf8')).not.toContain('cs-9f8e7d');
    expect(await new SafeStorageSecretStore(fakeSafeStorage().storage, filePath, 'linux').read()).toBe(secret);
    await store.clear();
    expect(await store.read()).toBeNull();
  });

  it('refuses to store when encryption is unavailable', async () => {
    const { storage } = fakeSafeStorage({ isAsyncEncryptionAvailable: () => Promise.resolve(false) });
    const store = new SafeStorageSecretStore(storage, filePath, 'win32');
    await expect(store.write(secret)).rejects.toBeInstanceOf(NoSecureKeyStoreError);
    expect(() => readFileSync(filePath)).toThrow();
  });

  it("refuses Linux's basic_text store (a key hard-coded in Chromium), with words the manager can act on", async () => {
    const { storage } = fakeSafeStorage({ getSelectedStorageBackend: () => 'basic_text' });
    const refusal = await new SafeStorageSecretStore(storage, filePath, 'linux').write(secret).catch((error: unknown) => error);
    expect(toAppError(refusal)).toEqual({ code: 'conflict', message: NO_KEY_STORE_MESSAGE });
    expect(NO_KEY_STORE_MESSAGE).toMatch(/gnome-keyring/);
  });

  it('only looks at the Linux store selection on Linux', async () => {
    const { storage } = fakeSafeStorage({ getSelectedStorageBackend: () => 'basic_text' });
    await new SafeStorageSecretStore(storage, filePath, 'darwin').write(secret);
    expect(await new SafeStorageSecretStore(storage, filePath, 'darwin').read()).toBe(secret);
  });

  it('will not read a stored connection once the key store is gone', async () => {
    await new SafeStorageSecretStore(fakeSafeStorage().storage, filePath, 'linux').write(secret);
    const { storage } = fakeSafeStorage({ getSelectedStorageBackend: () => 'basic_text' });
    await expect(new SafeStorageSecretStore(storage, filePath, 'linux').read()).rejects.toBeInstanceOf(NoSecureKeyStoreError);
  });

  it('names the file to delete when the ciphertext cannot be decrypted', async () => {
    writeFileSync(filePath, Buffer.from('garbage').toString('base64'));
    const read = new SafeStorageSecretStore(fakeSafeStorage().storage, filePath, 'linux').read();
    await expect(read).rejects.toBeInstanceOf(UnreadableSecretError);
    await expect(read).rejects.toThrow(filePath);
  });

  it('re-encrypts when the key store asks for it (key rotation)', async () => {
    await new SafeStorageSecretStore(fakeSafeStorage().storage, filePath, 'linux').write(secret);
    const rotated = fakeSafeStorage({ shouldReEncrypt: true });
    expect(await new SafeStorageSecretStore(rotated.storage, filePath, 'linux').read()).toBe(secret);
    expect(rotated.encryptions()).toBe(1);
  });
});
