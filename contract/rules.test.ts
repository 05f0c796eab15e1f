import { describe, expect, it } from 'vitest';
import * as f from './fields';
import {
  CALL_BUDGET_PER_MINUTE,
  BACKUP_KEEP_DAYS,
  MANAGER_PIN_DIGITS,
  MAX_POLL_INTERVAL_MS,
  POLL_INTERVAL_SECONDS,
  SESSION_VALIDITY_MS,
  ZOHO_CALLS_PER_MINUTE,
} from './rules';

describe('shared rules', () => {
  it('pins every timing rule to the value Zoho documents or the app promises', () => {
    expect(POLL_INTERVAL_SECONDS).toEqual({ min: 5, max: 10, default: 5 });
    expect(MAX_POLL_INTERVAL_MS).toBe(10_000);
    expect(ZOHO_CALLS_PER_MINUTE).toBe(600);
    expect(CALL_BUDGET_PER_MINUTE).toBe(590);
    expect(CALL_BUDGET_PER_MINUTE).toBeLessThan(ZOHO_CALLS_PER_MINUTE);
    expect(SESSION_VALIDITY_MS).toBe(180_000);
    expect(MANAGER_PIN_DIGITS).toEqual({ min: 4, max: 8 });
    expect(BACKUP_KEEP_DAYS).toEqual({ min: 1, max: 365, default: 14 });
  });

  it('drives the input fields from the same rules', () => {
    expect(f.pollIntervalSeconds.safeParse(POLL_INTERVAL_SECONDS.min).success).toBe(true);
    expect(f.pollIntervalSeconds.safeParse(POLL_INTERVAL_SECONDS.max).success).toBe(true);
    expect(f.pollIntervalSeconds.safeParse(POLL_INTERVAL_SECONDS.min - 1).success).toBe(false);
    expect(f.pollIntervalSeconds.safeParse(POLL_INTERVAL_SECONDS.max + 1).success).toBe(false);
    expect(f.managerPin.safeParse('1'.repeat(MANAGER_PIN_DIGITS.min)).success).toBe(true);
    expect(f.managerPin.safeParse('1'.repeat(MANAGER_PIN_DIGITS.max)).success).toBe(true);
    expect(f.managerPin.safeParse('1'.repeat(MANAGER_PIN_DIGITS.min - 1)).success).toBe(false);
    expect(f.managerPin.safeParse('1'.repeat(MANAGER_PIN_DIGITS.max + 1)).success).toBe(false);
    expect(f.backupKeepDays.safeParse(BACKUP_KEEP_DAYS.min).success).toBe(true);
    expect(f.backupKeepDays.safeParse(BACKUP_KEEP_DAYS.max).success).toBe(true);
    expect(f.backupKeepDays.safeParse(BACKUP_KEEP_DAYS.min - 1).success).toBe(false);
    expect(f.backupKeepDays.safeParse(BACKUP_KEEP_DAYS.max + 1).success).toBe(false);
  });
});
