// npm run demo:store: a store of two PCs on this computer, to see them share one store. Starts a
// throwaway PostgreSQL cluster, the Zoho simulator (the store's account, with virtual terminals) and
// two browser hosts (PC 1 and PC 2, each with its own data folder), and prints both addresses.
// Ctrl+C stops everything and removes the data.
import { stopOnSignals } from '../host/stop-on-signals';
import { StoreStations, STATION_PIN } from '../testkit/store-stations';

async function main(): Promise<void> {
  console.log('Starting a PostgreSQL cluster, the simulator and two PCs…');
  const stations = await StoreStations.start({ stations: 2, counters: 3 });
  console.log('');
  console.log(`Store “${stations.storeName}” is running. Open each PC in its own browser window:`);
  for (const station of stations.stations) console.log(`  ${station.name}: ${station.host.url}`);
  console.log('');
  console.log(`Manager PIN: ${STATION_PIN}. Virtual terminals: ${stations.sim.url}/terminal/TRM001 (…TRM003).`);
  console.log('Charge on one PC and see the payment in the other PC’s payment log; choose the same counter on both to see it refused.');
  console.log('Press Ctrl+C to stop.');
  stopOnSignals(() => stations.close(), 'The demo');
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
