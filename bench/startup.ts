// Start-up, each figure next to the floor it is bounded by, measured in the same run (interleaved,
// so both see the same load): the browser host process ready (spawn → its first stdout line, the
// address) in demo mode (a fresh data folder: the built-in simulator and demo.db) and in live mode,
// divided by a bare `node -e` start (spawn → its first line), the host running from its bundle
// (out/host/cli.mjs, built here first, its size and build time reported); the first screen painted in Chromium
// (first contentful paint in a fresh context) divided by Chromium painting a blank page the same
// way; and the renderer bundle's gzipped size (out/renderer after `vite build --config
// renderer/vite.config.ts`).
import { spawn } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { gzipSync } from 'node:zlib';
import type { Browser, Page } from '@playwright/test';
import { HostProcess } from '../testkit/host-process';
import { LiveHost } from '../testkit/live-host';
import { TEST_PIN } from '../testkit/manager-pin';
import { buildHostBundle, buildRenderer, HOST_BUNDLE, RENDERER_OUT } from '../testkit/repo';
import { goal, ratio, spread, verdicts, type BenchResult } from './lib';

const RUNS = 7;

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

/** The host bundle built afresh: its size and how long esbuild took. */
async function buildAndMeasureHostBundle(): Promise<{ buildSeconds: number; kb: number }> {
  const started = performance.now();
  await buildHostBundle();
  return { buildSeconds: Number(((performance.now() - started) / 1000).toFixed(1)), kb: Number((statSync(HOST_BUNDLE).size / 1024).toFixed(0)) };
}

/** The floor of a Node program's start: spawn → the first line of `node -e`, in ms. */
async function bareStartMs(): Promise<number> {
  const started = performance.now();
  const child = spawn(process.execPath, ['-e', "console.log('ready')"], { stdio: ['ignore', 'pipe', 'ignore'] });
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  await new Promise<void>((resolve) => createInterface({ input: child.stdout }).once('line', () => resolve()));
  const took = performance.now() - started;
  await exited;
  return took;
}

/** First contentful paint of `url` in a fresh context (no cache, no cookie), and the time until `ready` resolves. */
async function paintOf(browser: Browser, url: string, ready: (page: Page) => Promise<unknown>): Promise<{ fcp: number | null; readyMs: number }> {
  const context = await browser.newContext({ viewport: { width: 1366, height: 768 } });
  try {
    const page = await context.newPage();
    const started = performance.now();
    await page.goto(url);
    await ready(page);
    const readyMs = performance.now() - started;
    const fcp = await page.evaluate<number | null>("performance.getEntriesByName('first-contentful-paint')[0]?.startTime ?? null");
    return { fcp, readyMs };
  } finally {
    await context.close();
  }
}

/** A blank page with one word on it, so that Chromium paints something: the floor of any first paint. */
const BLANK_PAGE = 'data:text/html,<!doctype html><title>blank</title><p>blank</p>';

export async function startupBench(): Promise<BenchResult> {
  const bundle = await buildAndMeasureBundle();
  const hostBundle = await buildAndMeasureHostBundle();
  const setup = await LiveHost.start();
  const demoDir = mkdtempSync(join(tmpdir(), 'counter-bench-demo-'));
  const node: number[] = [];
  const demo: number[] = [];
  const live: number[] = [];
  const appPaint: number[] = [];
  const blankPaint: number[] = [];
  const picker: number[] = [];
  const blankShown: number[] = [];
  try {
    // Each round: a bare node start, the host in demo mode, the host in live mode. The first round
    // creates the databases; the rest open them, as every later day does (the first is not counted).
    let host: HostProcess | null = null;
    for (let i = 0; i <= RUNS; i += 1) {
      const nodeMs = await bareStartMs();
      const demoHost = await HostProcess.start({ dataDir: demoDir, paymentsUrl: setup.sim.url, accountsUrl: setup.sim.url });
      await demoHost.stop();
      host = await setup.startHost();
      if (i === 0) {
        const { managerToken } = await host.ok('manager-unlock', { pin: TEST_PIN });
        for (const [n, terminal] of setup.sim.fixture.terminals.entries()) await host.ok('counter-create', { managerToken, name: `Counter ${n + 1}`, terminalId: terminal });
      } else {
        node.push(nodeMs);
        demo.push(demoHost.readyMs);
        live.push(host.readyMs);
      }
      if (i < RUNS) await host.stop();
    }
    if (!host) throw new Error('no host');
    const appUrl = host.url;
    const browser = await setup.launchBrowser();
    for (let i = 0; i < RUNS; i += 1) {
      const blank = await paintOf(browser, BLANK_PAGE, (page) => page.getByText('blank').waitFor());
      const app = await paintOf(browser, appUrl, (page) => page.getByRole('heading', { name: 'Which counter is this?' }).waitFor());
      if (blank.fcp !== null && app.fcp !== null) {
        blankPaint.push(blank.fcp);
        appPaint.push(app.fcp);
      }
      blankShown.push(blank.readyMs);
      picker.push(app.readyMs);
    }
  } finally {
    await setup.close();
    rmSync(demoDir, { recursive: true, force: true });
  }
  const n = spread(node, 0);
  const d = spread(demo, 0);
  const l = spread(live, 0);
  const f = spread(appPaint, 0);
  const b = spread(blankPaint, 0);
  const s = spread(picker, 0);
  const bs = spread(blankShown, 0);
  const demoRatio = ratio(d.p50, n.p50);
  const liveRatio = ratio(l.p50, n.p50);
  const paintRatio = ratio(f.p50, b.p50);
  const goals = [goal('host ready (demo) p50 ÷ bare node start p50', '≤ 3', `${demoRatio}×`, demoRatio <= 3), goal('host ready (live) p50 ÷ bare node start p50', '≤ 3', `${liveRatio}×`, liveRatio <= 3)];
  const line =
    `host ready (spawn → address printed, p50/max of ${RUNS}) demo ${d.p50}/${d.max} ms = ${demoRatio}×, live ${l.p50}/${l.max} ms = ${liveRatio}× a bare node start (${n.p50}/${n.max} ms), from the host bundle (${hostBundle.kb} KB; built in ${hostBundle.buildSeconds} s); ` +
    `first contentful paint p50 ${f.p50} / max ${f.max} ms = ${paintRatio}× Chromium painting a blank page (${b.p50}/${b.max} ms), counter picker on screen p50 ${s.p50} / max ${s.max} ms (blank page shown ${bs.p50}/${bs.max} ms; from navigation, fresh context); ` +
    `renderer bundle ${bundle.totalKb} KB gzipped (JS ${bundle.jsKb} KB, CSS ${bundle.cssKb} KB; ${bundle.rawKb} KB raw, ${bundle.files} files; built in ${bundle.buildSeconds} s) — ${verdicts(goals)}`;
  const figures = {
    bareNodeStartMs: n,
    hostReadyDemoMs: d,
    hostReadyLiveMs: l,
    hostReadyToNode: { demo: demoRatio, live: liveRatio },
    firstContentfulPaintMs: f,
    blankPagePaintMs: b,
    paintToBlank: paintRatio,
    counterPickerMs: s,
    blankPageShownMs: bs,
    raw: { node, demo, live, appPaint, blankPaint },
    bundle,
    hostBundle,
  };
  return { name: 'startup', line, goals, figures };
}
