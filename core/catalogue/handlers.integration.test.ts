// The catalogue's calls through the whole backend over a real database file: a dry run imports
// nothing, a bad file imports nothing even when asked to, a clean one is imported whole, then found,
// scanned, changed, exported and read back.
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { databaseFingerprint } from '../../testkit/fingerprint';
import { SAMPLE_CATALOGUE_ROWS } from '../../testkit/catalogue';
import { Rig } from '../../testkit/rig';

let rig: Rig;
beforeAll(async () => {
  rig = await Rig.start();
});
afterAll(async () => {
  await rig.close();
});

const FILE = SAMPLE_CATALOGUE_ROWS.join('\r\n');

describe('the catalogue calls', () => {
  it('dry-run a file, refuse a bad one whole, import a clean one, and find, scan, change and export its items', async () => {
    const token = rig.managerToken;
    const file = join(rig.dataDir, 'counter.db');
    const before = databaseFingerprint(file);

    const dry = await rig.call('catalogue-import', { managerToken: token, csv: FILE, dryRun: true });
    expect(dry).toEqual({ rows: 3, creates: 3, updates: 0, problems: [], imported: false });
    const bad = await rig.call('catalogue-import', { managerToken: token, csv: `${FILE}\r\nSpoon,SP 1,,piece,10,yes,5,7323`, dryRun: false });
    expect(bad).toMatchObject({ imported: false, problems: [{ line: 5, field: 'SKU', message: 'SKU may only use letters, digits and . _ / -' }] });
    expect(databaseFingerprint(file)).toEqual(before);

    expect(await rig.call('catalogue-import', { managerToken: token, csv: FILE, dryRun: false })).toMatchObject({ creates: 3, imported: true });
    expect((await rig.call('catalogue-search', { query: 'ric' })).map((item) => item.sku)).toEqual(['RICE-1']);
    const scanned = await rig.call('catalogue-barcode', { barcode: '8901234500028' });
    expect(scanned.item).toMatchObject({ name: 'Steel Tumbler', priceMinor: 9900, rateBasisPoints: 1800, hsnCode: '7323', unit: 'piece' });

    const clash = await rig.raw('item-create', {
      managerToken: token, name: 'Copy', sku: 'tea-250', barcodes: [], unit: 'piece', priceMinor: 100, priceIncludesTax: true, rateBasisPoints: 0, hsnCode: '', taxExempt: false,
    });
    expect(clash).toEqual({ ok: false, error: { code: 'conflict', message: 'SKU tea-250 already belongs to Assam Tea 250 g.', field: 'sku' } });
    const missing = await rig.raw('item-update', { managerToken: token, itemId: 'nope', priceMinor: 100 });
    expect(missing).toEqual({ ok: false, error: { code: 'not_found', message: 'That item does not exist.', field: 'itemId' } });

    await rig.call('item-update', { managerToken: token, itemId: scanned.item?.id, active: false });
    expect(await rig.call('catalogue-barcode', { barcode: '8901234500028' })).toEqual({ item: null });

    const exported = await rig.call('catalogue-export-csv', { managerToken: token });
    expect(exported.rowCount).toBe(3);
    expect(exported.csv.split('\r\n')[0]).toBe('Name,SKU,Barcodes,Unit,Price,Price includes tax,Tax rate,HSN/SAC,Tax exempt,Active');
    expect(exported.csv).toContain('Steel Tumbler,TUM-1,8901234500028,piece,99.00,yes,18%,7323,no,no');
    // The export reads back as the same catalogue: every row an update, nothing wrong.
    expect(await rig.call('catalogue-import', { managerToken: token, csv: exported.csv, dryRun: true })).toEqual({ rows: 3, creates: 0, updates: 3, problems: [], imported: false });
  });

  it('keep the store GSTIN (checked) with its state, the US rate and round-off', async () => {
    const token = rig.managerToken;
    expect(await rig.call('tax-settings-get', {})).toEqual({ gstin: null, stateCode: null, stateName: null, usSalesTaxBasisPoints: 0, roundOff: true, invoiceNumbersRestartEachYear: false });
    const set = await rig.call('tax-settings-update', { managerToken: token, gstin: ' 27aapfu0939f1zv ', roundOff: false });
    expect(set).toEqual({ gstin: '27AAPFU0939F1ZV', stateCode: '27', stateName: 'Maharashtra', usSalesTaxBasisPoints: 0, roundOff: false, invoiceNumbersRestartEachYear: false });
    const locked = await rig.raw('tax-settings-update', { managerToken: 'not-a-token', usSalesTaxBasisPoints: 825 });
    expect(locked.ok).toBe(false);
    expect(await rig.call('tax-settings-update', { managerToken: token, gstin: '' })).toMatchObject({ gstin: null, stateCode: null, roundOff: false });
  });
});
