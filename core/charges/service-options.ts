// What a service that follows its records through the one poller (charges, refunds) is built from.
import type { ZohoTrouble } from '../../contract/failures';
import type { Db } from '../../db/local/database';
import type { EventBus } from '../event-bus';
import type { Logger } from '../logger';
import type { PaymentsClient } from '../zoho/payments-client';
import type { Poller } from './poller';

export interface FollowingServiceOptions {
  db: Db;
  /** Wall clock (unix ms): only for what is recorded and shown. */
  now: () => number;
  /** Monotonic milliseconds (performance.now): every age, grace and deadline. */
  clock: () => number;
  log: Logger;
  events: EventBus;
  /** The payments client, or a refusal when no usable Zoho connection exists. */
  payments: () => PaymentsClient;
  /** The poll interval now in force (for the first check after a create). */
  intervalMs: () => number;
  /** The one poller: the service follows its records through it, and its creates draw from its budget. */
  poller: Poller;
  /** Zoho answered (null), or what kept it from answering: drives the connection's warning. */
  onZohoTrouble: (trouble: ZohoTrouble | null) => void;
}
