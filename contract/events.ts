import type { ChargeAttempt, Invoice, Refund } from './records';
import type { AppInfo, ConnectionStatus, StoreStatus } from './answers';

/** Everything the backend pushes to the screens. */
export type BillingEvent =
  /** An attempt changed; `invoice` is its invoice as the backend has it after the change (paid, payment failed…). */
  | { type: 'charge-updated'; attempt: ChargeAttempt; invoice: Invoice }
  | { type: 'refund-updated'; refund: Refund }
  /** A billing program asked for a refund, or a manager decided one: the counter's list should be read again. */
  | { type: 'refund-requests-changed' }
  /** Cash sales and day closes: the log and totals should be read again. */
  | { type: 'ledger-changed' }
  | { type: 'connection-changed'; connection: ConnectionStatus }
  | { type: 'counters-changed' }
  | { type: 'app-changed'; app: AppInfo }
  /** Store mode: the link went up or down, changes were shipped or queued, a claim or a PC changed. */
  | { type: 'store-changed'; store: StoreStatus }
  /** Store mode: another PC's changes reached the store (the store-wide log is out of date). */
  | { type: 'store-ledger-changed' };

export type BillingEventType = BillingEvent['type'];
