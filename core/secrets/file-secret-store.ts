// A SecretStore in one file readable by its owner only (0600). The browser host uses it as is; the
// Electron shell stores safeStorage ciphertext through it. Writes are atomic: a crash leaves the old
// secret or the new one, never half of either.
import { randomBytes } from 'node:crypto';
import { mkdir, open, readFile, rename, rm } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import { OWNER_ONLY_FILE, OWNER_ONLY_FOLDER } from '../../db/local/owner-only';
import type { SecretStore } from './secret-store';

export class FileSecretStore implements SecretStore {
  constructor(private readonly filePath: string) {}

  async read(): Promise<string | null> {
    try {
      return await readFile(this.filePath, 'utf8');
    } catch (error) {
      if (isMissingFile(error)) return null;
      throw error;
    }
  }

  async write(text: string): Promise<void> {
    const folder = dirname(this.filePath);
    await mkdir(folder, { recursive: true, mode: OWNER_ONLY_FOLDER });
    const temporary = join(folder, `.${basename(this.filePath)}.${randomBytes(6).toString('hex')}.tmp`);
    try {
      // 'wx': a fresh file created with owner-only rights, so the secret is never briefly world-readable.
      const handle = await open(temporary, 'wx', OWNER_ONLY_FILE);
      try {
        await handle.writeFile(text, 'utf8');
        await handle.sync();
      } finally {
        await handle.close();
      }
      await rename(temporary, this.filePath);
    } catch (error) {
      await rm(temporary, { force: true });
      throw error;
    }
    await syncFolder(folder);
  }

  async clear(): Promise<void> {
    await rm(this.filePath, { force: true });
    await syncFolder(dirname(this.filePath));
  }
}

/** Makes the rename durable (POSIX); folders cannot be opened for syncing on Windows, which is fine. */
async function syncFolder(folder: string): Promise<void> {
  if (process.platform === 'win32') return;
  const handle = await open(folder, 'r');
  try {
    await handle.sync();
  } finally {
    await handle.close();
  }
}

function isMissingFile(error: unknown): boolean {
  return error instanceof Error && (error as NodeJS.ErrnoException).code === 'ENOENT';
}
