// npm run start:browser -- [--port N] [--data-dir DIR] [--store URL --store-name NAME [--station-name NAME]]
// Serves Counter to a browser on 127.0.0.1. The first line printed is the address to open (with its
// one-run key); Ctrl+C (SIGINT) or SIGTERM stops the payments poller and closes the database.
// --store (or COUNTER_STORE_URL / COUNTER_STORE_NAME / COUNTER_STATION_NAME) joins this PC to a
// store at start, trusting the database credentials in the address; the PC remembers it.
import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import type { z } from 'zod';
import * as fields from '../contract/fields';
import { FileSecretStore } from '../core/secrets/file-secret-store';
import { defaultDataDir } from './data-dir';
import { startBrowserHost } from './server';
import { stopOnSignals } from './stop-on-signals';

const USAGE = 'Usage: npm run start:browser -- [--port N] [--data-dir DIR] [--store URL --store-name NAME [--station-name NAME]]';

interface HostCommand {
  port: number;
  dataDir: string;
  store: { url: string; storeName: string; stationName?: string } | null;
}

function options(env: Record<string, string | undefined> = process.env): HostCommand {
  const { values } = parseArgs({
    options: { port: { type: 'string' }, 'data-dir': { type: 'string' }, store: { type: 'string' }, 'store-name': { type: 'string' }, 'station-name': { type: 'string' } },
  });
  const port = Number(values.port ?? 0);
  if (!Number.isInteger(port) || port < 0 || port > 65_535) throw new Error(`--port must be a whole number from 0 to 65535. ${USAGE}`);
  const storeUrl = values.store ?? env.COUNTER_STORE_URL;
  const storeName = values['store-name'] ?? env.COUNTER_STORE_NAME;
  const stationName = values['station-name'] ?? env.COUNTER_STATION_NAME;
  if (Boolean(storeUrl) !== Boolean(storeName)) throw new Error(`--store and --store-name go together. ${USAGE}`);
  const store = storeUrl && storeName ? { url: storeUrl, storeName, ...(stationName ? { stationName } : {}) } : null;
  const checks: [z.ZodType, string | undefined][] = [[fields.storeUrl, storeUrl], [fields.storeName, storeName], [fields.stationName, stationName]];
  for (const [rule, value] of checks) {
    const checked = value === undefined ? null : rule.safeParse(value);
    if (checked && !checked.success) throw new Error(`${checked.error.issues[0]?.message ?? 'Not valid'}. ${USAGE}`);
  }
  return { port, dataDir: resolve(values['data-dir'] ?? defaultDataDir()), store };
}

async function main(): Promise<void> {
  const { port, dataDir, store } = options();
  const rendererDir = fileURLToPath(new URL('../out/renderer/', import.meta.url));
  if (!existsSync(join(rendererDir, 'index.html'))) {
    throw new Error(`The renderer is not built (${rendererDir}). Run \`npm run start:browser\`, which builds it first.`);
  }
  const secretsFile = join(dataDir, 'zoho-connection.json');
  const storeLinkFile = join(dataDir, 'store-link.json');
  const { version } = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')) as { version: string };
  const host = await startBrowserHost({
    port,
    rendererDir,
    backendOptions: {
      dataDir,
      secretStore: new FileSecretStore(secretsFile),
      storeSecretStore: new FileSecretStore(storeLinkFile),
      ...(store ? { joinStoreAtStart: store } : {}),
      tuning: { version },
    },
  });

  console.log(host.url);
  console.log(`Counter is running: open the address above in your browser (it works from this computer only).`);
  console.log(`Data: ${dataDir}. A connected Zoho account is kept in ${secretsFile}, and a store's address in ${storeLinkFile}, readable by you only.`);
  console.log('Press Ctrl+C to stop.');

  stopOnSignals(() => host.stop(), 'Counter');
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
