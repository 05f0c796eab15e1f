import { backupKeepDays, paymentMethod, pollIntervalSeconds, storeAddress, storeName } from '../../contract/fields';
import type { HandlerInput } from '../../contract/handlers';
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

/** Stores the poll interval (already checked by the input rule); the store's config sync uses it too. */
export function savePollInterval(db: Db, seconds: number): void {
  settings.setSetting(db, POLL_INTERVAL_KEY, String(seconds));
}

type PreferenceChanges = Omit<HandlerInput<'preferences-update'>, 'managerToken'>;

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
    'preferences-update': ({ managerToken: _manager, ...changes }) => {
      for (const [field, key] of Object.entries(PREFERENCE_KEYS) as [keyof PreferenceChanges, string][]) {
        const value = changes[field];
        if (value !== undefined) settings.setSetting(ctx.db, key, value);
      }
      return readSettings(ctx.db);
    },
  };
}
