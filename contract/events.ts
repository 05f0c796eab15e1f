import type { ChargeAttempt, Invoice } from './model';
import type { AppInfo, ConnectionStatus } from './views';

/** Everything the backend pushes to the screens. */
export type BillingEvent =
  /** An attempt changed; `invoice` is its invoice as the backend has it after the change (paid, payment failed…). */
  | { type: 'charge-updated'; attempt: ChargeAttempt; invoice: Invoice }
  | { type: 'connection-changed'; connection: ConnectionStatus }
  | { type: 'counters-changed' }
  | { type: 'app-changed'; app: AppInfo };

export type BillingEventType = BillingEvent['type'];
