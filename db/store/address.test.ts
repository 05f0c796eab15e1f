import { describe, expect, it } from 'vitest';
import { addressHasPassword, addressPassword, isThisComputer, pcAddress, withCaFile, redactStoreAddress, StoreAddressError, storeConnection } from './address';

const SECRET = 's3cr3t-Pa55';

describe('the store address as shown: no password in any form', () => {
  const forms = [
    `postgres://pc_1:${SECRET}@db.shop.lan:5432/store`,
    `postgresql://pc_1:${encodeURIComponent(`${SECRET}/@:`)}@db.shop.lan/store`,
    `postgres://pc_1@db.shop.lan/store?password=${SECRET}`,
    `postgres://pc_1@db.shop.lan/store?sslmode=verify-full&PASSWORD=${SECRET}&application_name=x`,
    `postgres://pc_1@db.shop.lan/store?pass%77ord=${SECRET}`,
    `postgres://pc_1@db.shop.lan/store?password=${SECRET}&password=${SECRET}2`,
    `postgres://pc_1:${SECRET}@db.shop.lan/store?sslpassword=${SECRET}`,
    `host=db.shop.lan user=pc_1 password=${SECRET} dbname=store`,
    `host=db.shop.lan user=pc_1 password = '${SECRET} with spaces' dbname=store`,
    `host=db.shop.lan sslpassword=${SECRET} dbname=store`,
    `postgres://pc_1:${SECRET}@[bad`,
    `not an address ${SECRET}`,
  ];
  for (const form of forms) {
    it(`hides it in ${form.replaceAll(SECRET, '<password>')}`, () => {
      const shown = redactStoreAddress(form);
      expect(shown).not.toContain(SECRET);
      expect(shown).not.toContain(encodeURIComponent(SECRET));
    });
  }

  it('tells an address with a password in any form from one without', () => {
    for (const form of forms) expect(addressHasPassword(form), form.replaceAll(SECRET, '<password>')).toBe(true);
    for (const form of ['postgres://pc_1@db.shop.lan/store?sslmode=verify-full', 'host=db.shop.lan user=pc_1 dbname=store']) expect(addressHasPassword(form), form).toBe(false);
  });

  it('keeps the rest of the address readable', () => {
    expect(redactStoreAddress(`postgres://pc_1:${SECRET}@db.shop.lan:5432/store?sslmode=verify-full&password=${SECRET}`)).toBe(
      'postgres://pc_1:***@db.shop.lan:5432/store?sslmode=verify-full&password=***',
    );
    expect(redactStoreAddress(`host=db.shop.lan user=pc_1 password=${SECRET} dbname=store`)).toBe('host=db.shop.lan user=pc_1 password=*** dbname=store');
  });
});

describe('the store connection: TLS verified for another computer', () => {
  it('knows this computer by loopback name, address and socket folder', () => {
    for (const host of ['localhost', '127.0.0.1', '127.1.2.3', '::1', '[::1]', '/var/run/postgresql']) expect(isThisComputer(host), host).toBe(true);
    for (const host of ['10.0.0.5', 'db.shop.lan', '128.0.0.1', 'localhost.evil.example']) expect(isThisComputer(host), host).toBe(false);
  });

  it('refuses sslmode=disable to another computer, naming the field and the rule', () => {
    const refusal = () => storeConnection('postgres://pc_1:pw@10.0.0.5/store?sslmode=disable');
    expect(refusal).toThrow(StoreAddressError);
    expect(refusal).toThrow(/sslmode=disable .* only for a database on this computer/);
    expect(storeConnection('postgres://pc_1:pw@127.0.0.1/store?sslmode=disable').ssl).toBe(false);
  });

  it('verifies the certificate of another computer whatever sslmode says, and is plain on this computer unless asked', () => {
    for (const mode of ['', '?sslmode=require', '?sslmode=prefer', '?sslmode=allow', '?sslmode=verify-ca']) {
      expect(storeConnection(`postgres://pc_1:pw@db.shop.lan/store${mode}`).ssl, mode).toEqual({ rejectUnauthorized: true });
    }
    expect(storeConnection('postgres://pc_1:pw@localhost/store').ssl).toBe(false);
    expect(storeConnection('postgres://pc_1:pw@localhost/store?sslmode=require').ssl).toEqual({ rejectUnauthorized: true });
  });

  it('reads user, password (either form), host, port and database', () => {
    expect(storeConnection('postgres://pc%5F1:p%40ss@localhost:6543/my%20store')).toMatchObject({ user: 'pc_1', password: 'p@ss', host: 'localhost', port: 6543, database: 'my store' });
    expect(storeConnection('postgres://pc_1@localhost/store?password=p%26w').password).toBe('p&w');
  });

  it('gives the password of an address in either form, or null', () => {
    expect(addressPassword('postgres://pc_1:p%40ss@localhost/store')).toBe('p@ss');
    expect(addressPassword('postgres://pc_1@localhost/store?password=p%26w')).toBe('p&w');
    expect(addressPassword('postgres://pc_1@localhost/store')).toBeNull();
    expect(addressPassword('not an address')).toBeNull();
  });

  it('names a CA file in the address (--store-ca), replacing one named before', () => {
    const named = withCaFile('postgres://pc_1:pw@db.shop.lan/store?sslrootcert=%2Fold.pem&sslmode=verify-full', '/etc/counter/ca.pem');
    expect(new URL(named).searchParams.getAll('sslrootcert')).toEqual(['/etc/counter/ca.pem']);
    expect(() => storeConnection(named)).toThrow(/CA file: cannot read \/etc\/counter\/ca\.pem/);
  });

  it('refuses a CA file it cannot read or that holds no certificate', () => {
    expect(() => storeConnection('postgres://pc_1:pw@db.shop.lan/store', { caFile: '/nonexistent/ca.crt' })).toThrow(/CA file: cannot read/);
    expect(() => storeConnection('postgres://pc_1:pw@db.shop.lan/store', { caFile: '/etc/hostname' })).toThrow(/CA file: .* holds no PEM certificate/);
  });
});

describe('the address a PC keeps', () => {
  it('is the owner’s server, database and TLS settings with the PC’s own role and password, and none of the owner’s', () => {
    const owner = `postgres://owner:${SECRET}@db.shop.lan:5432/store?sslmode=verify-full&sslrootcert=%2Fetc%2Fca.pem&Password=${SECRET}`;
    const kept = pcAddress(owner, { roleName: 'counter_pc_0a1b', password: 'p/c+pw=' });
    expect(kept).not.toContain(SECRET);
    const withoutCa = new URL(kept);
    withoutCa.searchParams.delete('sslrootcert');
    expect(storeConnection(withoutCa.toString())).toEqual({
      host: 'db.shop.lan', port: 5432, database: 'store', user: 'counter_pc_0a1b', password: 'p/c+pw=', ssl: { rejectUnauthorized: true },
    });
    expect(new URL(kept).searchParams.get('sslrootcert')).toBe('/etc/ca.pem');
  });
});
