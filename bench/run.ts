// `npm run bench` runs every benchmark; `npm run bench -- database scale` runs those named:
// detection, detection-screen, scale, database, startup, backup, backup-large, store-sync, store-log, store-capacity,
// store-chain, catalogue (docs/BENCHMARKS.md).
// Each prints ONE line of figures (ratios to its limits, absolute figures, goals with PASS/FAIL) and
// the load average (`uptime`) at its start and end; the raw figures go to out/bench/.
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { backupBench } from './backup';
import { backupLargeBench } from './backup-large';
import { catalogueBench } from './catalogue';
import { databaseBench } from './database';
import { detectionBench, screenDetectionBench } from './detection';
import { load, machine, type BenchResult } from './lib';
import { scaleBench } from './scale';
import { startupBench } from './startup';
import { storeLogBench, storeSyncBench } from './store';
import { storeCapacityBench } from './store-capacity';
import { storeChainBench } from './store-chain';

const BENCHES: Record<string, () => Promise<BenchResult>> = {
  detection: detectionBench,
  'detection-screen': screenDetectionBench,
  scale: scaleBench,
  database: databaseBench,
  startup: startupBench,
  backup: backupBench,
  'backup-large': backupLargeBench,
  'store-sync': storeSyncBench,
  'store-log': storeLogBench,
  'store-capacity': storeCapacityBench,
  'store-chain': storeChainBench,
  catalogue: catalogueBench,
};

async function main(): Promise<void> {
  const wanted = process.argv.slice(2).filter((arg) => arg !== '--');
  const unknown = wanted.filter((name) => !(name in BENCHES));
  if (unknown.length > 0) throw new Error(`No benchmark ${unknown.join(', ')}. There are: ${Object.keys(BENCHES).join(', ')}`);
  const names = wanted.length > 0 ? wanted : Object.keys(BENCHES);
  const outDir = fileURLToPath(new URL('../out/bench/', import.meta.url));
  mkdirSync(outDir, { recursive: true });
  console.log(`# ${machine()}; ${new Date().toISOString()}; npm run bench -- ${names.join(' ')}`);
  let failed = 0;
  for (const name of names) {
    const bench = BENCHES[name];
    if (!bench) continue;
    const started = performance.now();
    // The machine's load (1, 5, 15 min) at the start and the end: other work on a 2-core box moves the figures.
    const loadAtStart = load();
    try {
      const result = await bench();
      const seconds = ((performance.now() - started) / 1000).toFixed(0);
      const loadAtEnd = load();
      console.log(`${name}: ${result.line} [${seconds} s, load ${loadAtStart} → ${loadAtEnd}]`);
      writeFileSync(join(outDir, `${name}.json`), `${JSON.stringify({ machine: machine(), date: new Date().toISOString(), loadAtStart, loadAtEnd, ...result }, null, 2)}\n`);
      if (result.goals.some((g) => !g.pass)) failed += 1;
    } catch (error) {
      failed += 1;
      console.log(`${name}: ERROR ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
    }
  }
  // A missed goal is reported, not an error: benchmarks measure, the docs say what was met.
  if (failed > 0) console.log(`# ${failed} benchmark(s) missed a goal or failed`);
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
