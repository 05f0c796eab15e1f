// One of the checkout's TypeScript entry points (host/cli.ts, host/reset-pin.ts…) run to its end as
// a person runs it: Node with tsx's loader, in the checkout. Its exit code and everything it printed.
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { REPO_ROOT } from './repo';

export interface ScriptRun {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** Killed after `timeoutMs` (default 30 s) if it has not ended, so that nothing outlives the test. */
export async function runScript(args: string[], options: { env?: NodeJS.ProcessEnv; timeoutMs?: number } = {}): Promise<ScriptRun> {
  const child = spawn(process.execPath, ['--import', 'tsx', ...args], { cwd: REPO_ROOT, env: options.env ?? process.env, stdio: ['ignore', 'pipe', 'pipe'] });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const timer = setTimeout(() => child.kill('SIGKILL'), options.timeoutMs ?? 30_000);
  const [code] = (await once(child, 'close')) as [number | null];
  clearTimeout(timer);
  return { code, stdout, stderr };
}
