// The parent side of backend-process.ts: fork the core into its own process, call it, read its
// CPU time and memory, stop it, or kill it with SIGKILL.
import { fork, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import type { HandlerName, HandlerOutput } from '../contract/handlers';
import type { Result } from '../contract/result';
import type { BackendProcessConfig, ChildMessage } from './backend-process';
import { REPO_ROOT } from './repo';
import { okValue } from './results';

export interface CoreUsage {
  /** CPU time used since the process started, ms (user + system). */
  cpuMs: number;
  rssBytes: number;
  heapUsedBytes: number;
  /** p99 of how late the core's event loop ran, since it started (ms). */
  loopDelayP99Ms: number;
}

export class BackendChild {
  private nextId = 1;
  private readonly waiting = new Map<number, (message: ChildMessage) => void>();
  readonly events: { event: unknown; at: number }[] = [];

  private constructor(private readonly child: ChildProcess) {
    child.on('message', (raw) => {
      const message = raw as ChildMessage;
      if (message.type === 'event') this.events.push({ event: message.event, at: message.at });
      else if ('id' in message) {
        this.waiting.get(message.id)?.(message);
        this.waiting.delete(message.id);
      }
    });
  }

  static async start(config: BackendProcessConfig): Promise<BackendChild> {
    const child = fork(fileURLToPath(new URL('./backend-process.ts', import.meta.url)), [], {
      cwd: REPO_ROOT,
      execArgv: ['--import', 'tsx'],
      env: { ...process.env, COUNTER_BACKEND_CONFIG: JSON.stringify(config) },
      stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
    });
    await new Promise<void>((resolve, reject) => {
      child.once('message', (message) => ((message as ChildMessage).type === 'ready' ? resolve() : reject(new Error('unexpected first message'))));
      child.once('exit', (code) => reject(new Error(`the core process exited (${code}) before it was ready`)));
    });
    return new BackendChild(child);
  }

  get pid(): number {
    return this.child.pid ?? -1;
  }

  async call<K extends HandlerName>(name: K, input: unknown): Promise<Result<HandlerOutput<K>>> {
    const reply = await this.request({ type: 'call', name, input });
    return (reply as { result: Result<HandlerOutput<K>> }).result;
  }

  async ok<K extends HandlerName>(name: K, input: unknown): Promise<HandlerOutput<K>> {
    return okValue(name, await this.call(name, input));
  }

  async usage(): Promise<CoreUsage> {
    const reply = (await this.request({ type: 'usage' })) as Extract<ChildMessage, { type: 'usage' }>;
    return { cpuMs: (reply.cpuMicros.user + reply.cpuMicros.system) / 1000, rssBytes: reply.rss, heapUsedBytes: reply.heapUsed, loopDelayP99Ms: reply.loopDelayP99Ms };
  }

  async stop(): Promise<void> {
    const exited = new Promise<void>((resolve) => this.child.once('exit', () => resolve()));
    await this.request({ type: 'stop' });
    await exited;
  }

  kill(): void {
    this.child.kill('SIGKILL');
  }

  private request(message: { type: 'call'; name: string; input: unknown } | { type: 'usage' } | { type: 'stop' }): Promise<ChildMessage> {
    const id = this.nextId++;
    return new Promise((resolve) => {
      this.waiting.set(id, resolve);
      this.child.send({ ...message, id });
    });
  }
}
