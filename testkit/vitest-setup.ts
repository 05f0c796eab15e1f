// vitest's globalSetup (vitest.config.ts): one PostgreSQL cluster for the whole run, in which every
// store suite makes its own databases (testkit/store.ts: sharedPostgres). vitest calls the teardown
// when the run ends, failed or not, and the cluster goes with its files.
import type { TestProject } from 'vitest/node';
import { PostgresCluster, type ClusterAddress } from './postgres-cluster';

declare module 'vitest' {
  export interface ProvidedContext {
    postgres: ClusterAddress;
  }
}

export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const cluster = await PostgresCluster.start();
  project.provide('postgres', { dir: cluster.dir, port: cluster.port });
  return () => cluster.destroy();
}
