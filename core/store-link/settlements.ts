// This PC's payments that another PC settled by a re-check (remote-attempts.ts): applied to its
// own ledger at the heartbeat, and shipped back as its own changes.
import { finalizeAttempt, getAttempt } from '../../db/local/attempts';
import type { Queryable } from '../../db/store/migrate';
import { markSettlementApplied, pendingSettlements } from '../../db/store/settlements';
import type { RunningMode } from '../mode';

/**
 * This PC's payments that another PC settled by a re-check: applied to its own ledger (so they ship
 * back as its own changes) and marked applied. Called at each heartbeat while the link is up.
 */
export async function applySettlements(client: Queryable, joined: { storeId: string; stationId: string }, mode: RunningMode, now: () => number): Promise<number> {
  const pending = await pendingSettlements(client, joined);
  for (const row of pending) {
    const base = { attemptId: row.attempt_id, from: ['in_progress', 'unresolved'] as const, at: now(), actor: 'store' };
    const reason = `Re-checked from PC “${row.settled_by}”: Zoho reports the payment ${row.state}`;
    const applied = getAttempt(mode.db, row.attempt_id)
      ? row.state === 'succeeded'
        ? finalizeAttempt(mode.db, { ...base, to: 'succeeded', paymentId: row.payment_id, paidMethod: row.paid_method, reason })
        : finalizeAttempt(mode.db, { ...base, to: 'failed', failureCode: row.failure_code, failureMessage: row.failure_message, reason })
      : null;
    if (applied) mode.services.charges.publish(applied);
    await markSettlementApplied(client, joined.storeId, row.attempt_id);
  }
  return pending.length;
}
