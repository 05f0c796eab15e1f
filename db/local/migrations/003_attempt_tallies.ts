import type { Migration } from './index';

/** The width of one tally slot. Every time zone's midnight falls on a 15-minute boundary. */
export const TALLY_SLOT_MS = 900_000;

// The day's totals, kept as they happen: a count and an amount per 15-minute slot, counter, state
// and method, maintained by triggers in the same transaction as each attempt's insert or state
// change, so they can never disagree with charge_attempts. The day's totals then read ~100 slots
// instead of every attempt of the day. Attempts are never deleted and their request fields
// (counter, amount, method, created_at) never change (migration 001), so only state moves a tally.
export const attemptTallies: Migration = {
  version: 3,
  name: 'attempt tallies',
  sql: `
CREATE TABLE attempt_tallies (
  slot_start    INTEGER NOT NULL,
  counter_id    TEXT    NOT NULL REFERENCES counters (id),
  state         TEXT    NOT NULL,
  method        TEXT    NOT NULL,
  attempt_count INTEGER NOT NULL CHECK (attempt_count >= 0),
  amount_minor  INTEGER NOT NULL CHECK (amount_minor >= 0),
  PRIMARY KEY (slot_start, counter_id, state, method)
) STRICT, WITHOUT ROWID;

INSERT INTO attempt_tallies (slot_start, counter_id, state, method, attempt_count, amount_minor)
SELECT created_at - created_at % ${TALLY_SLOT_MS}, counter_id, state, method, count(*), sum(amount_minor)
FROM charge_attempts
GROUP BY 1, 2, 3, 4;

CREATE TRIGGER charge_attempts_tally_insert
AFTER INSERT ON charge_attempts
BEGIN
  INSERT INTO attempt_tallies (slot_start, counter_id, state, method, attempt_count, amount_minor)
  VALUES (NEW.created_at - NEW.created_at % ${TALLY_SLOT_MS}, NEW.counter_id, NEW.state, NEW.method, 1, NEW.amount_minor)
  ON CONFLICT DO UPDATE SET attempt_count = attempt_count + 1, amount_minor = amount_minor + excluded.amount_minor;
END;

CREATE TRIGGER charge_attempts_tally_state
AFTER UPDATE OF state ON charge_attempts
WHEN NEW.state IS NOT OLD.state
BEGIN
  UPDATE attempt_tallies SET attempt_count = attempt_count - 1, amount_minor = amount_minor - OLD.amount_minor
  WHERE slot_start = OLD.created_at - OLD.created_at % ${TALLY_SLOT_MS}
    AND counter_id = OLD.counter_id AND state = OLD.state AND method = OLD.method;
  INSERT INTO attempt_tallies (slot_start, counter_id, state, method, attempt_count, amount_minor)
  VALUES (NEW.created_at - NEW.created_at % ${TALLY_SLOT_MS}, NEW.counter_id, NEW.state, NEW.method, 1, NEW.amount_minor)
  ON CONFLICT DO UPDATE SET attempt_count = attempt_count + 1, amount_minor = amount_minor + excluded.amount_minor;
END;
`,
};
