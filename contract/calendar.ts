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

// How a date or time is shown to people, on every screen, slip, report and message: one format,
// the same in every shop ("7 Dec 2026, 14:05"), in this computer's time zone. Files for machines
// (CSV) keep ISO 8601.
const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
const two = (n: number) => String(n).padStart(2, '0');

/** "2026-12-07" → "7 Dec 2026". */
export function formatDate(date: string): string {
  const [year, month, day] = date.split('-').map(Number) as [number, number, number];
  return `${day} ${MONTHS[month - 1]} ${year}`;
}

/** Time of day on the 24-hour clock, "14:05", or "14:05:09" where seconds tell events apart. */
export function formatTime(ms: number, options: { seconds?: boolean } = {}): string {
  const d = new Date(ms);
  const minutes = `${two(d.getHours())}:${two(d.getMinutes())}`;
  return options.seconds === true ? `${minutes}:${two(d.getSeconds())}` : minutes;
}

/** "7 Dec 2026, 14:05": the date and time of `ms`. */
export function formatDateTime(ms: number): string {
  return `${formatDate(localDate(ms))}, ${formatTime(ms)}`;
}
