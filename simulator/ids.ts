// Identifiers shaped like Zoho's: numeric ids for sessions and payments, "1000.<hex>.<hex>" secrets.
import { randomBytes } from 'node:crypto';

/** "1000." followed by two random 32-digit hex parts: Zoho's access/refresh token and code shape. */
export function zohoSecret(): string {
  return `1000.${randomBytes(16).toString('hex')}.${randomBytes(16).toString('hex')}`;
}

/** Increasing 15-digit numeric ids, like "216000003925007", unique within one simulator run. */
export class NumericIds {
  private next: bigint;

  constructor(prefix: string) {
    const start = BigInt(prefix) * 10_000_000_000n + BigInt(randomBytes(3).readUIntBE(0, 3)) * 1000n;
    this.next = start;
  }

  take(): string {
    this.next += 1n;
    return this.next.toString();
  }
}
