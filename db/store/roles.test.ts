import { describe, expect, it } from 'vitest';
import { connectStoreClient } from '../../testkit/store-ledger';
import { APP_ROLE } from '../../testkit/postgres-cluster';
import { insertLedgerRow } from '../../testkit/store-rows';
import { trustedStoreEachTest } from '../../testkit/store-trust';
import { migrateStore } from './migrate';
import { addPcRole, NoSuchPcError, removePcRole } from './roles';

const trust = trustedStoreEachTest();

describe('PC roles (the owner’s side)', () => {
  it('gives a joining PC a login role of its own: a member of the PC group only, no attribute beyond LOGIN, recorded as joined by the owner', async () => {
    const login = trust.login('pc2');
    const role = await trust.owner.query(
      'SELECT rolcanlogin, rolsuper, rolcreaterole, rolcreatedb, rolreplication, rolbypassrls FROM pg_roles WHERE rolname = $1',
      [login.roleName],
    );
    expect(role.rows).toEqual([{ rolcanlogin: true, rolsuper: false, rolcreaterole: false, rolcreatedb: false, rolreplication: false, rolbypassrls: false }]);
    const memberOf = await trust.owner.query<{ name: string }>(
      'SELECT g.rolname AS name FROM pg_auth_members AS m JOIN pg_roles AS g ON g.oid = m.roleid JOIN pg_roles AS r ON r.oid = m.member WHERE r.rolname = $1',
      [login.roleName],
    );
    expect(memberOf.rows).toEqual([{ name: (await trust.owner.query<{ g: string }>('SELECT pc_group() AS g')).rows[0]?.g }]);
    expect((await trust.pc('pc2').query('SELECT current_store() AS store, current_station() AS station')).rows).toEqual([{ store: 's1', station: 'pc2' }]);
    const joined = await trust.owner.query("SELECT change, role_name, changed_by FROM station_membership WHERE station_id = 'pc2'");
    expect(joined.rows).toEqual([{ change: 'joined', role_name: login.roleName, changed_by: APP_ROLE }]);
  });

  it('cuts a removed PC off: its open session ends, its role cannot log in again, its rows stay, and the removal is recorded', async () => {
    const login = trust.login('pc2');
    const open = await trust.connect(login);
    await insertLedgerRow(open, 'invoices', 's1', 'pc2', { id: 'i-pc2' });
    const removed = await removePcRole(trust.owner, 's1', 'pc2');
    expect(removed).toEqual({ roleName: login.roleName, sessionsEnded: 2 });
    await expect(open.query('SELECT 1')).rejects.toThrow();
    await expect(connectStoreClient(trust.pcUrl(login))).rejects.toMatchObject({ code: '28P01' });
    expect((await trust.owner.query("SELECT id FROM invoices WHERE station_id = 'pc2'")).rows).toEqual([{ id: 'i-pc2' }]);
    expect((await trust.owner.query('SELECT count(*)::int AS n FROM pg_roles WHERE rolname = $1', [login.roleName])).rows).toEqual([{ n: 0 }]);
    const history = await trust.owner.query("SELECT change FROM station_membership WHERE station_id = 'pc2' ORDER BY at, change DESC");
    expect(history.rows).toEqual([{ change: 'joined' }, { change: 'removed' }]);
    await expect(removePcRole(trust.owner, 's1', 'pc2')).rejects.toBeInstanceOf(NoSuchPcError);
    // The other PCs go on.
    expect((await trust.pc('pc1').query('SELECT current_station() AS station')).rows).toEqual([{ station: 'pc1' }]);
  });

  it('keeps the PCs of another store database on the same server out of this one', async () => {
    const otherUrl = await trust.db.cluster.createDatabase();
    const otherOwner = await connectStoreClient(otherUrl);
    try {
      await migrateStore(otherOwner);
      await otherOwner.query("INSERT INTO stores (id, name, created_at) VALUES ('o1', 'Elsewhere', 0)");
      await otherOwner.query("INSERT INTO stations (store_id, id, name, joined_at, last_seen) VALUES ('o1', 'pcx', 'Till X', 0, 0)");
      const outsider = await addPcRole(otherOwner, 'o1', 'pcx');
      await expect(connectStoreClient(trust.pcUrl(outsider))).rejects.toMatchObject({ code: '42501' });
    } finally {
      await otherOwner.end();
    }
  });
});
