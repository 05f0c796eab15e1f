// npm run start:browser -- [--port N] [--data-dir DIR] [--packaged] [--store URL --store-name NAME [--station-name NAME] [--store-ca FILE]]
//   [--api-port N | --no-api] [--api-lan]
// Serves Counter to a browser on 127.0.0.1. The first line printed is the address to open (with its
// one-run key); Ctrl+C (SIGINT) or SIGTERM stops the payments poller and closes the database.
// --packaged: run as an installed app does, accepting outside settings (ZOHO_PAYMENTS_URL,
// ZOHO_ACCOUNTS_URL, --data-dir) only when they keep the Zoho secrets safe.
// --store (or COUNTER_STORE_URL / COUNTER_STORE_NAME / COUNTER_STATION_NAME) joins this PC to a
// store at start with the store owner's address, trusting its credentials; the PC then keeps only
// its own login role's address. An address with a password is refused on the command line (the
// process list shows it): COUNTER_STORE_URL. COUNTER_STORE_PIN (the environment only) is the store's
// manager PIN: a store made at start keeps it in its database (without it the store has no PIN
// there, and its settings cannot change until its owner sets one).
// --store-ca names the CA file that signed the store server's certificate (kept in the address as
// sslrootcert).
// --api-port (or COUNTER_API_PORT): the integration API for other billing programs (default 47100,
// on 127.0.0.1; --api-lan: the shop's network too; --no-api: off).
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import type { z } from 'zod';
import * as fields from '../contract/fields';
import { addressHasPassword, withCaFile } from '../db/store/address';
import { FileSecretStore } from '../core/secrets/file-secret-store';
import { openLogFiles } from '../core/maintenance/log-files';
import { defaultDataDir } from './data-dir';
import { startBrowserHost } from './server';
import { integrationApiSetting, type IntegrationApiSetting } from '../core/integration-api/setting';
import { stopOnSignals } from './stop-on-signals';
import { startSimulator } from '../simulator/index';

const USAGE =
  'Usage: npm run start:browser -- [--port N] [--data-dir DIR] [--packaged] [--store URL --store-name NAME [--station-name NAME] [--store-ca FILE]] [--api-port N | --no-api] [--api-lan]';

interface HostCommand {
  port: number;
  dataDir: string;
  dataDirGiven: boolean;
  packaged: boolean;
  store: { url: string; storeName: string; stationName?: string; pin?: string } | null;
  integrationApi: IntegrationApiSetting | null;
}

function options(env: Record<string, string | undefined> = process.env): HostCommand {
  const { values } = parseArgs({
    options: {
      port: { type: 'string' },
      'data-dir': { type: 'string' },
      packaged: { type: 'boolean' },
      store: { type: 'string' },
      'store-ca': { type: 'string' },
      'store-name': { type: 'string' },
      'station-name': { type: 'string' },
      'api-port': { type: 'string' },
      'no-api': { type: 'boolean' },
      'api-lan': { type: 'boolean' },
    },
  });
  const port = Number(values.port ?? 0);
  if (!Number.isInteger(port) || port < 0 || port > 65_535) throw new Error(`--port must be a whole number from 0 to 65535. ${USAGE}`);
  if (values.store !== undefined && addressHasPassword(values.store)) {
    throw new Error('--store: an address with a password would show in the process list. Give it in COUNTER_STORE_URL instead.');
  }
  const givenUrl = values.store ?? env.COUNTER_STORE_URL;
  if (values['store-ca'] !== undefined && !givenUrl) throw new Error(`--store-ca goes with --store (or COUNTER_STORE_URL). ${USAGE}`);
  const storeUrl = givenUrl && values['store-ca'] !== undefined ? withCaFile(givenUrl, resolve(values['store-ca'])) : givenUrl;
  const storeName = values['store-name'] ?? env.COUNTER_STORE_NAME;
  const stationName = values['station-name'] ?? env.COUNTER_STATION_NAME;
  if (Boolean(storeUrl) !== Boolean(storeName)) throw new Error(`--store and --store-name go together. ${USAGE}`);
  const storePin = env.COUNTER_STORE_PIN;
  if (storePin !== undefined && !/^\d{4,8}$/.test(storePin)) throw new Error('COUNTER_STORE_PIN: must be 4 to 8 digits.');
  const store = storeUrl && storeName ? { url: storeUrl, storeName, ...(stationName ? { stationName } : {}), ...(storePin ? { pin: storePin } : {}) } : null;
  const checks: [z.ZodType, string | undefined][] = [[fields.storeUrl, storeUrl], [fields.storeName, storeName], [fields.stationName, stationName]];
  for (const [rule, value] of checks) {
    const checked = value === undefined ? null : rule.safeParse(value);
    if (checked && !checked.success) throw new Error(`${checked.error.issues[0]?.message ?? 'Not valid'}. ${USAGE}`);
  }
  const integrationApi = integrationApiSetting({ port: values['api-port'], off: values['no-api'] ?? false, ...(values['api-lan'] ? { lan: true } : {}) }, env);
  const dataDir = resolve(values['data-dir'] ?? defaultDataDir());
  return { port, dataDir, dataDirGiven: values['data-dir'] !== undefined, packaged: values.packaged ?? false, store, integrationApi };
}

/** The checkout: the nearest folder above this file with a package.json (this file is host/cli.ts, or its bundle out/host/cli.mjs). */
function checkoutRoot(): string {
  let folder = dirname(fileURLToPath(import.meta.url));
  while (!existsSync(join(folder, 'package.json'))) {
    const parent = dirname(folder);
    if (parent === folder) throw new Error(`No package.json above ${fileURLToPath(import.meta.url)}: run Counter from its checkout.`);
    folder = parent;
  }
  return folder;
}

async function main(): Promise<void> {
  const { port, dataDir, dataDirGiven, packaged, store, integrationApi } = options();
  const root = checkoutRoot();
  const rendererDir = join(root, 'out', 'renderer');
  if (!existsSync(join(rendererDir, 'index.html'))) {
    throw new Error(`The renderer is not built (${rendererDir}). Run \`npm run start:browser\`, which builds it first.`);
  }
  const secretsFile = join(dataDir, 'zoho-connection.json');
  const storeLinkFile = join(dataDir, 'store-link.json');
  const { version } = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { version: string };
  const { logger: log } = await openLogFiles(dataDir);
  const host = await startBrowserHost({
    port,
    rendererDir,
    log,
    backendOptions: {
      dataDir,
      ...(dataDirGiven ? { dataDirOverride: '--data-dir' } : {}),
      packaged,
      appName: 'the browser host',
      secretStore: new FileSecretStore(secretsFile),
      // Demo mode's Zoho: the simulator, in this process.
      startDemoZoho: startSimulator,
      storeSecretStore: new FileSecretStore(storeLinkFile),
      ...(store ? { joinStoreAtStart: store } : {}),
      ...(integrationApi ? { integrationApi } : {}),
      pinRecovery: `To choose a new PIN, someone signed in to this computer’s user account stops Counter (Ctrl+C) and runs: npm run reset-pin -- --data-dir "${dataDir}"`,
      tuning: { version, log },
    },
  });

  console.log(host.url);
  console.log(`Counter is running: open the address above in your browser (it works from this computer only).`);
  console.log(
    `Data: ${dataDir} (logs in its logs folder, daily backups in backups). A connected Zoho account is kept unencrypted in ${secretsFile}, and a store's address in ${storeLinkFile}, readable by your user account only.`,
  );
  const apiUrl = host.backend.integrationApiUrl();
  if (apiUrl) console.log(`Integration API for your billing software: ${apiUrl}/v1 (keys in Manager → Integrations; docs/INTEGRATING.md).`);
  console.log('Press Ctrl+C to stop.');

  stopOnSignals(() => host.stop(), 'Counter');
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
