// Start-up: the browser host process ready (spawn → its first stdout line, the address), the first
// screen painted in Chromium (first contentful paint, and the counter picker on screen), and the
// renderer bundle's gzipped size (out/renderer after `vite build --config renderer/vite.config.ts`).
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import type { HostProcess } from '../testkit/host-process';
import { LiveHost } from '../testkit/live-host';
import { TEST_PIN } from '../testkit/manager-pin';
import { buildRenderer, RENDERER_OUT } from '../testkit/repo';
import { spread, type BenchResult } from './lib';

const RUNS = 5;

function filesUnder(folder: string): string[] {
  return readdirSync(folder).flatMap((name) => {
    const path = join(folder, name);
    return statSync(path).isDirectory() ? filesUnder(path) : [path];
  });
}

async function buildAndMeasureBundle(): Promise<{ buildSeconds: number; jsKb: number; cssKb: number; totalKb: number; rawKb: number; files: number }> {
  const started = performance.now();
  await buildRenderer();
  const buildSeconds = (performance.now() - started) / 1000;
  const files = filesUnder(RENDERER_OUT);
  let js = 0;
  let css = 0;
  let total = 0;
  let raw = 0;
  for (const file of files) {
    const content = readFileSync(file);
    const gz = gzipSync(content, { level: 9 }).length;
    raw += content.length;
    total += gz;
    if (file.endsWith('.js')) js += gz;
    if (file.endsWith('.css')) css += gz;
  }
  const kb = (bytes: number) => Number((bytes / 1024).toFixed(1));
  return { buildSeconds: Number(buildSeconds.toFixed(1)), jsKb: kb(js), cssKb: kb(css), totalKb: kb(total), rawKb: kb(raw), files: files.length };
}

export async function startupBench(): Promise<BenchResult> {
  const bundle = await buildAndMeasureBundle();
  const setup = await LiveHost.start();
  const ready: number[] = [];
  const fcp: number[] = [];
  const firstScreen: number[] = [];
  try {
    // The first start creates the database; the rest open it, as every later day does.
    let live: HostProcess | null = null;
    for (let i = 0; i < RUNS; i += 1) {
      live = await setup.startHost();
      ready.push(live.readyMs);
      if (i === 0) {
        const { managerToken } = await live.ok('manager-unlock', { pin: TEST_PIN });
        for (const [n, terminal] of setup.sim.fixture.terminals.entries()) await live.ok('counter-create', { managerToken, name: `Counter ${n + 1}`, terminalId: terminal });
      }
      if (i < RUNS - 1) await live.stop();
    }
    const browser = await setup.launchBrowser();
    if (!live) throw new Error('no host');
    for (let i = 0; i < RUNS; i += 1) {
      // A fresh context each time: no cache, no cookie (the address's token is swapped for one).
      const context = await browser.newContext({ viewport: { width: 1366, height: 768 } });
      const page = await context.newPage();
      const started = performance.now();
      await page.goto(live.url);
      await page.getByRole('heading', { name: 'Which counter is this?' }).waitFor();
      firstScreen.push(performance.now() - started);
      const paint = await page.evaluate<number | null>("performance.getEntriesByName('first-contentful-paint')[0]?.startTime ?? null");
      if (paint !== null) fcp.push(paint);
      await context.close();
    }
  } finally {
    await setup.close();
  }
  const r = spread(ready.slice(1), 0);
  const f = spread(fcp, 0);
  const s = spread(firstScreen, 0);
  const line =
    `host ready (spawn → address printed) first run ${Math.round(ready[0] ?? Number.NaN)} ms, then p50 ${r.p50} / max ${r.max} ms; ` +
    `Chromium first contentful paint p50 ${f.p50} / max ${f.max} ms, counter picker on screen p50 ${s.p50} / max ${s.max} ms (from navigation, fresh profile); ` +
    `renderer bundle ${bundle.totalKb} KB gzipped (JS ${bundle.jsKb} KB, CSS ${bundle.cssKb} KB; ${bundle.rawKb} KB raw, ${bundle.files} files; built in ${bundle.buildSeconds} s)`;
  return { name: 'startup', line, goals: [], figures: { hostReadyMs: { first: ready[0], later: r, all: ready }, firstContentfulPaintMs: f, counterPickerMs: s, bundle } };
}
