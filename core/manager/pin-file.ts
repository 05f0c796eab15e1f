// The manager PIN's salted hash, kept beside the databases so that demo and live share one PIN.
import { readFile, rename, writeFile } from 'node:fs/promises';
import { join } from 'node:path';

export class ManagerPinFile {
  private readonly path: string;

  constructor(dataDir: string) {
    this.path = join(dataDir, 'manager-pin.json');
  }

  async read(): Promise<string | null> {
    try {
      const parsed = JSON.parse(await readFile(this.path, 'utf8')) as { hash?: unknown };
      return typeof parsed.hash === 'string' ? parsed.hash : null;
    } catch {
      return null;
    }
  }

  async write(hash: string): Promise<void> {
    const temporary = `${this.path}.tmp`;
    await writeFile(temporary, JSON.stringify({ hash }), { mode: 0o600 });
    await rename(temporary, this.path);
  }
}
