// Fault injection: what `POST /_sim/faults` accepts, and the dice that apply it to each request.
import { z } from 'zod';
import type { FaultTarget } from '../http/types';

const rate = z.number().min(0).max(1).default(0);

export const faultPlanSchema = z
  .strictObject({
    /**
     * Which requests are affected: both session calls (default), one of them, the token endpoint,
     * the refund calls (create, or retrieve and list), a payment's refund list alone, or all.
     */
    scope: z.enum(['payments', 'create', 'retrieve', 'token', 'refunds', 'refund_create', 'refund_retrieve', 'refund_list', 'all']).default('payments'),
    /** Added before every affected request is answered (or dropped). */
    latency_ms: z.number().int().min(0).max(600_000).default(0),
    /** Share of requests answered with `error_status` before anything is processed. */
    error_rate: rate,
    /** 5xx: a server error; 4xx: the call refused (as by an account or edition where it is not offered). */
    error_status: z.number().int().min(400).max(599).default(500),
    /** Share of requests whose connection is destroyed without an answer. */
    drop_rate: rate,
    /** Drop after the request was processed (a create did happen), rather than before. */
    drop_after_processing: z.boolean().default(false),
    /** Share of requests processed normally but answered with a truncated body. */
    malformed_rate: rate,
    /** The plan ends after this long... */
    duration_ms: z.number().int().positive().optional(),
    /** ...or after this many affected requests, whichever comes first. */
    count: z.number().int().positive().optional(),
  })
  .refine((plan) => plan.error_rate + plan.drop_rate + plan.malformed_rate <= 1, {
    message: 'error_rate + drop_rate + malformed_rate must not exceed 1',
  });

export type FaultPlanInput = z.input<typeof faultPlanSchema>;
export type FaultPlan = z.output<typeof faultPlanSchema>;

export type FaultOutcome = 'none' | 'error' | 'drop_before' | 'drop_after' | 'malformed';

export interface FaultDecision {
  latencyMs: number;
  outcome: FaultOutcome;
  errorStatus: number;
}

const NO_FAULT: FaultDecision = { latencyMs: 0, outcome: 'none', errorStatus: 500 };

const SCOPE_TARGETS: Record<FaultPlan['scope'], readonly FaultTarget[]> = {
  payments: ['create', 'retrieve'],
  create: ['create'],
  retrieve: ['retrieve'],
  token: ['token'],
  refunds: ['refund_create', 'refund_retrieve', 'refund_list'],
  refund_create: ['refund_create'],
  refund_retrieve: ['refund_retrieve', 'refund_list'],
  refund_list: ['refund_list'],
  all: ['create', 'retrieve', 'token', 'refund_create', 'refund_retrieve', 'refund_list'],
};

export interface ActiveFaults {
  plan: FaultPlan;
  startedAt: number;
  remaining: number | null;
}

export class FaultInjector {
  private active: ActiveFaults | null = null;

  constructor(
    private readonly now: () => number,
    private readonly random: () => number,
  ) {}

  set(plan: FaultPlan): void {
    this.active = { plan, startedAt: this.now(), remaining: plan.count ?? null };
  }

  clear(): void {
    this.active = null;
  }

  /** The plan in force, or null once it was cleared, ran its duration or used up its count. */
  current(): ActiveFaults | null {
    const active = this.active;
    if (active?.plan.duration_ms !== undefined && this.now() - active.startedAt >= active.plan.duration_ms) {
      this.active = null;
    }
    return this.active;
  }

  /** One roll of the dice per request: the three rates are consecutive bands of [0, 1). */
  decide(target: FaultTarget): FaultDecision {
    const active = this.current();
    if (!active || !SCOPE_TARGETS[active.plan.scope].includes(target)) return NO_FAULT;
    if (active.remaining !== null) {
      active.remaining -= 1;
      if (active.remaining === 0) this.active = null;
    }
    const { plan } = active;
    const roll = this.random();
    let outcome: FaultOutcome = 'none';
    if (roll < plan.drop_rate) outcome = plan.drop_after_processing ? 'drop_after' : 'drop_before';
    else if (roll < plan.drop_rate + plan.error_rate) outcome = 'error';
    else if (roll < plan.drop_rate + plan.error_rate + plan.malformed_rate) outcome = 'malformed';
    return { latencyMs: plan.latency_ms, outcome, errorStatus: plan.error_status };
  }
}
