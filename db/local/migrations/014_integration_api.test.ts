import { describe, expect, it } from 'vitest';
import { migrate, schemaVersion } from '../migrate';
import { memoryDatabaseEachTest } from '../../../testkit/db';
import { integrationApi } from './014_integration_api';
import { MIGRATIONS } from './index';

const memory = memoryDatabaseEachTest();
const position = MIGRATIONS.indexOf(integrationApi);
const KEY = `INSERT INTO integration_keys (id, name, key_hash, key_prefix, scopes, counter_ids, created_at)
  VALUES ('k1', 'Tally', '${'a'.repeat(64)}', 'ck_abcdef', '["charge"]', '["c1"]', 1)`;

describe('migration 014: integration API keys, calls and idempotency keys', () => {
  it('applies to the database before it, keeping its data; a revoked key stays revoked; the call record is append-only', () => {
    const { db } = memory;
    migrate(db, MIGRATIONS.slice(0, position));
    db.exec("INSERT INTO counters (id, name, terminal_id, invoice_prefix, created_at) VALUES ('c1', 'Counter 1', 'T1', 'A-', 1);");

    migrate(db, MIGRATIONS.slice(0, position + 1));

    expect(schemaVersion(db)).toBe(position + 1);
    expect(db.prepare('SELECT id FROM counters').all()).toEqual([{ id: 'c1' }]);
    db.exec(KEY);
    db.exec("UPDATE integration_keys SET revoked_at = 5 WHERE id = 'k1'");
    expect(() => db.exec("UPDATE integration_keys SET revoked_at = NULL WHERE id = 'k1'")).toThrow(/stays revoked/);
    db.exec("INSERT INTO integration_calls (key_id, at, method, path, status) VALUES ('k1', 2, 'GET', '/v1/counters', 200)");
    expect(() => db.exec('DELETE FROM integration_calls')).toThrow(/append-only/);
    expect(() => db.exec('UPDATE integration_calls SET status = 500')).toThrow(/append-only/);
  });

  it('refuses a key hash that is not a SHA-256 and scopes that are not a list', () => {
    const { db } = memory;
    migrate(db);
    expect(() => db.exec(KEY.replace('a'.repeat(64), 'short'))).toThrow(/CHECK/);
    expect(() => db.exec(KEY.replace(`'["charge"]'`, `'"charge"'`))).toThrow(/CHECK/);
  });
});
