// npm run reset-pin -- [--data-dir DIR]
// Resets the manager PIN of the browser host's data folder (Counter must be stopped): recorded in
// the audit trail, after which the Manager screen asks for a new PIN. Needs this computer's user
// account, which is the point: the manager screens cannot be opened this way from the counter.
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { computerAccount, resetManagerPin } from '../core/manager/pin-reset';
import { defaultDataDir } from './data-dir';

async function main(): Promise<void> {
  const { values } = parseArgs({ options: { 'data-dir': { type: 'string' } } });
  const dataDir = resolve(values['data-dir'] ?? defaultDataDir());
  const by = computerAccount();
  const { audited } = await resetManagerPin(dataDir, { by });
  process.stdout.write(
    [
      `The manager PIN of ${dataDir} is reset (by ${by}).`,
      audited.length > 0 ? `Recorded in the audit trail of ${audited.join(' and ')}.` : 'There is no database yet to record it in.',
      'Start Counter and open the Manager screen: it asks for a new PIN. Set it now.',
      '',
    ].join('\n'),
  );
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
