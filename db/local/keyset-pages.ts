// Reading a day's records a page at a time, newest first, for the day's CSV: each page starts
// after the last row of the one before by (created_at, rowid), on the created_at indexes, so a row
// is read once however many come in meanwhile, and no page costs more than the first.

/** The columns a page's query adds: the row's rowid, and its time. */
export interface PageKey {
  page_key: number;
  created_at: number;
}

/** Where the last page ended (its last row's time and rowid). */
export interface PageEnd {
  at: number;
  key: number;
}

/** Reads pages by `read` (after `end`, null for the first) until one comes back short. */
export function* keysetPages<Row extends PageKey, T>(read: (end: PageEnd | null) => Row[], size: number, map: (row: Row) => T): Generator<T[]> {
  let end: PageEnd | null = null;
  for (;;) {
    const rows = read(end);
    if (rows.length > 0) yield rows.map(map);
    const last = rows[rows.length - 1];
    if (!last || rows.length < size) return;
    end = { at: last.created_at, key: last.page_key };
  }
}
