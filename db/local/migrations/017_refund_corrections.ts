import type { Migration } from './index';

// A refund of a closed day keeps its state there for ever (migration 009): Zoho's later word on it is
// a correction on an open day. So a refund `unknown` at the close that Zoho then shows was never made
// (a correction to `rejected`) must no longer hold the payment: the one-unsettled-refund rule and the
// refunds-within-the-payment sum read a refund's state as its correction says, where it has one. The
// unique index could not look at corrections; a trigger in the inserting transaction does the same.
const EFFECTIVE_STATE = `coalesce((SELECT c.to_state FROM corrections AS c WHERE c.record_kind = 'refund' AND c.record_id = r.id), r.state)`;

export const refundCorrections: Migration = {
  version: 17,
  name: 'refunds: a correction settles a refund of a closed day',
  sql: `
DROP INDEX refunds_unsettled_attempt;
CREATE INDEX refunds_attempt_state ON refunds (attempt_id, state);
CREATE TRIGGER refunds_one_unsettled
BEFORE INSERT ON refunds
WHEN EXISTS (
  SELECT 1 FROM refunds AS r
  WHERE r.attempt_id = NEW.attempt_id AND r.state IN ('creating', 'unknown') AND ${EFFECTIVE_STATE} IN ('creating', 'unknown')
)
BEGIN
  SELECT RAISE(ABORT, 'refunds: an earlier refund of this payment is not settled');
END;
DROP TRIGGER refunds_within_payment;
CREATE TRIGGER refunds_within_payment
BEFORE INSERT ON refunds
WHEN NEW.amount_minor + (
  SELECT coalesce(sum(r.amount_minor), 0) FROM refunds AS r
  WHERE r.attempt_id = NEW.attempt_id AND ${EFFECTIVE_STATE} IN ('creating', 'initiated', 'pending', 'succeeded', 'unknown')
) > (SELECT amount_minor FROM charge_attempts WHERE id = NEW.attempt_id)
BEGIN
  SELECT RAISE(ABORT, 'refunds: the refunds would add up to more than the payment');
END;
`,
};
