import { backupKeepDays, paymentMethod, pollIntervalSeconds, storeAddress, storeName } from '../../contract/fields';
import { BACKUP_KEEP_DAYS, POLL_INTERVAL_SECONDS } from '../../contract/rules';
import type { Settings } from '../../contract/answers';
import type { Db } from '../../db/local/database';
import * as settings from '../../db/local/settings';
import type { DataContext, Handlers } from './types';

const POLL_INTERVAL_KEY = 'poll_interval_seconds';
const BACKUP_KEEP_DAYS_KEY = 'backup_keep_days';
const PREFERENCE_KEYS = { defaultMethod: 'default_method', storeName: 'store_name', storeAddress: 'store_address' } as const;

/** The stored preferences; a stored value the input rule would refuse reads as the default. */
export function readSettings(db: Db): Settings {
  const poll = pollIntervalSeconds.safeParse(Number(settings.getSetting(db, POLL_INTERVAL_KEY)));
  const keep = backupKeepDays.safeParse(Number(settings.getSetting(db, BACKUP_KEEP_DAYS_KEY)));
  const method = paymentMethod.safeParse(settings.getSetting(db, PREFERENCE_KEYS.defaultMethod));
  const name = storeName.safeParse(settings.getSetting(db, PREFERENCE_KEYS.storeName));
  const address = storeAddress.safeParse(settings.getSetting(db, PREFERENCE_KEYS.storeAddress));
  return {
    pollIntervalSeconds: poll.success ? poll.data : POLL_INTERVAL_SECONDS.default,
    backupKeepDays: keep.success ? keep.data : BACKUP_KEEP_DAYS.default,
    defaultMethod: method.success ? method.data : 'card',
    storeName: name.success ? name.data : '',
    storeAddress: address.success ? address.data : '',
  };
}

/** Stores the name and address printed on receipts (already checked); the store's config sync uses it too. */
export function saveReceiptDetails(db: Db, details: { storeName?: string | undefined; storeAddress?: string | undefined }): void {
  if (details.storeName !== undefined) settings.setSetting(db, PREFERENCE_KEYS.storeName, details.storeName);
  if (details.storeAddress !== undefined) settings.setSetting(db, PREFERENCE_KEYS.storeAddress, details.storeAddress);
}

/** Stores the poll interval (already checked by the input rule); the store's config sync uses it too. */
export function savePollInterval(db: Db, seconds: number): void {
  settings.setSetting(db, POLL_INTERVAL_KEY, String(seconds));
}

export function settingsHandlers(ctx: DataContext): Handlers<'settings-get' | 'settings-update' | 'preferences-update'> {
  return {
    'settings-get': () => readSettings(ctx.db),
    'settings-update': async (input) => {
      if (input.pollIntervalSeconds !== undefined) await ctx.ports().config.pollInterval(input.pollIntervalSeconds);
      ctx.db.transaction(() => {
        if (input.pollIntervalSeconds !== undefined) savePollInterval(ctx.db, input.pollIntervalSeconds);
        if (input.backupKeepDays !== undefined) settings.setSetting(ctx.db, BACKUP_KEEP_DAYS_KEY, String(input.backupKeepDays));
      })();
      return readSettings(ctx.db);
    },
    'preferences-update': async ({ managerToken: _manager, ...changes }) => {
      // The receipt's name and address are the store's (every PC prints them); the default method is this PC's.
      const { storeName, storeAddress, defaultMethod } = changes;
      if (storeName !== undefined || storeAddress !== undefined) await ctx.ports().config.receiptDetails({ storeName, storeAddress });
      ctx.db.transaction(() => {
        if (defaultMethod !== undefined) settings.setSetting(ctx.db, PREFERENCE_KEYS.defaultMethod, defaultMethod);
        saveReceiptDetails(ctx.db, { storeName, storeAddress });
      })();
      return readSettings(ctx.db);
    },
  };
}
