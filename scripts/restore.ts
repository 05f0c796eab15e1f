// npm run restore -- --data-dir DIR --backup FILE
// Puts a backup back in place of a damaged database (core/maintenance/restore.ts). Stop Counter first.
// Without --backup it lists the data folder's backups and the command for the newest.
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { backupsDir, listBackups } from '../core/maintenance/backups';
import { restoreCommand } from '../core/maintenance/damaged-database';
import { restoreBackup } from '../core/maintenance/restore';

const USAGE = 'Usage: npm run restore -- --data-dir DIR --backup FILE';

function main(): void {
  const { values } = parseArgs({ options: { 'data-dir': { type: 'string' }, backup: { type: 'string' } } });
  if (!values['data-dir']) throw new Error(`--data-dir is required: the folder holding counter.db. ${USAGE}`);
  const dataDir = resolve(values['data-dir']);
  if (!values.backup) {
    const found = [...listBackups(backupsDir(dataDir), 'counter'), ...listBackups(backupsDir(dataDir), 'demo')];
    if (found.length === 0) throw new Error(`There are no backups in ${backupsDir(dataDir)}.`);
    console.log(`Backups in ${backupsDir(dataDir)}, newest first:`);
    for (const backup of found) console.log(`  ${backup.fileName}`);
    console.log(`To restore the newest, stop Counter and run:\n  ${restoreCommand(dataDir, found[0]?.path ?? '')}`);
    return;
  }
  const outcome = restoreBackup({ dataDir, backup: resolve(values.backup), now: Date.now() });
  console.log(`Restored ${outcome.database} from ${values.backup}.`);
  if (outcome.keptDamaged) console.log(`The file it replaced is kept for support at ${outcome.keptDamaged}.`);
  console.log('Start Counter again.');
}

try {
  main();
} catch (error) {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
}
