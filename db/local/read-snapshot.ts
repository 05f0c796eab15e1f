// A read transaction that holds one snapshot of the database (WAL mode) until it ends: BEGIN alone
// takes none, its first read does. The backup's copy reads from one (core/maintenance/sqlite-worker.ts),
// so the app's writes meanwhile never reach it, nor restart it.
export const BEGIN_READ_SNAPSHOT_SQL = 'BEGIN; SELECT count(*) FROM sqlite_schema';
