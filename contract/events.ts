import type { ChargeAttempt, Invoice, Refund } from './model';
import type { AppInfo, ConnectionStatus } from './views';

/** Everything the backend pushes to the screens. */
export type BillingEvent =
  /** An attempt changed; `invoice` is its invoice as the backend has it after the change (paid, payment failed…). */
  | { type: 'charge-updated'; attempt: ChargeAttempt; invoice: Invoice }
  | { type: 'refund-updated'; refund: Refund }
  /** Cash sales and day closes: the log and totals should be read again. */
  | { type: 'ledger-changed' }
  | { type: 'connection-changed'; connection: ConnectionStatus }
  | { type: 'counters-changed' }
  | { type: 'app-changed'; app: AppInfo };

export type BillingEventType = BillingEvent['type'];
