// Where the browser host keeps its data when no --data-dir is given. It is not the desktop app's
// folder: two processes must never poll payments from one database.
import { homedir } from 'node:os';
import { join } from 'node:path';

const FOLDER = 'counter-billing';

export function defaultDataDir(env: Record<string, string | undefined> = process.env, platform: NodeJS.Platform = process.platform, home: string = homedir()): string {
  if (platform === 'win32') return join(env.LOCALAPPDATA ?? join(home, 'AppData', 'Local'), FOLDER);
  if (platform === 'darwin') return join(home, 'Library', 'Application Support', FOLDER);
  return join(env.XDG_DATA_HOME || join(home, '.local', 'share'), FOLDER);
}
