import type { Migration } from './index';

// Closing the day. A manager closes a local date ([from_ms, to_ms) of the store's time zone, as the
// log counts it); from then on the day's records cannot change: the triggers below refuse a new
// invoice, charge, refund or tender dated in a closed day, and any change to the business fields of
// one (a payment's poll count is bookkeeping, not the record). What Zoho says later about a closed
// day's payment or refund is kept as a correction, counted on a later, open day.
const IN_CLOSED_DAY = (time: string) => `EXISTS (SELECT 1 FROM day_closes WHERE from_ms <= ${time} AND to_ms > ${time})`;

const refuseIn = (name: string, event: string, table: string, time: string) => `
CREATE TRIGGER ${name}
BEFORE ${event} ON ${table}
WHEN ${IN_CLOSED_DAY(time)}
BEGIN
  SELECT RAISE(ABORT, 'day_closed: the day of this record is closed');
END;`;

export const dayCloses: Migration = {
  version: 9,
  name: 'day closes',
  sql: `
CREATE TABLE day_closes (
  id TEXT PRIMARY KEY,
  day TEXT NOT NULL UNIQUE CHECK (day GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]'),
  from_ms INTEGER NOT NULL,
  to_ms INTEGER NOT NULL CHECK (to_ms > from_ms),
  closed_by TEXT NOT NULL CHECK (trim(closed_by) <> ''),
  awaiting_review INTEGER NOT NULL CHECK (awaiting_review >= 0),
  summary TEXT NOT NULL CHECK (json_valid(summary)),
  created_at INTEGER NOT NULL,
  updated_at INTEGER NOT NULL
) STRICT;
CREATE INDEX day_closes_range ON day_closes (from_ms, to_ms);
CREATE TRIGGER day_closes_immutable
BEFORE UPDATE ON day_closes
BEGIN
  SELECT RAISE(ABORT, 'day_closes: a close never changes');
END;
CREATE TRIGGER day_closes_never_deleted
BEFORE DELETE ON day_closes
BEGIN
  SELECT RAISE(ABORT, 'day_closes: a close is never undone');
END;

CREATE TABLE corrections (
  id TEXT PRIMARY KEY,
  day TEXT NOT NULL CHECK (day GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]'),
  closed_day TEXT NOT NULL REFERENCES day_closes (day),
  record_kind TEXT NOT NULL CHECK (record_kind IN ('charge', 'refund')),
  record_id TEXT NOT NULL,
  counter_id TEXT NOT NULL REFERENCES counters (id),
  invoice_number TEXT NOT NULL,
  from_state TEXT NOT NULL,
  to_state TEXT NOT NULL,
  amount_minor INTEGER NOT NULL CHECK (amount_minor >= 0),
  payment_id TEXT,
  detail TEXT NOT NULL,
  created_at INTEGER NOT NULL,
  updated_at INTEGER NOT NULL,
  CHECK (day > closed_day),
  UNIQUE (record_kind, record_id)
) STRICT;
CREATE INDEX corrections_day ON corrections (day);
CREATE INDEX corrections_counter ON corrections (counter_id);
CREATE TRIGGER corrections_day_open
BEFORE INSERT ON corrections
WHEN EXISTS (SELECT 1 FROM day_closes WHERE day = NEW.day)
BEGIN
  SELECT RAISE(ABORT, 'day_closed: a correction is counted on a day that is still open');
END;
CREATE TRIGGER corrections_immutable
BEFORE UPDATE ON corrections
BEGIN
  SELECT RAISE(ABORT, 'corrections: a correction never changes');
END;
CREATE TRIGGER corrections_never_deleted
BEFORE DELETE ON corrections
BEGIN
  SELECT RAISE(ABORT, 'corrections: records are never deleted');
END;
${refuseIn('invoices_closed_day_insert', 'INSERT', 'invoices', 'NEW.created_at')}
${refuseIn('invoices_closed_day_update', 'UPDATE OF status, paid_at, payment_id', 'invoices', 'OLD.created_at')}
${refuseIn('charge_attempts_closed_day_insert', 'INSERT', 'charge_attempts', 'NEW.created_at')}
${refuseIn(
  'charge_attempts_closed_day_update',
  'UPDATE OF state, payments_session_id, failure_code, failure_message, payment_id, paid_method, declined_tries, mismatch, final_at, session_created_at, reviewed_at, review_note',
  'charge_attempts',
  'OLD.created_at',
)}
${refuseIn('refunds_closed_day_insert', 'INSERT', 'refunds', 'NEW.created_at')}
${refuseIn('refunds_closed_day_update', 'UPDATE OF state, zoho_refund_id, failure_reason, failure_message, final_at', 'refunds', 'OLD.created_at')}
${refuseIn('tenders_closed_day_insert', 'INSERT', 'tenders', 'NEW.created_at')}
`,
};
