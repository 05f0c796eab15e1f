// The store's statements judge time by the database's clock, not by each PC's.

/** The database's clock in unix ms: leases are judged by one clock, not by each PC's. */
export const DB_NOW_MS = '(extract(epoch FROM clock_timestamp()) * 1000)::bigint';
