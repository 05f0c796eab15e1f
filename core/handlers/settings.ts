import { pollIntervalSeconds } from '../../contract/fields';
import { POLL_INTERVAL_SECONDS } from '../../contract/rules';
import type { Settings } from '../../contract/views';
import type { Db } from '../../db/database';
import * as settings from '../../db/settings';
import type { DataContext, Handlers } from './types';

const POLL_INTERVAL_KEY = 'poll_interval_seconds';

/** The stored preferences; a stored value the input rule would refuse reads as the default. */
export function readSettings(db: Db): Settings {
  const stored = pollIntervalSeconds.safeParse(Number(settings.getSetting(db, POLL_INTERVAL_KEY)));
  return { pollIntervalSeconds: stored.success ? stored.data : POLL_INTERVAL_SECONDS.default };
}

/** Stores the poll interval (already checked by the input rule); the store's config sync uses it too. */
export function savePollInterval(db: Db, seconds: number): void {
  settings.setSetting(db, POLL_INTERVAL_KEY, String(seconds));
}

export function settingsHandlers(ctx: DataContext): Handlers<'settings-get' | 'settings-update'> {
  return {
    'settings-get': () => readSettings(ctx.db),
    'settings-update': (input) => {
      savePollInterval(ctx.db, input.pollIntervalSeconds);
      return readSettings(ctx.db);
    },
  };
}
