// The manager PIN's record, kept beside the databases (demo and live share one PIN) in an
// owner-only file written atomically: the salted hash, and the count of wrong tries and the lockout
// (so that a restart does not reset them). After a reset done outside the app by the computer's
// account, the record says who reset it and when, and holds no PIN until a new one is set.
// A file that cannot be read or understood is reported as such, never as "no PIN".
import { join } from 'node:path';
import { z } from 'zod';
import { FileSecretStore } from '../secrets/file-secret-store';
import { isPinHash } from './pin-hash';
import { NO_WRONG_TRIES, type TryGuard } from './pin-guard';

export const PIN_FILE = 'manager-pin.json';

const guard = z.object({
  failedTries: z.number().int().min(0),
  lockouts: z.number().int().min(0),
  lockedUntil: z.number().int().min(0),
});

const setRecord = z.object({
  hash: z.string().refine(isPinHash),
  // Files written before lockouts were kept have no guard: no wrong tries yet.
  guard: guard.default(NO_WRONG_TRIES),
});

const resetRecord = z.object({ reset: z.object({ at: z.number().int(), by: z.string().min(1) }) });

export type PinRecord =
  | { kind: 'absent' }
  | { kind: 'unreadable' }
  | { kind: 'set'; hash: string; guard: TryGuard }
  | { kind: 'reset'; at: number; by: string };

export type StoredPinRecord = Extract<PinRecord, { kind: 'set' | 'reset' }>;

export class ManagerPinFile {
  private readonly file: FileSecretStore;

  constructor(dataDir: string) {
    this.file = new FileSecretStore(join(dataDir, PIN_FILE));
  }

  async read(): Promise<PinRecord> {
    let text: string | null;
    try {
      text = await this.file.read();
    } catch {
      return { kind: 'unreadable' };
    }
    if (text === null) return { kind: 'absent' };
    const json = parseJson(text);
    const asSet = setRecord.safeParse(json);
    if (asSet.success) return { kind: 'set', ...asSet.data };
    const asReset = resetRecord.safeParse(json);
    if (asReset.success) return { kind: 'reset', ...asReset.data.reset };
    return { kind: 'unreadable' };
  }

  async write(record: StoredPinRecord): Promise<void> {
    const stored = record.kind === 'set' ? { hash: record.hash, guard: record.guard } : { reset: { at: record.at, by: record.by } };
    await this.file.write(JSON.stringify(stored));
  }
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return null;
  }
}
