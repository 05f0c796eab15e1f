// The append-only audit trail of attempt state changes (triggers refuse UPDATE and DELETE).
import type { AttemptState } from '../../contract/vocabulary';
import type { AttemptEvent } from '../../contract/records';
import type { Db } from './database';
import { prepared } from './statements';

interface AttemptEventRow {
  id: number;
  attempt_id: string;
  at: number;
  from_state: AttemptState | null;
  to_state: AttemptState;
  actor: string;
  reason: string;
}

function toAttemptEvent(row: AttemptEventRow): AttemptEvent {
  return {
    id: row.id,
    attemptId: row.attempt_id,
    at: row.at,
    fromState: row.from_state,
    toState: row.to_state,
    actor: row.actor,
    reason: row.reason,
  };
}

export type NewAttemptEvent = Omit<AttemptEvent, 'id'>;

/** Appends one event (named parameters: a NewAttemptEvent); also run by the charge's write-ahead. */
export const APPEND_ATTEMPT_EVENT_SQL = `
  INSERT INTO attempt_events (attempt_id, at, from_state, to_state, actor, reason)
  VALUES (@attemptId, @at, @fromState, @toState, @actor, @reason)`;

/** Called by the attempt writes, inside the transaction that changes the state. */
export function appendAttemptEvent(db: Db, event: NewAttemptEvent): void {
  prepared<[NewAttemptEvent]>(db, APPEND_ATTEMPT_EVENT_SQL).run(event);
}

/** Oldest first, in the order they were written. */
export function listEventsForAttempt(db: Db, attemptId: string): AttemptEvent[] {
  return prepared<[string], AttemptEventRow>(db, 'SELECT * FROM attempt_events WHERE attempt_id = ? ORDER BY id')
    .all(attemptId)
    .map(toAttemptEvent);
}
