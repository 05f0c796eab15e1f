import { backupKeepDays, pollIntervalSeconds } from '../../contract/fields';
import { BACKUP_KEEP_DAYS, POLL_INTERVAL_SECONDS } from '../../contract/rules';
import type { Settings } from '../../contract/views';
import type { Db } from '../../db/database';
import * as settings from '../../db/settings';
import type { DataContext, Handlers } from './types';

const POLL_INTERVAL_KEY = 'poll_interval_seconds';
const BACKUP_KEEP_DAYS_KEY = 'backup_keep_days';

/** The stored preferences; a stored value the input rule would refuse reads as the default. */
export function readSettings(db: Db): Settings {
  const poll = pollIntervalSeconds.safeParse(Number(settings.getSetting(db, POLL_INTERVAL_KEY)));
  const keep = backupKeepDays.safeParse(Number(settings.getSetting(db, BACKUP_KEEP_DAYS_KEY)));
  return {
    pollIntervalSeconds: poll.success ? poll.data : POLL_INTERVAL_SECONDS.default,
    backupKeepDays: keep.success ? keep.data : BACKUP_KEEP_DAYS.default,
  };
}

export function settingsHandlers(ctx: DataContext): Handlers<'settings-get' | 'settings-update'> {
  return {
    'settings-get': () => readSettings(ctx.db),
    'settings-update': (input) => {
      ctx.db.transaction(() => {
        if (input.pollIntervalSeconds !== undefined) settings.setSetting(ctx.db, POLL_INTERVAL_KEY, String(input.pollIntervalSeconds));
        if (input.backupKeepDays !== undefined) settings.setSetting(ctx.db, BACKUP_KEEP_DAYS_KEY, String(input.backupKeepDays));
      })();
      return readSettings(ctx.db);
    },
  };
}
