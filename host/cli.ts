// npm run start:browser -- [--port N] [--data-dir DIR]
// Serves Counter to a browser on 127.0.0.1. The first line printed is the address to open (with its
// one-run key); Ctrl+C (SIGINT) or SIGTERM stops the payments poller and closes the database.
import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { FileSecretStore } from '../core/secrets/file-secret-store';
import { openLogFiles } from '../core/upkeep/log-files';
import { defaultDataDir } from './data-dir';
import { startBrowserHost } from './server';

const USAGE = 'Usage: npm run start:browser -- [--port N] [--data-dir DIR]';

function options(): { port: number; dataDir: string } {
  const { values } = parseArgs({ options: { port: { type: 'string' }, 'data-dir': { type: 'string' } } });
  const port = Number(values.port ?? 0);
  if (!Number.isInteger(port) || port < 0 || port > 65_535) throw new Error(`--port must be a whole number from 0 to 65535. ${USAGE}`);
  return { port, dataDir: resolve(values['data-dir'] ?? defaultDataDir()) };
}

async function main(): Promise<void> {
  const { port, dataDir } = options();
  const rendererDir = fileURLToPath(new URL('../out/renderer/', import.meta.url));
  if (!existsSync(join(rendererDir, 'index.html'))) {
    throw new Error(`The renderer is not built (${rendererDir}). Run \`npm run start:browser\`, which builds it first.`);
  }
  const secretsFile = join(dataDir, 'zoho-connection.json');
  const { version } = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')) as { version: string };
  const { logger: log } = await openLogFiles(dataDir);
  const host = await startBrowserHost({
    port,
    rendererDir,
    log,
    backendOptions: { dataDir, secretStore: new FileSecretStore(secretsFile), tuning: { version, log } },
  });

  console.log(host.url);
  console.log(`Counter is running: open the address above in your browser (it works from this computer only).`);
  console.log(`Data: ${dataDir} (logs in its logs folder, daily backups in backups). A connected Zoho account is kept in ${secretsFile}, readable by you only.`);
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
