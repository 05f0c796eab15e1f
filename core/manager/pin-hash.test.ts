import { randomBytes, scryptSync } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { hashPin, isPinHash, isWeakerThan, PIN_KDF_COST, verifyPin } from './pin-hash';

const CHEAP = { log2N: 10, r: 8, p: 1 };

describe('the PIN hash', () => {
  it('is salted, records its cost, and verifies only the right PIN', async () => {
    const stored = await hashPin('246810', CHEAP);
    expect(stored).toMatch(/^scrypt\$10\$8\$1\$[A-Za-z0-9+/=]+\$[A-Za-z0-9+/=]+$/);
    expect(stored).not.toContain('246810');
    expect(await hashPin('246810', CHEAP)).not.toBe(stored);
    expect(await verifyPin('246810', stored)).toBe(true);
    expect(await verifyPin('246811', stored)).toBe(false);
    expect(await verifyPin('246810', 'plain:246810')).toBe(false);
  });

  it('is made at N = 2^16, r = 8, p = 1 by default: under a second of CPU per try, four times the old cost', async () => {
    expect(PIN_KDF_COST).toEqual({ log2N: 16, r: 8, p: 1 });
    const current = await hashPin('135790');
    const legacy = await hashPin('135790', { log2N: 14, r: 8, p: 1 });
    expect(current.startsWith('scrypt$16$8$1$')).toBe(true);
    // CPU time, not wall time: the cost an offline guesser pays, whatever else the machine runs.
    const cpuMsPerTry = async (stored: string) => {
      const times: number[] = [];
      for (let i = 0; i < 3; i += 1) {
        const before = process.cpuUsage();
        expect(await verifyPin('135790', stored)).toBe(true);
        const used = process.cpuUsage(before);
        times.push((used.user + used.system) / 1000);
      }
      return times.sort((a, b) => a - b)[1] ?? Infinity;
    };
    const currentMs = await cpuMsPerTry(current);
    const legacyMs = await cpuMsPerTry(legacy);
    // Measured on the 2-core PC of docs/RELIABILITY.md: ~0.36 s (was ~0.09 s), so the million
    // 6-digit PINs take ~4 days of one core to try offline (were ~1 day).
    expect(currentMs).toBeLessThan(1_000);
    expect(currentMs / legacyMs).toBeGreaterThan(2.5);
  });

  it('still verifies hashes written before the cost was raised, and says they are weaker', async () => {
    const salt = randomBytes(16);
    const legacy = `scrypt:${salt.toString('base64')}:${scryptSync('2468', salt, 32).toString('base64')}`;
    expect(isPinHash(legacy)).toBe(true);
    expect(await verifyPin('2468', legacy)).toBe(true);
    expect(await verifyPin('2469', legacy)).toBe(false);
    expect(isWeakerThan(legacy, PIN_KDF_COST)).toBe(true);
    expect(isWeakerThan(await hashPin('2468', CHEAP), PIN_KDF_COST)).toBe(true);
  });

  it('refuses a cost a damaged or planted file could use to stall the app', async () => {
    const salt = randomBytes(16).toString('base64');
    const hash = randomBytes(32).toString('base64');
    for (const cost of ['30$8$1', '16$64$1', '16$8$99', '9$8$1']) {
      const stored = `scrypt$${cost}$${salt}$${hash}`;
      expect(isPinHash(stored), cost).toBe(false);
      expect(await verifyPin('2468', stored), cost).toBe(false);
    }
    expect(isPinHash(`scrypt$16$8$1$${salt}$`)).toBe(false);
  });
});
