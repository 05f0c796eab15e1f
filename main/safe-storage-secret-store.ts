// The desktop app's SecretStore: the Zoho connection encrypted with the operating system's key store
// (Keychain, DPAPI, GNOME Keyring / KWallet) through Electron's safeStorage, kept in one file.
import { HandlerFailure } from '../core/failure';
import { FileSecretStore } from '../core/secrets/file-secret-store';
import type { SecretStore } from '../core/secrets/secret-store';

/** The part of Electron's safeStorage used here (injected, so tests need no Electron). */
export interface SafeStorageLike {
  isAsyncEncryptionAvailable(): Promise<boolean>;
  encryptStringAsync(plainText: string): Promise<Buffer>;
  decryptStringAsync(encrypted: Buffer): Promise<{ shouldReEncrypt: boolean; result: string }>;
  /** Linux only: which key store Chromium picked; 'basic_text' means a key hard-coded in Chromium. */
  getSelectedStorageBackend(): string;
}

export const NO_KEY_STORE_MESSAGE =
  'This computer has no secure key store, so Counter cannot keep the Zoho connection safe. On Linux, install and unlock GNOME Keyring or KWallet (package gnome-keyring), then restart Counter.';

/** Refused rather than stored weakly: the manager sees the message on the connection screen. */
export class NoSecureKeyStoreError extends HandlerFailure {
  constructor() {
    super('conflict', NO_KEY_STORE_MESSAGE);
    this.name = 'NoSecureKeyStoreError';
  }
}

export class UnreadableSecretError extends Error {
  constructor(filePath: string, cause: unknown) {
    super(
      `The saved Zoho connection cannot be decrypted on this computer (its key store was reset, or the file came from another computer). Delete ${filePath}, start Counter and connect Zoho again.`,
      { cause },
    );
    this.name = 'UnreadableSecretError';
  }
}

export class SafeStorageSecretStore implements SecretStore {
  /** The ciphertext (base64), written atomically and owner-only. */
  private readonly file: FileSecretStore;

  constructor(
    private readonly safeStorage: SafeStorageLike,
    private readonly filePath: string,
    private readonly platform: NodeJS.Platform = process.platform,
  ) {
    this.file = new FileSecretStore(filePath);
  }

  async read(): Promise<string | null> {
    const stored = await this.file.read();
    if (stored === null) return null;
    await this.requireSecureKeyStore();
    let decrypted: { shouldReEncrypt: boolean; result: string };
    try {
      decrypted = await this.safeStorage.decryptStringAsync(Buffer.from(stored, 'base64'));
    } catch (error) {
      throw new UnreadableSecretError(this.filePath, error);
    }
    if (decrypted.shouldReEncrypt) await this.write(decrypted.result);
    return decrypted.result;
  }

  async write(text: string): Promise<void> {
    await this.requireSecureKeyStore();
    const encrypted = await this.safeStorage.encryptStringAsync(text);
    await this.file.write(encrypted.toString('base64'));
  }

  clear(): Promise<void> {
    return this.file.clear();
  }

  private async requireSecureKeyStore(): Promise<void> {
    const available = await this.safeStorage.isAsyncEncryptionAvailable();
    if (!available || (this.platform === 'linux' && this.safeStorage.getSelectedStorageBackend() === 'basic_text')) {
      throw new NoSecureKeyStoreError();
    }
  }
}
