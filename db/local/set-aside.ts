// Rows the store link set aside (migration 024): kept with what they were, so the Manager screen can
// say so (core/store-link/set-aside.ts words it).
import type { Db } from './database';
import { prepared } from './statements';

export type SetAsideKind = 'review' | 'relearn';

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

/** The rows set aside since `sinceMs`, newest first, at most `limit`. */
export function listSetAside(db: Db, sinceMs: number, limit: number): SetAsideRow[] {
  return prepared<[number, number], SetAsideRow>(
    db,
    'SELECT id, at, kind, record_id AS recordId, detail FROM link_set_aside WHERE at >= ? ORDER BY at DESC, id DESC LIMIT ?',
  ).all(sinceMs, limit);
}
