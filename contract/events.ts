import type { ChargeAttempt } from './model';
import type { AppInfo, ConnectionStatus } from './views';

/** Everything the backend pushes to the screens. */
export type BillingEvent =
  | { type: 'charge-updated'; attempt: ChargeAttempt }
  | { type: 'connection-changed'; connection: ConnectionStatus }
  | { type: 'counters-changed' }
  | { type: 'app-changed'; app: AppInfo };

export type BillingEventType = BillingEvent['type'];
