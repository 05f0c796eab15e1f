// Waiting and dates, as tests and benchmarks use them.

export const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** The local calendar date of `ms` as YYYY-MM-DD (what log-day takes): the app's own rule. */
export { localDate } from '../contract/calendar';
