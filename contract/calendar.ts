// The store's day: a local calendar date of this computer's time zone, as the log, the totals and
// the day close all count it. Pure date arithmetic, shared by both databases' queries and the core.

/** "2026-11-22" → the local day as [start, end) in unix ms (23 or 25 hours on a clock change). */
export function localDayRange(date: string): { fromMs: number; toMs: number } {
  const [year, month, day] = date.split('-').map(Number) as [number, number, number];
  const midnight = (dayOfMonth: number) => new Date(0, 0, 1).setFullYear(year, month - 1, dayOfMonth); // years 0–99 too
  return { fromMs: midnight(day), toMs: midnight(day + 1) };
}

/** The local date of `ms`, "2026-11-22". */
export function localDate(ms: number): string {
  const d = new Date(ms);
  return `${String(d.getFullYear()).padStart(4, '0')}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;
}

/** The date before `date`. */
export function previousDate(date: string): string {
  return localDate(localDayRange(date).fromMs - 1);
}

/** The date after `date`. */
export function nextDate(date: string): string {
  return localDate(localDayRange(date).toMs);
}
