// A child-process entry that runs the core alone (startBackend, live mode) and serves it over the
// IPC channel: calls, events, and its own CPU time and memory. The scale benchmark measures the
// core with it, apart from the simulator and the test driver. Started by backend-child.ts.
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { startBackend } from '../core/backend';
import type { BackendTuning } from '../core/backend';
import { silentLogger } from '../core/logger';
import { FileSecretStore } from '../core/secrets/file-secret-store';
import { startSimulator } from '../simulator/index';

export interface BackendProcessConfig {
  dataDir: string;
  secretsFile: string;
  paymentsUrl: string;
  accountsUrl: string;
  /** JSON-safe tuning (the logger is always silent). */
  tuning?: Omit<BackendTuning, 'log'>;
  forwardEvents?: boolean;
}

export type ParentMessage = { type: 'call'; id: number; name: string; input: unknown } | { type: 'usage'; id: number } | { type: 'stop'; id: number };

export type ChildMessage =
  | { type: 'ready' }
  | { type: 'result'; id: number; result: unknown }
  | { type: 'usage'; id: number; cpuMicros: { user: number; system: number }; rss: number; heapUsed: number; loopDelayP99Ms: number }
  | { type: 'event'; event: unknown; at: number }
  | { type: 'stopped'; id: number };

async function main(): Promise<void> {
  const config = JSON.parse(process.env.COUNTER_BACKEND_CONFIG ?? '{}') as BackendProcessConfig;
  const send = (message: ChildMessage) => process.send?.(message);
  // How late the core's timers run (the machine's scheduling under load): the floor under its poll gaps.
  const loopDelay = monitorEventLoopDelay({ resolution: 10 });
  loopDelay.enable();
  const backend = await startBackend({
    dataDir: config.dataDir,
    secretStore: new FileSecretStore(config.secretsFile),
    startDemoZoho: startSimulator,
    env: { ZOHO_PAYMENTS_URL: config.paymentsUrl, ZOHO_ACCOUNTS_URL: config.accountsUrl },
    tuning: { consentPort: 0, ...config.tuning, log: silentLogger },
  });
  if (config.forwardEvents) backend.subscribe((event) => send({ type: 'event', event, at: performance.timeOrigin + performance.now() }));
  process.on('message', (raw) => {
    const message = raw as ParentMessage;
    if (message.type === 'call') {
      void backend.call(message.name as Parameters<typeof backend.call>[0], message.input).then((result) => send({ type: 'result', id: message.id, result }));
    } else if (message.type === 'usage') {
      const cpu = process.cpuUsage();
      const memory = process.memoryUsage();
      send({ type: 'usage', id: message.id, cpuMicros: { user: cpu.user, system: cpu.system }, rss: memory.rss, heapUsed: memory.heapUsed, loopDelayP99Ms: loopDelay.percentile(99) / 1e6 });
    } else if (message.type === 'stop') {
      void backend.close().then(() => {
        send({ type: 'stopped', id: message.id });
        process.disconnect();
      });
    }
  });
  send({ type: 'ready' });
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
