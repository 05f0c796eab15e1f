// vitest's globalSetup (vitest.config.ts): one PostgreSQL cluster for the whole run, in which every
// store suite makes its own databases (testkit/store.ts: sharedPostgres). vitest calls the teardown
// when the run ends, failed or not, and the cluster goes with its files. The renderer bundle is
// brought up to date here too, once: the suites that serve it run side by side, and two of them
// building it at once would empty out/renderer under each other.
import type { TestProject } from 'vitest/node';
import { PostgresCluster, type ClusterAddress } from './postgres-cluster';
import { buildRenderer, rendererStale } from './repo';

declare module 'vitest' {
  export interface ProvidedContext {
    postgres: ClusterAddress;
  }
}

export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const [started, renderer] = await Promise.allSettled([PostgresCluster.start(), rendererStale() ? buildRenderer() : undefined]);
  if (started.status === 'rejected') throw started.reason;
  const cluster = started.value;
  if (renderer.status === 'rejected') {
    await cluster.destroy();
    throw renderer.reason;
  }
  project.provide('postgres', { dir: cluster.dir, port: cluster.port });
  return () => cluster.destroy();
}
