import { describe, expect, it } from 'vitest';
import { STORE_PIN, trustedStoreEachTest } from '../../../testkit/store-trust';
import { PIN_FUNCTION_CODES } from '../pin-functions';

const trust = trustedStoreEachTest();

describe('store migration 021: the store’s tax settings through the PIN', () => {
  it('a PC sets its own store’s tax settings with the PIN (the config version moves on, a field not given stays); never by a direct write, never another store’s, never a bad GSTIN', async () => {
    const stores = async () =>
      (
        await trust.owner.query<{ id: string; tax_gstin: string; tax_us_sales_tax_basis_points: number; tax_round_off: boolean; invoice_numbers_restart_each_year: boolean; tax_set: boolean; config_version: number }>(
          'SELECT id, tax_gstin, tax_us_sales_tax_basis_points, tax_round_off, invoice_numbers_restart_each_year, tax_set_at IS NOT NULL AS tax_set, config_version FROM stores ORDER BY id',
        )
      ).rows;
    const before = (await stores())[0]?.config_version ?? Number.NaN;
    expect((await stores())[0]).toMatchObject({ tax_gstin: '', tax_us_sales_tax_basis_points: 0, tax_round_off: true, invoice_numbers_restart_each_year: false, tax_set: false });
    await trust.pc('pc2').query('SELECT set_tax_settings($1, $2, $3, $4, $5)', [STORE_PIN, '27AAPFU0939F1ZV', null, false, null]);
    await trust.pc('pc1').query('SELECT set_tax_settings($1, $2, $3, $4, $5)', [STORE_PIN, null, 825, null, true]);
    const [s1, s2] = await stores();
    expect(s1).toMatchObject({ tax_gstin: '27AAPFU0939F1ZV', tax_us_sales_tax_basis_points: 825, tax_round_off: false, invoice_numbers_restart_each_year: true, tax_set: true });
    expect(s1?.config_version).toBeGreaterThan(before);
    expect(s2).toMatchObject({ tax_gstin: '', tax_set: false });
    // Every PC of the store reads them.
    expect((await trust.pc('pc3').query('SELECT tax_gstin, tax_round_off FROM stores')).rows).toEqual([{ tax_gstin: '27AAPFU0939F1ZV', tax_round_off: false }]);
    await expect(trust.pc('pc2').query("UPDATE stores SET tax_gstin = ''")).rejects.toThrow(/permission denied/);
    await expect(trust.pc('pc2').query('SELECT set_tax_settings($1, $2, $3, $4, $5)', ['0000', '', null, null, null])).rejects.toMatchObject({ code: PIN_FUNCTION_CODES.wrongPin });
    await expect(trust.pc('pc2').query('SELECT set_tax_settings($1, $2, $3, $4, $5)', [STORE_PIN, '27aapfu0939f1zv', null, null, null])).rejects.toThrow(/check constraint/);
    await expect(trust.pc('pc2').query('SELECT set_tax_settings($1, $2, $3, $4, $5)', [STORE_PIN, null, 10_001, null, null])).rejects.toThrow(/check constraint/);
    expect((await stores())[0]).toMatchObject({ tax_gstin: '27AAPFU0939F1ZV', tax_us_sales_tax_basis_points: 825 });
  });
});
