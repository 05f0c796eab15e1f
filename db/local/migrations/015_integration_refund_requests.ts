import type { Migration } from './index';

// Refunds another billing program asks for through the integration API (issue 24): never made
// silently: each waits on the counter's screen until a manager approves it (Counter then makes the
// refund through the same refund service as the log's refund form) or declines it. A decision is
// made once: a decided request stays decided. A retried request (same key, same Idempotency-Key) is
// the same request.
export const integrationRefundRequests: Migration = {
  version: 15,
  name: 'integration refund requests',
  sql: `
CREATE TABLE integration_refund_requests (
  id TEXT PRIMARY KEY,
  key_id TEXT NOT NULL REFERENCES integration_keys (id),
  idempotency_key TEXT NOT NULL,
  fingerprint TEXT NOT NULL,
  attempt_id TEXT NOT NULL REFERENCES charge_attempts (id),
  amount_minor INTEGER NOT NULL CHECK (amount_minor > 0),
  reason TEXT NOT NULL,
  note TEXT,
  requested_at INTEGER NOT NULL,
  state TEXT NOT NULL DEFAULT 'waiting' CHECK (state IN ('waiting', 'approved', 'declined')),
  decided_at INTEGER,
  refund_id TEXT REFERENCES refunds (id),
  CHECK ((state = 'waiting') = (decided_at IS NULL)),
  CHECK ((state = 'approved') = (refund_id IS NOT NULL)),
  UNIQUE (key_id, idempotency_key)
) STRICT;

CREATE INDEX integration_refund_requests_waiting ON integration_refund_requests (state, requested_at);

CREATE TRIGGER integration_refund_requests_decided_once
BEFORE UPDATE ON integration_refund_requests
WHEN OLD.state <> 'waiting' OR NEW.amount_minor <> OLD.amount_minor OR NEW.attempt_id <> OLD.attempt_id OR NEW.key_id <> OLD.key_id
BEGIN
  SELECT RAISE(ABORT, 'a refund request is decided once, and what was asked never changes');
END;
`,
};
