import { describe, expect, it } from 'vitest';
import { migrate, schemaVersion } from '../migrate';
import { memoryDatabaseEachTest } from '../../../testkit/db';
import { integrationRefundRequests } from './015_integration_refund_requests';
import { MIGRATIONS } from './index';

const memory = memoryDatabaseEachTest();
const position = MIGRATIONS.indexOf(integrationRefundRequests);
const REQUEST = `INSERT INTO integration_refund_requests (id, key_id, idempotency_key, fingerprint, attempt_id, amount_minor, reason, requested_at)
  VALUES ('r1', 'k1', 'idem-0001', 'f', 'a1', 500, 'requested_by_customer', 1)`;

describe('migration 015: refund requests from billing programs', () => {
  it('applies to the database before it; a request is decided once and what was asked never changes', () => {
    const { db } = memory;
    migrate(db, MIGRATIONS.slice(0, position));
    db.exec(`
      INSERT INTO counters (id, name, terminal_id, invoice_prefix, created_at) VALUES ('c1', 'Counter 1', 'T1', 'A-', 1);
      INSERT INTO integration_keys (id, name, key_hash, key_prefix, scopes, counter_ids, created_at) VALUES ('k1', 'Tally', '${'a'.repeat(64)}', 'ck_abcdef', '["refund-request"]', '["c1"]', 1);
      INSERT INTO invoices (id, number, counter_id, lines, total_minor, currency, created_at) VALUES ('i1', 'INV-1', 'c1', '[]', 1000, 'INR', 1);
      INSERT INTO charge_attempts (id, invoice_id, counter_id, terminal_id, amount_minor, currency, method, state, final_at, created_at, updated_at) VALUES ('a1', 'i1', 'c1', 'T1', 1000, 'INR', 'card', 'succeeded', 1, 1, 1);`);

    migrate(db, MIGRATIONS.slice(0, position + 1));

    expect(schemaVersion(db)).toBe(position + 1);
    db.exec(REQUEST);
    expect(() => db.exec(REQUEST.replace("'r1'", "'r2'"))).toThrow(/UNIQUE/);
    expect(() => db.exec("UPDATE integration_refund_requests SET state = 'declined' WHERE id = 'r1'")).toThrow(/CHECK/);
    expect(() => db.exec("UPDATE integration_refund_requests SET amount_minor = 900 WHERE id = 'r1'")).toThrow(/decided once/);
    db.exec("UPDATE integration_refund_requests SET state = 'declined', decided_at = 2 WHERE id = 'r1'");
    expect(() => db.exec("UPDATE integration_refund_requests SET state = 'waiting', decided_at = NULL WHERE id = 'r1'")).toThrow(/decided once/);
  });
});
