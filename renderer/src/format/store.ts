// The store link in a few words, for the header and the Store tab. Pure, so it can be unit-tested.
import type { StoreStatus } from '../../../contract/answers';
import type { ConnectionTone } from './connection';
import { formatTime } from '../../../contract/calendar';

/** The header's words for the store link; null on a PC of its own (nothing to show). */
export function storeLinkSummary(store: StoreStatus | null): { text: string; tone: ConnectionTone } | null {
  if (!store || store.link === 'off') return null;
  if (store.link === 'up') {
    return { text: `Store ${store.storeName ?? ''}${store.pendingChanges > 0 ? ` · ${changes(store.pendingChanges)} to send` : ''}`, tone: 'ok' };
  }
  const since = store.downSince === null ? '' : ` since ${formatTime(store.downSince)}`;
  return { text: `Store link down${since} · ${changes(store.pendingChanges)} waiting`, tone: 'warn' };
}

function changes(count: number): string {
  return `${count} ${count === 1 ? 'change' : 'changes'}`;
}

/** "2 min ago", "40 s ago", from the store's clock reading and now. */
export function heardAgo(lastSeen: number, now: number): string {
  const seconds = Math.max(0, Math.round((now - lastSeen) / 1000));
  if (seconds < 90) return `${seconds} s ago`;
  const minutes = Math.round(seconds / 60);
  if (minutes < 90) return `${minutes} min ago`;
  return `${Math.round(minutes / 60)} h ago`;
}
