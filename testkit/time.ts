// Waiting and dates, as tests and benchmarks use them.

export const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** The local calendar date of `ms` as YYYY-MM-DD (what log-day takes). */
export function localDate(ms: number): string {
  const d = new Date(ms);
  return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;
}
