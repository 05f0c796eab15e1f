// This PC's payments that another PC settled by a re-check (remote-attempts.ts): applied to its
// own ledger at the heartbeat, and shipped back as its own changes. A payment of a day this PC
// closed never changes: Zoho's word becomes a correction on the next open day.
import { finalizeAttempt, getAttempt } from '../../db/local/attempts';
import { closeCovering } from '../../db/local/day-closes';
import type { Queryable } from '../../db/store/migrate';
import { markSettlementApplied, pendingSettlements, type SettlementRow } from '../../db/store/settlements';
import { recordLateCharge } from '../after-sale/corrections';
import type { Logger } from '../logger';
import type { RunningMode } from '../mode';

/** What applying the store's settlements to this PC's ledger did. */
export interface SettlementsApplied {
  applied: number;
  /** Settlements of payments of a closed day, kept as corrections on the next open day. */
  corrected: number;
  /** Settlements that could not be applied now: left for the next heartbeat, the others went on. */
  failed: number;
}

/**
 * This PC's payments that another PC settled by a re-check: applied to its own ledger (so they ship
 * back as its own changes) and marked applied. Called at each heartbeat while the link is up. One
 * settlement that cannot be applied never stops the others, nor the link.
 */
export async function applySettlements(
  client: Queryable,
  joined: { storeId: string; stationId: string },
  mode: RunningMode,
  now: () => number,
  log: Logger,
): Promise<SettlementsApplied> {
  const done: SettlementsApplied = { applied: 0, corrected: 0, failed: 0 };
  for (const row of await pendingSettlements(client, joined)) {
    try {
      if (applySettlement(mode, row, now) === 'corrected') done.corrected += 1;
    } catch (error) {
      done.failed += 1;
      log.warn('a settlement from the store could not be applied; it is tried again at the next heartbeat', {
        attemptId: row.attempt_id,
        error: error instanceof Error ? error.message : String(error),
      });
      continue;
    }
    await markSettlementApplied(client, joined.storeId, row.attempt_id);
    done.applied += 1;
  }
  return done;
}

function applySettlement(mode: RunningMode, row: SettlementRow, now: () => number): 'applied' | 'corrected' {
  const { db } = mode;
  const attempt = getAttempt(db, row.attempt_id);
  if (!attempt) return 'applied';
  const reason = `Re-checked from PC “${row.settled_by}”: Zoho reports the payment ${row.state}`;
  const close = closeCovering(db, attempt.createdAt);
  if (close) {
    if (attempt.state !== 'in_progress' && attempt.state !== 'unresolved') return 'applied';
    recordLateCharge(db, attempt, close, { toState: row.state, paymentId: row.payment_id, detail: reason, actor: 'store', now: now() });
    return 'corrected';
  }
  const base = { attemptId: row.attempt_id, from: ['in_progress', 'unresolved'] as const, at: now(), actor: 'store' };
  const applied =
    row.state === 'succeeded'
      ? finalizeAttempt(db, { ...base, to: 'succeeded', paymentId: row.payment_id, paidMethod: row.paid_method, reason })
      : finalizeAttempt(db, { ...base, to: 'failed', failureCode: row.failure_code, failureMessage: row.failure_message, reason });
  if (applied) mode.services.charges.publish(applied);
  return 'applied';
}
