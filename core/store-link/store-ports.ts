// The ports (core/ports.ts) of a PC of a store, while live: a charge takes the counter's claim (or,
// holding it, needs this PC's lease: lease.ts) and asks the store about the other PCs' use of its
// terminal (a counter released from another PC lately included: released-terminals.ts), a day's close waits for the other PCs'
// payments of that day, and the shared configuration changes in the store first.
import { formatTime } from '../../contract/calendar';
import { requireCounter } from '../../db/local/counters';
import { setPreferencesWithPin, setReceiptDetailsWithPin, setTaxSettingsWithPin, setZohoDetailsWithPin } from '../../db/store/pin-functions';
import { stationsSilentSince, stationsWithBacklogBefore } from '../../db/store/stations';
import { HandlerFailure } from '../failure';
import type { Ports } from '../ports';
import { changeStoreConfig, requireLink } from './config-writes';
import { claimHere, holdsClaim, type StoreHandlerDeps } from './handlers';
import { otherPcsSales } from './other-pcs-sales';
import { otherPcsAttempts } from './remote-attempts';
import { storeCashierWriter } from './store-cashiers';
import { storeCatalogueWriter } from './store-catalogue';
import { storeCounterWriter } from './store-counters';
import { publishClose } from './publish-close';
import { assertNoLiveAtOtherPcs } from './store-closes';
import { storeDayReader } from './store-log';
import { storeRefundGuard } from './store-refunds';
import { ReleasedTerminals } from './released-terminals';
import { assertTerminalFreeInStore } from './terminal-use';

export const TAX_LINK_NEEDED =
  'Changing the store’s tax settings needs the store link, which is down. Every PC goes on billing with the settings it has; try again when the link is back.';

export function storePorts(deps: StoreHandlerDeps): Ports {
  const { link } = deps;
  const released = new ReleasedTerminals({ clock: deps.clock, waitMs: deps.releaseWaitMs });
  return {
    claims: {
      claim: async (counterId) => {
        if (!holdsClaim(link, counterId)) await claimHere(deps, { counterId });
        else assertLeaseHolds(deps, counterId);
      },
    },
    terminals: { assertFree: (counterId) => assertTerminalFreeAtOtherPcs(deps, counterId, released) },
    // A day is closed for the whole store (store-closes.ts): not while another PC still waits for Zoho on it.
    closes: {
      assertClosable: async (date, window) => {
        const store = link.reachable;
        if (store) await assertNoLiveAtOtherPcs(store.pool, store.joined, date, window);
      },
      // From the business day's start: a PC last heard from the evening before, after the day before was closed, may hold this day's sales.
      silentPcs: async (window) => {
        const { joined, connection } = link;
        if (!joined || !connection || !link.isUp) return [];
        return stationsSilentSince(connection, joined, { sinceMs: window.fromMs, leaseMs: link.timing.leaseMs });
      },
      unsentPcs: async (window) => {
        const { joined, connection } = link;
        if (!joined || !connection || !link.isUp) return [];
        return stationsWithBacklogBefore(connection, joined, { sinceMs: window.fromMs, beforeMs: window.toMs });
      },
      publish: (close) => publishClose(deps, close),
    },
    config: {
      ...storeCounterWriter(deps),
      // The cashiers are the store's: one added at any PC signs in at every PC.
      ...storeCashierWriter(deps),
      // The poll interval is the store's; how many days of backups a PC keeps is its own.
      pollInterval: (seconds) => changeStoreConfig(link, deps.access, (client, pin) => setPreferencesWithPin(client, pin, seconds)),
      // Every PC prints the store's name and address on its receipts.
      receiptDetails: (details) => changeStoreConfig(link, deps.access, (client, pin) => setReceiptDetailsWithPin(client, pin, details)),
      // Every PC bills with the store's GSTIN (so its state), US rate, round-off and numbering; with the link down it bills with its copy.
      taxSettings: async (changes) => {
        requireLink(link, TAX_LINK_NEEDED);
        await changeStoreConfig(link, deps.access, (client, pin) => setTaxSettingsWithPin(client, pin, changes));
      },
      zohoAccount: async (account) => {
        const zoho = link.joined?.zoho;
        if (zoho && (zoho.edition !== account.edition || zoho.accountId !== account.accountId || zoho.clientId !== account.clientId)) {
          throw new HandlerFailure(
            'conflict',
            `This store takes payments on Zoho account ${zoho.accountId} with client ID ${zoho.clientId}. Enter those, with this PC’s copy of the client secret.`,
            zoho.accountId !== account.accountId ? 'accountId' : zoho.clientId !== account.clientId ? 'clientId' : 'edition',
          );
        }
        if (!zoho) await changeStoreConfig(link, deps.access, (client, pin) => setZohoDetailsWithPin(client, pin, account));
      },
    },
    catalogue: storeCatalogueWriter(deps),
    // The manager's view is the store's; another PC's payment is read, and re-checked, there.
    ledger: { ...storeDayReader(deps), ...otherPcsAttempts(deps), ...otherPcsSales(deps) },
    refunds: storeRefundGuard(deps),
  };
}

/**
 * A counter this PC holds, cut off from the store longer than its lease: no new payment, since a
 * manager may have released the counter to another PC meanwhile (lease.ts).
 */
function assertLeaseHolds(deps: StoreHandlerDeps, counterId: string): void {
  const since = deps.link.leaseLapsedSince();
  if (since === null) return;
  const mode = deps.mode();
  const counter = mode.kind === 'live' ? requireCounter(mode.db, counterId) : null;
  const heard = since === 0 ? 'since this PC started' : `since ${formatTime(since)}`;
  throw new HandlerFailure(
    'conflict',
    `The store has not answered this PC ${heard}, so ${counter?.name ?? 'this counter'} takes no new payment here for now: a manager may have given it to another PC meanwhile. Payments go on once the store link is back.`,
    'counterId',
  );
}

/**
 * Another PC's live payment or hold on the counter's terminal refuses the charge, as this PC's own
 * would (db/local/attempts.ts), and so does a payment a PC whose counter was released may still be
 * finishing there. Local first: with the link down, or the store not answering, this PC goes on with
 * what its own SQLite knows.
 */
async function assertTerminalFreeAtOtherPcs(deps: StoreHandlerDeps, counterId: string, released: ReleasedTerminals): Promise<void> {
  const { link } = deps;
  const mode = deps.mode();
  const { joined, connection } = link;
  if (mode.kind !== 'live' || !joined || !connection) return;
  const counter = requireCounter(mode.db, counterId);
  const seen = { terminalId: counter.terminalId, counterName: counter.name };
  if (!link.isUp) {
    released.assertSeenOver(seen);
    return;
  }
  try {
    await assertTerminalFreeInStore(
      connection,
      {
        storeId: joined.storeId,
        stationId: joined.stationId,
        terminalId: counter.terminalId,
        counterName: counter.name,
        now: deps.now(),
        retrieve: (sessionId) => mode.payments.retrieveSession(sessionId),
      },
      released,
    );
  } catch (error) {
    if (error instanceof HandlerFailure) throw error;
    deps.log.warn('could not ask the store whether another PC uses the terminal; going on with this PC’s own attempts', {
      error: error instanceof Error ? error.message : String(error),
    });
    released.assertSeenOver(seen);
  }
}
