import type { Currency } from '../../contract/vocabulary';
import type { HandlerName, HandlerOutput, ParsedInput } from '../../contract/handlers';
import type { Db } from '../../db/local/database';
import type { ChargeService } from '../charges/charge-service';
import type { RefundService } from '../after-sale/refunds/refund-service';
import type { EventBus } from '../event-bus';
import type { Logger } from '../logger';
import type { Ports } from '../ports';

export type Handler<K extends HandlerName> = (input: ParsedInput<K>) => HandlerOutput<K> | Promise<HandlerOutput<K>>;
export type Handlers<K extends HandlerName> = { [N in K]: Handler<N> };

/** What the data handlers share: one database (demo or live), the clock, and the charge and refund machinery. */
export interface DataContext {
  db: Db;
  now: () => number;
  log: Logger;
  events: EventBus;
  currency: Currency;
  charges: ChargeService;
  refunds: RefundService;
  /** What the call asks of the store this PC may be part of (LOCAL_PORTS on a PC of its own). */
  ports: () => Ports;
}
