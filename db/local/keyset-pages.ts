// Reading a day's records a page at a time, newest first, for the day's CSV: each page starts
// after the last row of the one before by (created_at, rowid), on the created_at indexes, so a row
// is read once however many come in meanwhile, and no page costs more than the first.

/** The columns a page's query adds, read as objects: the row's rowid, and its time. */
export interface PageKey {
  page_key: number;
  created_at: number;
}

/** Where the last page ended (its last row's time and rowid). */
export interface PageEnd {
  at: number;
  key: number;
}

/** The end a row read with PageKey's columns marks. */
export const byPageKey = (row: PageKey): PageEnd => ({ at: row.created_at, key: row.page_key });

/** Reads pages by `read` (after `end`, null for the first) until one comes back short; `endOf` says where a page's last row ends it. */
export function* keysetPages<Row, T>(read: (end: PageEnd | null) => Row[], size: number, map: (row: Row) => T, endOf: (row: Row) => PageEnd): Generator<T[]> {
  let end: PageEnd | null = null;
  for (;;) {
    const rows = read(end);
    if (rows.length > 0) yield rows.map(map);
    const last = rows[rows.length - 1];
    if (last === undefined || rows.length < size) return;
    end = endOf(last);
  }
}
