// The manager PIN is kept only as a salted scrypt hash whose cost makes guessing it offline slow: a
// PIN has few possibilities (a million for 6 digits), so each guess must be expensive. The cost
// (N = 2^16, r = 8, p = 1: 64 MiB and ~0.36 s of CPU per try on a 2-core PC, measured in
// core/manager/pin-hash.test.ts and docs/RELIABILITY.md) still unlocks in well under a second,
// while a million guesses take about four days of one such core. Each hash records its own cost,
// so hashes written with an older cost still verify, and are rewritten at the current one.
import { randomBytes, scrypt, timingSafeEqual, type ScryptOptions } from 'node:crypto';

export interface KdfCost {
  /** log2 of scrypt's N (CPU and memory cost). */
  log2N: number;
  r: number;
  p: number;
}

export const PIN_KDF_COST: KdfCost = { log2N: 16, r: 8, p: 1 };

/** What hashes written as "scrypt:<salt>:<hash>" used: Node's scrypt defaults. */
const LEGACY_COST: KdfCost = { log2N: 14, r: 8, p: 1 };
const KEY_LENGTH = 32;

function derive(pin: string, salt: Buffer, cost: KdfCost, length: number): Promise<Buffer> {
  const N = 2 ** cost.log2N;
  // scrypt needs 128·N·r bytes; allow twice that (Node refuses above 32 MiB unless told).
  const options: ScryptOptions = { N, r: cost.r, p: cost.p, maxmem: 256 * N * cost.r };
  // The callback form runs on libuv's thread pool: the poller and other calls go on meanwhile.
  return new Promise((resolve, reject) => scrypt(pin, salt, length, options, (error, key) => (error ? reject(error) : resolve(key))));
}

/** "scrypt$<log2N>$<r>$<p>$<salt>$<hash>", base64 salt and hash. */
export async function hashPin(pin: string, cost: KdfCost = PIN_KDF_COST): Promise<string> {
  const salt = randomBytes(16);
  const hash = await derive(pin, salt, cost, KEY_LENGTH);
  return ['scrypt', cost.log2N, cost.r, cost.p, salt.toString('base64'), hash.toString('base64')].join('$');
}

interface ParsedHash {
  cost: KdfCost;
  salt: Buffer;
  hash: Buffer;
}

function parseHash(stored: string): ParsedHash | null {
  const legacy = /^scrypt:([^:]+):([^:]+)$/.exec(stored);
  if (legacy) return { cost: LEGACY_COST, salt: Buffer.from(legacy[1] ?? '', 'base64'), hash: Buffer.from(legacy[2] ?? '', 'base64') };
  const current = /^scrypt\$(\d{1,2})\$(\d{1,2})\$(\d{1,2})\$([^$]+)\$([^$]+)$/.exec(stored);
  if (!current) return null;
  const cost = { log2N: Number(current[1]), r: Number(current[2]), p: Number(current[3]) };
  // Bounds a damaged or planted file cannot use to make one try take minutes or gigabytes.
  if (cost.log2N < 10 || cost.log2N > 20 || cost.r < 1 || cost.r > 16 || cost.p < 1 || cost.p > 4) return null;
  return { cost, salt: Buffer.from(current[4] ?? '', 'base64'), hash: Buffer.from(current[5] ?? '', 'base64') };
}

/** Whether the text is a PIN hash this version can check. */
export function isPinHash(stored: string): boolean {
  const parsed = parseHash(stored);
  return parsed !== null && parsed.salt.length >= 16 && parsed.hash.length >= 16;
}

export async function verifyPin(pin: string, stored: string): Promise<boolean> {
  const parsed = parseHash(stored);
  if (!parsed || parsed.hash.length < 16) return false;
  const actual = await derive(pin, parsed.salt, parsed.cost, parsed.hash.length);
  return timingSafeEqual(actual, parsed.hash);
}

/** True when the hash was made at a lower cost than `cost` (it is rewritten after the next unlock). */
export function isWeakerThan(stored: string, cost: KdfCost): boolean {
  const parsed = parseHash(stored);
  if (!parsed) return false;
  return 2 ** parsed.cost.log2N * parsed.cost.r * parsed.cost.p < 2 ** cost.log2N * cost.r * cost.p;
}
