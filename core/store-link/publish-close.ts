// A manager's close of the store's day reaches the store first, through its close_day function with
// the manager's PIN (a PC's role cannot write day_closes); it needs the link, like any change that is
// the whole store's. The PCs adopt it from there (store-closes.ts).
import type { NewDayClose } from '../../db/local/day-closes';
import { closeDayWithPin } from '../../db/store/pin-functions';
import { HandlerFailure } from '../failure';
import { changeStoreConfig } from './config-writes';
import type { StoreHandlerDeps } from './handlers';

/** A manager's close of the store's day, made in the store first (close_day, with the session's PIN); nothing on a PC of its own. */
export async function publishClose(deps: Pick<StoreHandlerDeps, 'link' | 'access'>, close: NewDayClose & { id: string }): Promise<void> {
  if (!deps.link.joined) return;
  if (!deps.link.isUp) {
    throw new HandlerFailure('conflict', 'Closing the day closes it for the whole store, so it needs the store link, which is down. Close it when the link is back.', 'date');
  }
  await changeStoreConfig(deps.link, deps.access, (client, pin) =>
    closeDayWithPin(client, pin, {
      id: close.id,
      day: close.day,
      fromMs: close.fromMs,
      toMs: close.toMs,
      closedBy: close.closedBy,
      awaitingReview: close.awaitingReview,
      summary: JSON.stringify(close.summary),
      createdAt: close.at,
    }),
  );
}
