// The checkout's entry points run to their end as a person runs them, in the checkout: a TypeScript
// script (host/reset-pin.ts…) through Node with tsx's loader, or the browser host as
// `npm run start:browser` runs it (its bundle, out/host/cli.mjs). Its exit code and everything it printed.
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { hostBundle, REPO_ROOT } from './repo';

export interface ScriptRun {
  code: number | null;
  stdout: string;
  stderr: string;
}

export interface ScriptRunOptions {
  env?: NodeJS.ProcessEnv;
  /** Killed after this long (default 30 s) if it has not ended, so that nothing outlives the test. */
  timeoutMs?: number;
}

/** A TypeScript entry point (`args[0]`, relative to the checkout) with its arguments. */
export function runScript(args: string[], options: ScriptRunOptions = {}): Promise<ScriptRun> {
  return runNode(['--import', 'tsx', ...args], options);
}

/** The browser host with these command-line arguments. */
export async function runHost(args: string[], options: ScriptRunOptions = {}): Promise<ScriptRun> {
  return runNode([await hostBundle(), ...args], options);
}

async function runNode(nodeArgs: string[], options: ScriptRunOptions): Promise<ScriptRun> {
  const child = spawn(process.execPath, nodeArgs, { cwd: REPO_ROOT, env: options.env ?? process.env, stdio: ['ignore', 'pipe', 'pipe'] });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const timer = setTimeout(() => child.kill('SIGKILL'), options.timeoutMs ?? 30_000);
  const [code] = (await once(child, 'close')) as [number | null];
  clearTimeout(timer);
  return { code, stdout, stderr };
}
