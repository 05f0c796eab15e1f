import { describe, expect, it } from 'vitest';
import { STORE_PIN, trustedStoreEachTest } from '../../../testkit/store-trust';

const trust = trustedStoreEachTest();

describe('store migration 010: the receipt details through the PIN', () => {
  it('a PC sets its own store’s receipt name and address with the PIN (the config version moves on); never by a direct write, never another store’s', async () => {
    const stores = async () =>
      (await trust.owner.query<{ id: string; receipt_name: string | null; receipt_address: string | null; config_version: number }>('SELECT id, receipt_name, receipt_address, config_version FROM stores ORDER BY id')).rows;
    const before = (await stores())[0]?.config_version ?? Number.NaN;
    await trust.pc('pc2').query('SELECT set_receipt_details($1, $2, $3)', [STORE_PIN, 'Main Street Stores', '12 Main Street']);
    await trust.pc('pc1').query('SELECT set_receipt_details($1, $2, $3)', [STORE_PIN, null, '14 Main Street']);
    const [s1, s2] = await stores();
    expect(s1).toMatchObject({ receipt_name: 'Main Street Stores', receipt_address: '14 Main Street' });
    expect(s1?.config_version).toBeGreaterThan(before);
    expect(s2).toMatchObject({ receipt_name: null, receipt_address: null });
    await expect(trust.pc('pc2').query("UPDATE stores SET receipt_name = 'Mallory Mart'")).rejects.toThrow(/permission denied/);
    await expect(trust.pc('pc2').query('SELECT set_receipt_details($1, $2, $3)', [STORE_PIN, 'x'.repeat(81), null])).rejects.toThrow(/check constraint/);
  });
});
