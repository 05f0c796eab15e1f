// The ports (core/ports.ts) of a PC of a store, while live: a charge takes the counter's claim and
// asks the store about the other PCs' use of its terminal, a day's close waits for the other PCs'
// payments of that day, and the shared configuration changes in the store first.
import { requireCounter } from '../../db/local/counters';
import { setPreferencesWithPin, setReceiptDetailsWithPin, setZohoDetailsWithPin } from '../../db/store/pin-functions';
import { stationsSilentSince } from '../../db/store/stations';
import { localDayRange } from '../../contract/calendar';
import { HandlerFailure } from '../failure';
import type { Ports } from '../ports';
import { changeStoreConfig } from './config-writes';
import { claimHere, holdsClaim, type StoreHandlerDeps } from './handlers';
import { otherPcsSales } from './other-pcs-sales';
import { otherPcsAttempts } from './remote-attempts';
import { storeCounterWriter } from './store-counters';
import { publishClose } from './publish-close';
import { assertNoLiveAtOtherPcs } from './store-closes';
import { storeDayReader } from './store-log';
import { assertTerminalFreeInStore } from './terminal-use';

export function storePorts(deps: StoreHandlerDeps): Ports {
  const { link } = deps;
  return {
    claims: {
      claim: async (counterId) => {
        if (!holdsClaim(link, counterId)) await claimHere(deps, { counterId });
      },
    },
    terminals: { assertFree: (counterId) => assertTerminalFreeAtOtherPcs(deps, counterId) },
    // A day is closed for the whole store (store-closes.ts): not while another PC still waits for Zoho on it.
    closes: {
      assertClosable: async (date, window) => {
        const { joined, connection } = link;
        if (joined && connection && link.isUp) await assertNoLiveAtOtherPcs(connection, joined, date, window);
      },
      silentPcs: async (date) => {
        const { joined, connection } = link;
        if (!joined || !connection || !link.isUp) return [];
        return stationsSilentSince(connection, joined, { sinceMs: localDayRange(date).fromMs, leaseMs: link.timing.leaseMs });
      },
      publish: (close) => publishClose(deps, close),
    },
    config: {
      ...storeCounterWriter(deps),
      // The poll interval is the store's; how many days of backups a PC keeps is its own.
      pollInterval: (seconds) => changeStoreConfig(link, deps.access, (client, pin) => setPreferencesWithPin(client, pin, seconds)),
      // Every PC prints the store's name and address on its receipts.
      receiptDetails: (details) => changeStoreConfig(link, deps.access, (client, pin) => setReceiptDetailsWithPin(client, pin, details)),
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
    // The manager's view is the store's; another PC's payment is read, and re-checked, there.
    ledger: { ...storeDayReader(deps), ...otherPcsAttempts(deps), ...otherPcsSales(deps) },
  };
}

/**
 * Another PC's live payment or hold on the counter's terminal refuses the charge, as this PC's own
 * would (db/local/attempts.ts). Local first: with the link down, or the store not answering, this PC goes
 * on with what its own SQLite knows.
 */
async function assertTerminalFreeAtOtherPcs(deps: StoreHandlerDeps, counterId: string): Promise<void> {
  const { link } = deps;
  const mode = deps.mode();
  const { joined, connection } = link;
  if (mode.kind !== 'live' || !joined || !connection || !link.isUp) return;
  const counter = requireCounter(mode.db, counterId);
  try {
    await assertTerminalFreeInStore(connection, { storeId: joined.storeId, stationId: joined.stationId, terminalId: counter.terminalId, now: deps.now() });
  } catch (error) {
    if (error instanceof HandlerFailure) throw error;
    deps.log.warn('could not ask the store whether another PC uses the terminal; going on with this PC’s own attempts', {
      error: error instanceof Error ? error.message : String(error),
    });
  }
}
