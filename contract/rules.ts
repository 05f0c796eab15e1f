// The timing and access rules every process shares. Each has one definition here; the core, the
// database layer and the screens import it rather than restating the number.

/** How often a live session is checked: the manager's preference, in whole seconds (Zoho: 5–10 s). */
export const POLL_INTERVAL_SECONDS = { min: 5, max: 10, default: 5 } as const;

/** The longest the poller may stretch a session's interval to stay inside the budget (Zoho's 10 s). */
export const MAX_POLL_INTERVAL_MS = POLL_INTERVAL_SECONDS.max * 1000;

/** Zoho's limit on payments calls per account per minute (shared by every counter of the account). */
export const ZOHO_CALLS_PER_MINUTE = 600;

/**
 * Of that limit, the calls a minute Counter spends on creates and checks. The 10 left are headroom
 * for when calls reach Zoho later than they started (Zoho counts arrivals): a second's delay of
 * every call under way at the full rate.
 */
export const CALL_BUDGET_PER_MINUTE = 590;

/** How long Zoho keeps a pos_payment session open on the terminal. */
export const SESSION_VALIDITY_MS = 3 * 60_000;

/** Daily database backups: the manager's preference of how many days of them are kept. */
export const BACKUP_KEEP_DAYS = { min: 1, max: 365, default: 14 } as const;

/** The manager PIN: digits only, this many. */
export const MANAGER_PIN_DIGITS = { min: 4, max: 8 } as const;
