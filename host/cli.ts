// npm run start:browser -- [--port N] [--data-dir DIR] [--packaged]
// Serves Counter to a browser on 127.0.0.1. The first line printed is the address to open (with its
// one-run key); Ctrl+C (SIGINT) or SIGTERM stops the payments poller and closes the database.
// --packaged: run as an installed app does, accepting outside settings (ZOHO_PAYMENTS_URL,
// ZOHO_ACCOUNTS_URL, --data-dir) only when they keep the Zoho secrets safe.
import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { FileSecretStore } from '../core/secrets/file-secret-store';
import { defaultDataDir } from './data-dir';
import { startBrowserHost } from './server';

const USAGE = 'Usage: npm run start:browser -- [--port N] [--data-dir DIR] [--packaged]';

function options(): { port: number; dataDir: string; dataDirGiven: boolean; packaged: boolean } {
  const { values } = parseArgs({ options: { port: { type: 'string' }, 'data-dir': { type: 'string' }, packaged: { type: 'boolean' } } });
  const port = Number(values.port ?? 0);
  if (!Number.isInteger(port) || port < 0 || port > 65_535) throw new Error(`--port must be a whole number from 0 to 65535. ${USAGE}`);
  return { port, dataDir: resolve(values['data-dir'] ?? defaultDataDir()), dataDirGiven: values['data-dir'] !== undefined, packaged: values.packaged ?? false };
}

async function main(): Promise<void> {
  const { port, dataDir, dataDirGiven, packaged } = options();
  const rendererDir = fileURLToPath(new URL('../out/renderer/', import.meta.url));
  if (!existsSync(join(rendererDir, 'index.html'))) {
    throw new Error(`The renderer is not built (${rendererDir}). Run \`npm run start:browser\`, which builds it first.`);
  }
  const secretsFile = join(dataDir, 'zoho-connection.json');
  const { version } = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')) as { version: string };
  const host = await startBrowserHost({
    port,
    rendererDir,
    backendOptions: {
      dataDir,
      ...(dataDirGiven ? { dataDirOverride: '--data-dir' } : {}),
      packaged,
      appName: 'the browser host',
      secretStore: new FileSecretStore(secretsFile),
      pinRecovery: `To choose a new PIN, someone signed in to this computer’s user account stops Counter (Ctrl+C) and runs: npm run reset-pin -- --data-dir "${dataDir}"`,
      tuning: { version },
    },
  });

  console.log(host.url);
  console.log(`Counter is running: open the address above in your browser (it works from this computer only).`);
  console.log(`Data: ${dataDir}. A connected Zoho account is kept unencrypted in ${secretsFile}, readable by your user account only.`);
  console.log('Press Ctrl+C to stop.');

  let stopping = false;
  const stop = (signal: NodeJS.Signals) => {
    if (stopping) return;
    stopping = true;
    console.log(`Stopping (${signal})…`);
    host.stop().then(
      () => process.exit(0),
      (error: unknown) => {
        console.error('Counter did not stop cleanly:', error);
        process.exit(1);
      },
    );
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
