// The append-only audit trail of access to the manager screens (triggers refuse UPDATE and DELETE).
import type { Db } from './database';
import { prepared } from './statements';

export const ACCESS_EVENT_KINDS = ['pin_set', 'pin_changed', 'pin_reset', 'pin_locked_out'] as const;
export type AccessEventKind = (typeof ACCESS_EVENT_KINDS)[number];

export interface AccessEvent {
  id: number;
  at: number;
  kind: AccessEventKind;
  /** Who: "manager", or the computer account that reset the PIN ("asha on shop-pc"). */
  actor: string;
  detail: string;
}

export type NewAccessEvent = Omit<AccessEvent, 'id'>;

export function appendAccessEvent(db: Db, event: NewAccessEvent): void {
  prepared<[NewAccessEvent]>(db, 'INSERT INTO access_events (at, kind, actor, detail) VALUES (@at, @kind, @actor, @detail)').run(event);
}

/** Oldest first, in the order they were written. */
export function listAccessEvents(db: Db): AccessEvent[] {
  return prepared<[], AccessEvent>(db, 'SELECT id, at, kind, actor, detail FROM access_events ORDER BY id').all();
}
