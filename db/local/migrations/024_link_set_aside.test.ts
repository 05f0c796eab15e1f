import { describe, expect, it } from 'vitest';
import { migrate } from '../migrate';
import { expectAppliesKeepingInvoices, memoryDatabaseEachTest } from '../../../testkit/db';
import { listSetAside, recordSetAside } from '../set-aside';
import { linkSetAside } from './024_link_set_aside';
import { MIGRATIONS } from './index';

const memory = memoryDatabaseEachTest();

describe('migration 024: rows the store link set aside', () => {
  it('applies to the database before it, keeping its data', () => {
    expectAppliesKeepingInvoices(memory.db, linkSetAside);
  });

  it('keeps each row set aside with what it was, listed newest first from a given time; an unknown kind or an empty detail is refused', () => {
    migrate(memory.db, MIGRATIONS); // the list reads the dismissals of migration 028 too
    recordSetAside(memory.db, { at: 100, kind: 'review', recordId: 'a1', detail: 'A check of a1 could not be recorded.' });
    recordSetAside(memory.db, { at: 300, kind: 'relearn', recordId: 'r1', detail: 'The store’s copy of r1 was not taken.' });
    recordSetAside(memory.db, { at: 200, kind: 'review', recordId: 'a2', detail: 'A check of a2 could not be recorded.' });
    expect(listSetAside(memory.db, 150, 10).map((row) => [row.at, row.kind, row.recordId])).toEqual([
      [300, 'relearn', 'r1'],
      [200, 'review', 'a2'],
    ]);
    expect(listSetAside(memory.db, 0, 1)).toHaveLength(1);
    expect(() => memory.db.prepare("INSERT INTO link_set_aside (at, kind, record_id, detail) VALUES (1, 'other', 'x', 'y')").run()).toThrow(/CHECK constraint/);
    expect(() => memory.db.prepare("INSERT INTO link_set_aside (at, kind, record_id, detail) VALUES (1, 'review', 'x', '')").run()).toThrow(/CHECK constraint/);
  });
});
