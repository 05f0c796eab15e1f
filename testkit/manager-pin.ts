// The manager PIN of a data folder that is already live, as on a store's computer: the PIN was set
// before the Zoho account was connected (a first PIN may be set only on a fresh install), so tests
// that start in live mode find it on disk and unlock with it.
import { ManagerPinFile } from '../core/manager/pin-file';
import { NO_WRONG_TRIES } from '../core/manager/pin-guard';
import { hashPin, type KdfCost } from '../core/manager/pin-hash';

export const TEST_PIN = '2468';

/** A cheap hash for tests (~1 MiB, milliseconds); the app's own cost is pinned by pin-hash.test.ts. */
export const TEST_PIN_KDF_COST: KdfCost = { log2N: 10, r: 8, p: 1 };

export async function writeManagerPin(dataDir: string, pin: string = TEST_PIN): Promise<void> {
  await new ManagerPinFile(dataDir).write({ kind: 'set', hash: await hashPin(pin, TEST_PIN_KDF_COST), guard: NO_WRONG_TRIES });
}
