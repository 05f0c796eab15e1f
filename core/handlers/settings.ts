import type { Settings } from '../../contract/views';
import type { Db } from '../../db/database';
import * as settings from '../../db/settings';
import type { CoreContext, Handlers } from './types';

export const DEFAULT_POLL_INTERVAL_SECONDS = 5;
const POLL_INTERVAL_KEY = 'poll_interval_seconds';

export function readSettings(db: Db): Settings {
  const stored = Number(settings.getSetting(db, POLL_INTERVAL_KEY));
  const valid = Number.isInteger(stored) && stored >= 5 && stored <= 10;
  return { pollIntervalSeconds: valid ? stored : DEFAULT_POLL_INTERVAL_SECONDS };
}

export function settingsHandlers(ctx: CoreContext): Handlers<'settings-get' | 'settings-update'> {
  return {
    'settings-get': () => readSettings(ctx.db),
    'settings-update': (input) => {
      settings.setSetting(ctx.db, POLL_INTERVAL_KEY, String(input.pollIntervalSeconds));
      return readSettings(ctx.db);
    },
  };
}
