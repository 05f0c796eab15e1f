// Shared by the benchmarks: the machine they ran on and its load, spreads of figures, ratios to the
// limit each figure is bounded by (measured in the same run), goals and the one-line report.
import { readFileSync } from 'node:fs';
import { cpus, loadavg, totalmem } from 'node:os';
import { percentile } from '../testkit/stats';

export interface BenchResult {
  name: string;
  /** One line of figures, printed by bench/run.ts. */
  line: string;
  /** Every goal with its verdict. */
  goals: Goal[];
  /** The raw figures, kept in out/bench/<name>.json. */
  figures: Record<string, unknown>;
}

export interface Goal {
  what: string;
  goal: string;
  value: string;
  pass: boolean;
}

export function machine(): string {
  let model = cpus()[0]?.model ?? 'unknown CPU';
  try {
    model = /model name\s*:\s*(.+)/.exec(readFileSync('/proc/cpuinfo', 'utf8'))?.[1]?.trim() ?? model;
  } catch {
    // not Linux
  }
  return `${cpus().length} cores (${model}), ${Math.round(totalmem() / 2 ** 30)} GB RAM, Node ${process.version}, ${process.platform}`;
}

/** The load average over 1, 5 and 15 minutes, as `uptime` prints it. */
export function load(): string {
  return loadavg()
    .map((value) => value.toFixed(2))
    .join(', ');
}

/** A figure divided by its limit measured in the same run, as "2.4×". */
export function ratio(value: number, limit: number): number {
  return Number((value / limit).toFixed(2));
}

export interface Spread {
  n: number;
  p50: number;
  p99: number;
  max: number;
}

export function spread(values: readonly number[], digits = 2): Spread {
  const round = (v: number) => Number(v.toFixed(digits));
  return { n: values.length, p50: round(percentile(values, 50)), p99: round(percentile(values, 99)), max: round(Math.max(...values)) };
}

export function ms(value: number, digits = 1): string {
  return `${value.toFixed(digits)} ms`;
}

export function goal(what: string, goalText: string, value: string, pass: boolean): Goal {
  return { what, goal: goalText, value, pass };
}

export function verdicts(goals: readonly Goal[]): string {
  return goals.map((g) => `${g.what} ${g.value} (goal ${g.goal}: ${g.pass ? 'PASS' : 'FAIL'})`).join('; ');
}

/** Times `work` `runs` times (after `warmup` unmeasured runs), in ms. */
export async function timeRuns(runs: number, work: (i: number) => unknown, warmup = 3): Promise<number[]> {
  for (let i = 0; i < warmup; i += 1) await work(-1 - i);
  const times: number[] = [];
  for (let i = 0; i < runs; i += 1) {
    const started = performance.now();
    await work(i);
    times.push(performance.now() - started);
  }
  return times;
}
