// The store's own calls (store-join, store-pc-remove, store-status, counter-claim, counter-release,
// store-set-aside-dismiss). What the local
// calls ask of the store on a PC of a store (a charge's claim, a close, the shared configuration,
// the store-wide log, another PC's payment) is in store-ports.ts.
import { hostname } from 'node:os';
import type { Counter } from '../../contract/records';
import { counterSeriesPrefix } from '../../contract/billing/invoice-number';
import { invoiceFinancialYear, taxSettingsForStore } from '../catalogue/tax-settings';
import { activeCashierRecords } from '../../db/local/cashiers';
import { ownItems } from '../../db/local/catalogue';
import { advanceInvoiceSequence, listCounters, requireCounter } from '../../db/local/counters';
import { HandlerFailure } from '../failure';
import { readSettings } from '../handlers/settings';
import type { Handlers } from '../handlers/types';
import type { Logger } from '../logger';
import type { ManagerAccess } from '../manager/access';
import type { RunningMode } from '../mode';
import type { ConnectionVault } from '../zoho/vault';
import { claimCounter, releaseClaim, type ClaimRequest } from './claims';
import { requireLink, storePinRefusal } from './config-writes';
import { joinStore } from './join';
import { removePc } from './remove-pc';
import { dismissEntry } from './set-aside';
import { withCaFile } from '../../db/store/address';
import type { StoreLink } from './link';
import { deleteClaim } from '../../db/store/claims';
import { inStoreTransaction, isStoreUnreachable } from '../../db/store/pg';

export interface StoreHandlerDeps {
  link: StoreLink;
  vault: ConnectionVault;
  /** This PC's manager PIN: its hash, and the count of wrong tries. */
  access: Pick<ManagerAccess, 'currentHash' | 'refuseWhileLockedOut' | 'countWrongTry' | 'sessionPin' | 'adoptStorePin'>;
  log: Logger;
  now: () => number;
  /** Monotonic ms (performance.now). */
  clock: () => number;
  /** A payment session's validity plus grace: how long a released counter's terminal may still be finishing one. */
  releaseWaitMs: number;
  mode: () => RunningMode;
}

type StoreCall = 'store-status' | 'store-join' | 'store-pc-remove' | 'counter-claim' | 'counter-release' | 'store-set-aside-dismiss';


export function storeCalls(deps: StoreHandlerDeps): Handlers<StoreCall> {
  const { link } = deps;
  return {
    'store-status': () => link.status(),
    'store-join': async (input) => {
      await deps.access.refuseWhileLockedOut('pin');
      await joinAndAdopt(deps, { ...input, url: input.caFile ? withCaFile(input.url, input.caFile) : input.url }, () => deps.access.countWrongTry());
      return link.status();
    },
    'store-pc-remove': async (input) => {
      await removePc(deps, input);
      return link.status();
    },
    'counter-claim': async (input) => {
      await claimHere(deps, input);
      return link.status();
    },
    'counter-release': async (input) => {
      const live = liveMode(deps);
      if (!link.joined || !live) return link.status();
      const counter = requireCounter(live.db, input.counterId);
      const { pool } = requireLink(link, 'Releasing a counter needs the store link, which is down.');
      await inStoreTransaction(pool, (client) => releaseClaim(client, claimRequest(deps, counter), deps.access.sessionPin())).catch((error: unknown) => {
        throw storePinRefusal(error);
      });
      await link.tickNow();
      return link.status();
    },
    'store-set-aside-dismiss': (input) => {
      const live = liveMode(deps);
      if (!live) throw new HandlerFailure('not_found', 'That entry is not on this PC’s set-aside list.', 'entryId');
      dismissEntry(live.db, { entryId: input.entryId, by: input.by, at: deps.now() });
      return link.status();
    },
  };
}

/**
 * Takes the counter's claim for this PC (letting go of `releaseCounterId` when given) and numbers
 * its invoices on from the store's. With the link down only a counter this PC holds is kept.
 */
export async function claimHere(deps: StoreHandlerDeps, input: { counterId: string; releaseCounterId?: string | undefined }): Promise<void> {
  const { link } = deps;
  const live = liveMode(deps);
  if (!link.joined || !live) return;
  const counter = requireCounter(live.db, input.counterId);
  /** Cut off from the store: only a counter this PC holds is kept. */
  const asWithTheLinkDown = () => {
    if (holdsClaim(link, counter.id)) return;
    throw new HandlerFailure('conflict', 'The store link is down, so this PC cannot take another counter now. It can go on charging on the counter it has.', 'counterId');
  };
  if (!link.isUp) return asWithTheLinkDown();
  const { pool, joined } = requireLink(link);
  const financialYear = invoiceFinancialYear(live.db, deps.now());
  let sequence: number;
  try {
    sequence = await inStoreTransaction(pool, async (client) => {
      if (input.releaseCounterId && input.releaseCounterId !== counter.id) await deleteClaim(client, joined.storeId, input.releaseCounterId, joined.stationId);
      return claimCounter(client, claimRequest(deps, counter), counterSeriesPrefix(counter.invoicePrefix, financialYear));
    });
  } catch (error) {
    // The store went away after the last heartbeat: as with the link down. A claim whose commit did
    // reach the store is this PC's there, and is taken again (the same sequence) at the next claim.
    if (!isStoreUnreachable(error)) throw error;
    return asWithTheLinkDown();
  }
  advanceInvoiceSequence(live.db, counter.id, sequence, financialYear);
  await link.tickNow();
}

/**
 * Joins the store with what this PC brings (its PIN, its Zoho account, and when live its counters
 * and preferences), then switches the link to it. Nothing here changes before the store accepted.
 */
export async function joinAndAdopt(
  deps: StoreHandlerDeps,
  request: { url: string; storeName: string; stationName?: string | undefined; pin: string | null },
  onWrongPin: () => Promise<void>,
): Promise<void> {
  const { link } = deps;
  const live = liveMode(deps);
  const stored = await deps.vault.read();
  const joined = await joinStore(
    { url: request.url, storeName: request.storeName, stationName: request.stationName ?? link.joined?.stationName ?? hostname(), pin: request.pin },
    {
      stationId: link.joined?.stationId ?? null,
      pinHash: await deps.access.currentHash(),
      zoho: stored ? { edition: stored.edition, accountId: stored.accountId, clientId: stored.clientId } : null,
      counters: live ? listCounters(live.db, { includeInactive: true }) : [],
      cashiers: live ? activeCashierRecords(live.db) : [],
      pollIntervalSeconds: live ? readSettings(live.db).pollIntervalSeconds : null,
      tax: live ? taxSettingsForStore(live.db) : null,
      // Its own items only: a store it was part of before keeps that store's.
      items: live ? ownItems(live.db) : [],
      onWrongPin,
    },
    deps.log,
  );
  await link.adopt(joined.link, joined.pool, deps.mode());
  // The PIN the store's database took (a new store's is this PC's) is this PC's from now on.
  if (request.pin !== null) await deps.access.adoptStorePin(request.pin);
}

export function holdsClaim(link: StoreLink, counterId: string): boolean {
  const stationId = link.joined?.stationId;
  return link.currentClaims.some((claim) => claim.counter_id === counterId && claim.station_id === stationId);
}

function liveMode(deps: StoreHandlerDeps): RunningMode | null {
  const mode = deps.mode();
  return mode.kind === 'live' ? mode : null;
}

function claimRequest(deps: StoreHandlerDeps, counter: Counter): ClaimRequest {
  const joined = deps.link.joined;
  if (!joined) throw new HandlerFailure('conflict', 'This PC is not part of a store.');
  return { storeId: joined.storeId, stationId: joined.stationId, counterId: counter.id, counterName: counter.name, leaseMs: deps.link.timing.leaseMs, claimLeaseMs: deps.link.timing.claimLeaseMs };
}
