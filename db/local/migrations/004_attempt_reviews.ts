import type { Migration } from './index';

// A manager's word that a payment of unknown outcome was checked (on the terminal and in Zoho's
// dashboard). It does not change the state: an outcome comes only from Zoho. It only ends the wait
// for a person: the invoice may be charged without another check, and the attempt leaves the
// "needs review" count. Given once.
export const attemptReviews: Migration = {
  version: 4,
  name: 'attempt reviews',
  sql: `
ALTER TABLE charge_attempts ADD COLUMN reviewed_at INTEGER;
ALTER TABLE charge_attempts ADD COLUMN review_note TEXT;

CREATE TRIGGER charge_attempts_review_given_once
BEFORE UPDATE OF reviewed_at, review_note ON charge_attempts
WHEN OLD.reviewed_at IS NOT NULL
BEGIN
  SELECT RAISE(ABORT, 'charge_attempts: a review is given once');
END;

CREATE TRIGGER charge_attempts_review_whole
BEFORE UPDATE OF reviewed_at, review_note ON charge_attempts
WHEN (NEW.reviewed_at IS NULL) <> (NEW.review_note IS NULL) OR (NEW.reviewed_at IS NOT NULL AND NEW.state NOT IN ('unknown', 'unresolved'))
BEGIN
  SELECT RAISE(ABORT, 'charge_attempts: a review has a time and a note, and only of an unknown or unresolved outcome');
END;
`,
};
