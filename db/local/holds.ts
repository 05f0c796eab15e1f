// Holds: a charge whose answer was lost (unknown) keeps its terminal and its invoice from every other
// charge until a session it may have made has surely expired, or until a manager who checked the
// terminal releases it. The hold starts with the move to 'unknown' (transitionAttempt's holdUntil);
// the unique indexes of migration 005 enforce it; here it is renewed and ended, each with its
// event in the audit trail. Times are unix ms given by the caller: the app decides when a hold ends
// on a monotonic clock, and `hold_until` is what the screens show.
import type { ChargeAttempt } from '../../contract/records';
import { isHeld } from '../../contract/records';
import { requireAttempt, SELECT_ATTEMPTS, toChargeAttempt, type AttemptRow } from './attempt-queries';
import type { ChangeCause } from './attempts';
import type { Db } from './database';
import { InvalidStateError } from './errors';
import { appendAttemptEvent } from './events';
import { inWriteTransaction, prepared } from './statements';

/** Attempts whose hold has not ended, the first to end first: their terminals and invoices stay taken. */
export function listHeldAttempts(db: Db): ChargeAttempt[] {
  return prepared<[], AttemptRow>(db, `${SELECT_ATTEMPTS} WHERE a.hold_until IS NOT NULL AND a.hold_ended_at IS NULL ORDER BY a.hold_until`)
    .all()
    .map(toChargeAttempt);
}

/** Moves the end shown for a running hold (e.g. when a restart starts its countdown again). Null if it no longer holds. */
export function renewHold(db: Db, change: ChangeCause & { attemptId: string; until: number }): ChargeAttempt | null {
  return inWriteTransaction(db, () => {
    const attempt = requireAttempt(db, change.attemptId);
    if (!isHeld(attempt)) return null;
    prepared<[number, number, string]>(db, 'UPDATE charge_attempts SET hold_until = ?, updated_at = ? WHERE id = ?').run(change.until, change.at, attempt.id);
    appendAttemptEvent(db, { attemptId: attempt.id, fromState: attempt.state, toState: attempt.state, at: change.at, actor: change.actor, reason: change.reason });
    return requireAttempt(db, attempt.id);
  });
}

/**
 * Ends the hold: the terminal and the invoice may be charged again (the invoice still needs a
 * person's check, as any unknown outcome does). Returns null when the hold had already ended;
 * throws InvalidStateError('not_held') for an attempt that never held anything.
 */
export function endHold(db: Db, change: ChangeCause & { attemptId: string }): ChargeAttempt | null {
  return inWriteTransaction(db, () => {
    const attempt = requireAttempt(db, change.attemptId);
    if (attempt.hold === null) throw new InvalidStateError('not_held');
    if (!isHeld(attempt)) return null;
    prepared<[number, number, string]>(db, 'UPDATE charge_attempts SET hold_ended_at = ?, updated_at = ? WHERE id = ?').run(change.at, change.at, attempt.id);
    appendAttemptEvent(db, { attemptId: attempt.id, fromState: attempt.state, toState: attempt.state, at: change.at, actor: change.actor, reason: change.reason });
    return requireAttempt(db, attempt.id);
  });
}
