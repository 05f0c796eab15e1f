// Rows the store link set aside (migrations 024, 028): kept with what they were, so the Manager screen
// can say so (core/store-link/set-aside.ts words it). A manager may dismiss an entry from the alert:
// who and when are recorded on it; the entry itself is never deleted (migration 028’s triggers).
import type { Db } from './database';
import { prepared } from './statements';

export type SetAsideKind = 'review' | 'relearn' | 'ship';

export interface SetAsideRow {
  id: number;
  at: number;
  kind: SetAsideKind;
  recordId: string;
  detail: string;
}

/** Keeps one row the link could not apply. */
export function recordSetAside(db: Db, row: Omit<SetAsideRow, 'id'>): void {
  prepared<[Omit<SetAsideRow, 'id'>]>(db, 'INSERT INTO link_set_aside (at, kind, record_id, detail) VALUES (@at, @kind, @recordId, @detail)').run(row);
}

/** The rows set aside since `sinceMs` that no manager dismissed, newest first, at most `limit`. */
export function listSetAside(db: Db, sinceMs: number, limit: number): SetAsideRow[] {
  return prepared<[number, number], SetAsideRow>(
    db,
    'SELECT id, at, kind, record_id AS recordId, detail FROM link_set_aside WHERE at >= ? AND dismissed_at IS NULL ORDER BY at DESC, id DESC LIMIT ?',
  ).all(sinceMs, limit);
}

/** A dismissed entry: who dismissed it and when (null while it is on the alert). */
export interface SetAsideDismissal {
  dismissedAt: number | null;
  dismissedBy: string | null;
}

/** The entry `id` and its dismissal; undefined when there is none. */
export function getSetAside(db: Db, id: number): (SetAsideRow & SetAsideDismissal) | undefined {
  return prepared<[number], SetAsideRow & SetAsideDismissal>(
    db,
    'SELECT id, at, kind, record_id AS recordId, detail, dismissed_at AS dismissedAt, dismissed_by AS dismissedBy FROM link_set_aside WHERE id = ?',
  ).get(id);
}

/** Records that `by` dismissed the entry at `at`; false when it was dismissed already (or there is none). */
export function dismissSetAside(db: Db, dismissal: { id: number; by: string; at: number }): boolean {
  return (
    prepared<[{ id: number; by: string; at: number }]>(db, 'UPDATE link_set_aside SET dismissed_at = @at, dismissed_by = @by WHERE id = @id AND dismissed_at IS NULL').run(dismissal)
      .changes === 1
  );
}
