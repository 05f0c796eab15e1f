// The day's CSV written into a target (core/backend/day-csv.ts): the call's schema first, the target
// opened only for a good input, and a write that fails part-way abandons the target.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { localDate } from '../../contract/calendar';
import { silentLogger } from '../logger';
import { MemorySecretStore } from '../secrets/secret-store';
import { startSimulator } from '../../simulator/index';
import { startBackend, type Backend } from './index';

let dataDir: string;
let backend: Backend;

beforeAll(async () => {
  dataDir = mkdtempSync(join(tmpdir(), 'counter-day-csv-'));
  backend = await startBackend({ dataDir, secretStore: new MemorySecretStore(), startDemoZoho: startSimulator, tuning: { log: silentLogger, consentPort: 0 } });
});

afterAll(async () => {
  await backend.close();
  rmSync(dataDir, { recursive: true, force: true });
});

describe('exportDayCsv', () => {
  it('opens nothing for a bad input, and abandons the target when a write fails part-way', async () => {
    const opened: string[] = [];
    const events: string[] = [];
    const target = {
      open: async (fileName: string) => {
        opened.push(fileName);
        return {
          write: async () => {
            events.push('write');
            throw new Error('disk full');
          },
          finish: async () => void events.push('finish'),
          abandon: async () => void events.push('abandon'),
        };
      },
    };
    expect(await backend.exportDayCsv({ date: '2026-13-01' }, target)).toMatchObject({ ok: false, error: { code: 'invalid_input', field: 'date' } });
    expect(opened).toEqual([]);

    const date = localDate(Date.now());
    expect(await backend.exportDayCsv({ date }, target)).toMatchObject({ ok: false, error: { code: 'internal' } });
    expect(opened).toEqual([`payments-${date}.csv`]);
    expect(events).toEqual(['write', 'abandon']);
  });
});
