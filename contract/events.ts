import type { ChargeAttempt, Invoice } from './model';
import type { AppInfo, ConnectionStatus, StoreStatus } from './views';

/** Everything the backend pushes to the screens. */
export type BillingEvent =
  /** An attempt changed; `invoice` is its invoice as the backend has it after the change (paid, payment failed…). */
  | { type: 'charge-updated'; attempt: ChargeAttempt; invoice: Invoice }
  | { type: 'connection-changed'; connection: ConnectionStatus }
  | { type: 'counters-changed' }
  | { type: 'app-changed'; app: AppInfo }
  /** Store mode: the link went up or down, changes were shipped or queued, a claim or a PC changed. */
  | { type: 'store-changed'; store: StoreStatus }
  /** Store mode: another PC's changes reached the store (the store-wide log is out of date). */
  | { type: 'store-ledger-changed' };

export type BillingEventType = BillingEvent['type'];
