// The one registry of calls: each domain exports its handlers, and they are combined here. The
// registry implements every call of contract/handlers.ts exactly once: a call left out, one that two
// domains both implement, or a name that is no call fails the typecheck (registry.test.ts proves it).
import type { HandlerName } from '../../contract/handlers';
import { salesHandlers } from '../after-sale/cash-handlers';
import { dayCloseHandlers } from '../after-sale/day-close-handlers';
import { refundHandlers } from '../after-sale/refund-handlers';
import { catalogueHandlers } from '../catalogue/handlers';
import { checkoutHandlers } from '../checkout/handlers';
import type { storeCalls } from '../store-link/handlers';
import { chargeHandlers } from './charges';
import type { connectionHandlers } from './connection';
import { counterHandlers } from './counters';
import { integrationKeyHandlers } from './integration-keys';
import { invoiceHandlers } from './invoices';
import { refundRequestHandlers } from './refund-requests';
import { logHandlers } from './ledger';
import type { managerHandlers } from './manager';
import { settingsHandlers } from './settings';
import { statusHandlers } from './status';
import type { supportHandlers } from './support';
import type { DataContext, Handlers } from './types';

export type Registry = Handlers<HandlerName>;

/** The domains that outlive a mode switch: made once, by the backend. */
export interface LastingDomains {
  app: Handlers<'app-info'>;
  manager: ReturnType<typeof managerHandlers>;
  connection: ReturnType<typeof connectionHandlers>;
  support: ReturnType<typeof supportHandlers>;
  store: ReturnType<typeof storeCalls>;
  integration: Handlers<'integration-api-status' | 'integration-api-configure'>;
}

/** Every call of one mode: the lasting domains beside those over the mode's database. */
export function createRegistry(lasting: LastingDomains, ctx: DataContext): Registry {
  return combine(
    lasting.app,
    lasting.manager,
    lasting.connection,
    lasting.support,
    lasting.store,
    lasting.integration,
    counterHandlers(ctx),
    invoiceHandlers(ctx),
    statusHandlers(ctx),
    chargeHandlers(ctx),
    refundHandlers(ctx),
    salesHandlers(ctx),
    logHandlers(ctx),
    dayCloseHandlers(ctx),
    settingsHandlers(ctx),
    catalogueHandlers(ctx),
    checkoutHandlers(ctx),
    integrationKeyHandlers(ctx),
    refundRequestHandlers(ctx),
  ) satisfies Registry;
}

type KeysOfEach<T> = T extends unknown ? keyof T : never;
/** The names that two of `Parts` both hold. */
type HeldTwice<Parts extends readonly object[]> = Parts extends readonly [infer First, ...infer Rest extends readonly object[]]
  ? (keyof First & KeysOfEach<Rest[number]>) | HeldTwice<Rest>
  : never;
type NotCalls<Parts extends readonly object[]> = Exclude<KeysOfEach<Parts[number]>, HandlerName>;
/** A type error naming the fault, where there is one. */
type Faults<Parts extends readonly object[]> = ([HeldTwice<Parts>] extends [never] ? unknown : { implementedTwice: HeldTwice<Parts> }) &
  ([NotCalls<Parts>] extends [never] ? unknown : { notACall: NotCalls<Parts> });
type Merged<T> = (T extends unknown ? (part: T) => void : never) extends (part: infer All) => void ? All : never;

/** One object of all the parts' handlers: a name that two parts hold, or that is no call, fails the typecheck. */
function combine<const Parts extends readonly object[]>(...parts: Parts & Faults<Parts>): Merged<Parts[number]> {
  return Object.assign({}, ...parts) as Merged<Parts[number]>;
}
