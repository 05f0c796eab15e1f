// The store's catalogue (issue 22), with in-process PCs on one simulator and a real PostgreSQL of
// this file's own (the link-down step stops it): a manager's item made, changed and deactivated on
// PC 1 reaches PC 2 at its heartbeat; PC 2 scans and bills from its copy with the link down, while a
// change is refused; and a PC's own login cannot write the store's items without the manager PIN.
// Then PC 2's sale reaches the store with its tax summary, for the store's day CSV on PC 1. The tax
// settings are the store's too: PC 2 gives up its own at the join, bills with those PC 1 sets, and
// they cannot change with the link down.
import { afterEach, describe, expect, it } from 'vitest';
import type { KeptBill } from '../../contract/bills';
import { formatMinor } from '../../contract/money';
import { SAMPLE_CATALOGUE_ROWS, teaItemFields } from '../../testkit/catalogue';
import { Rig, TEST_TUNING } from '../../testkit/rig';
import { storeDatabaseEachTest } from '../../testkit/store';
import { localDate } from '../../testkit/time';
import { connectStoreClient, eventually } from '../../testkit/store-ledger';
import { PIN_FUNCTION_CODES } from '../../db/store/pin-functions';
import { readCsv } from '../catalogue/csv-read';
import { CATALOGUE_LINK_NEEDED } from './store-catalogue';
import { TAX_LINK_NEEDED } from './store-ports';

const store = storeDatabaseEachTest({ ownCluster: true });
const FAST_LINK = { heartbeatMs: 200, leaseMs: 2_000, maxBackoffMs: 500 };
const rigs: Rig[] = [];
const CSV_HEADER = SAMPLE_CATALOGUE_ROWS[0];

afterEach(async () => {
  if (!store.cluster.isRunning) await store.cluster.resume();
  for (const rig of rigs.splice(0).reverse()) await rig.close();
});

async function pc(stationName: string, before: (rig: Rig) => Promise<unknown>, first?: Rig): Promise<Rig> {
  const tuning = { ...TEST_TUNING, store: FAST_LINK };
  const rig = await Rig.start(first ? { sharedSimulator: first.sim, counters: 0, tuning } : { tuning });
  rigs.push(rig);
  await before(rig);
  await rig.call('store-join', { managerToken: rig.managerToken, url: store.url, storeName: 'Main Street', stationName, pin: '2468' });
  if (first) rig.counters = await rig.call('counters-list', {});
  return rig;
}

/** The item a barcode scans to on the PC, once it is `wanted`. */
const scanned = (rig: Rig, barcode: string, wanted: (item: { priceMinor: number } | null) => boolean, what: string) =>
  eventually(async () => {
    const { item } = await rig.call('catalogue-barcode', { barcode });
    return wanted(item) ? { item } : undefined;
  }, 10_000, what);

describe('the store’s catalogue', () => {
  it('PC 1’s items reach PC 2; with the link down PC 2 scans and bills from its copy and changes are refused; a PC’s login writes no item; PC 2’s sale has its tax columns in PC 1’s CSV', async () => {
    const pc1 = await pc('Till 1', (rig) => rig.call('item-create', { managerToken: rig.managerToken, ...teaItemFields() }));
    // PC 2 brings an item the store lacks, and its own tea, which the store has: the store's tea wins.
    const pc2 = await pc('Till 2', async (rig) => {
      await rig.call('item-create', { managerToken: rig.managerToken, ...teaItemFields({ priceMinor: 99_00, barcodes: [] }) });
      await rig.call('item-create', { managerToken: rig.managerToken, ...teaItemFields({ name: 'Sugar 1 kg', sku: 'SUGAR-1', barcodes: ['8900000000028'], priceMinor: 48_00 }) });
    }, pc1);
    const tea = (await scanned(pc2, '8901234567890', (item) => item?.priceMinor === 140_00, 'the store’s tea on PC 2')).item;
    expect(await pc2.call('catalogue-search', { query: 'TEA-250' })).toHaveLength(1);
    await scanned(pc1, '8900000000028', (item) => item?.priceMinor === 48_00, 'PC 2’s sugar on PC 1');

    // Made, changed and deactivated on PC 1: PC 2 sees each.
    const rice = await pc1.call('item-create', { managerToken: pc1.managerToken, ...teaItemFields({ name: 'Basmati Rice', sku: 'RICE-1', barcodes: ['8901234500011'], unit: 'kg', priceMinor: 120_50 }) });
    await scanned(pc2, '8901234500011', (item) => item?.priceMinor === 120_50, 'the new rice on PC 2');
    expect((await pc2.call('catalogue-search', { query: 'basm' })).map((item) => item.sku)).toEqual(['RICE-1']);
    await pc1.call('item-update', { managerToken: pc1.managerToken, itemId: tea?.id ?? '', priceMinor: 150_00 });
    await scanned(pc2, '8901234567890', (item) => item?.priceMinor === 150_00, 'the tea’s new price on PC 2');
    await pc1.call('item-update', { managerToken: pc1.managerToken, itemId: rice.id, active: false });
    await scanned(pc2, '8901234500011', (item) => item === null, 'the rice deactivated on PC 2');
    expect((await pc2.call('catalogue-search', { query: 'rice', includeInactive: true }))[0]).toMatchObject({ id: rice.id, active: false });
    // An import on PC 2 writes to the store: PC 1 scans its new item.
    const imported = await pc2.call('catalogue-import', { managerToken: pc2.managerToken, csv: `${CSV_HEADER}\nRock salt,SALT-1,8900000000035,piece,20,yes,5,2501\n`, dryRun: false });
    expect(imported).toMatchObject({ imported: true, creates: 1 });
    await scanned(pc1, '8900000000035', (item) => item?.priceMinor === 20_00, 'PC 2’s imported salt on PC 1');
    // A SKU the store holds is refused at its field, on the PC that did not make it too.
    const clash = await pc2.raw('item-create', { managerToken: pc2.managerToken, ...teaItemFields({ name: 'Other rice', sku: 'rice-1', barcodes: [] }) });
    expect(clash.ok ? null : { code: clash.error.code, field: clash.error.field }).toEqual({ code: 'conflict', field: 'sku' });

    // PC 2's own login: it reads the store's items, and writes none without the manager PIN.
    const pcUrl = (JSON.parse((await pc2.storeSecrets.read()) ?? '{}') as { url: string }).url;
    const asPc2 = await connectStoreClient(pcUrl);
    try {
      expect((await asPc2.query('SELECT sku FROM catalogue_items ORDER BY sku')).rows.map((row: { sku: string }) => row.sku)).toEqual(['RICE-1', 'SALT-1', 'SUGAR-1', 'TEA-250']);
      const refused = async (sql: string, params: unknown[] = []) => asPc2.query(sql, params).then(() => 'written', (error: { code?: string }) => error.code);
      expect(await refused("UPDATE catalogue_items SET price_minor = 1 WHERE sku = 'TEA-250'"), 'catalogue_items update').toBe('42501');
      expect(await refused("INSERT INTO catalogue_barcodes (store_id, barcode, item_id) SELECT store_id, '1', id FROM catalogue_items LIMIT 1"), 'catalogue_barcodes insert').toBe('42501');
      expect(await refused("UPDATE stores SET catalogue_revision = 0"), 'stores update').toBe('42501');
      expect(await refused("SELECT catalogue_put(current_store(), '[]', false)"), 'catalogue_put').toBe('42501');
      expect(await refused('SELECT set_catalogue_items($1, $2)', ['0000', JSON.stringify([{ ...tea, priceMinor: 1 }])]), 'set_catalogue_items, wrong PIN').toBe(PIN_FUNCTION_CODES.wrongPin);
    } finally {
      await asPc2.end();
    }
    expect((await store.client.query("SELECT price_minor FROM catalogue_items WHERE sku = 'TEA-250'")).rows).toEqual([{ price_minor: 150_00 }]);

    // The link down: PC 2 scans, searches and bills from its copy; a change on PC 1 is refused and changes nothing.
    const counterId = pc2.counters[0]?.id ?? '';
    await pc2.call('counter-claim', { counterId });
    await pc2.call('tax-settings-update', { managerToken: pc2.managerToken, gstin: '27AAPFU0939F1ZV' }); // the store's, cached on PC 2 at once
    await store.cluster.pause();
    await eventually(async () => ((await pc2.call('store-status', {})).link === 'down' ? true : undefined), 10_000, 'PC 2’s link down');
    await eventually(async () => ((await pc1.call('store-status', {})).link === 'down' ? true : undefined), 10_000, 'PC 1’s link down');
    const { item: cached } = await pc2.call('catalogue-barcode', { barcode: '8901234567890' });
    expect(cached).toMatchObject({ sku: 'TEA-250', priceMinor: 150_00 });
    expect((await pc2.call('catalogue-search', { query: 'sug' })).map((item) => item.sku)).toEqual(['SUGAR-1']);
    const sale = await pc2.call('invoice-checkout', { counterId, lines: [{ itemId: cached?.id ?? '', quantityThousandths: 2_000 }] });
    expect(sale.invoice.totalMinor).toBe(300_00);
    expect(sale.bill.totals.lines[0]).toMatchObject({ hsnCode: '0902', rateBasisPoints: 500 });
    expect((await pc2.call('cash-settle', { invoiceId: sale.invoice.id, counterId, tenderedMinor: 300_00 })).invoice.status).toBe('paid');
    const refusedDown = await pc1.raw('item-update', { managerToken: pc1.managerToken, itemId: tea?.id ?? '', priceMinor: 1_00 });
    expect(refusedDown.ok ? null : { code: refusedDown.error.code, message: refusedDown.error.message }).toEqual({ code: 'conflict', message: CATALOGUE_LINK_NEEDED });
    const importDown = await pc1.raw('catalogue-import', { managerToken: pc1.managerToken, csv: `${CSV_HEADER}\nPepper,PEPPER-1,,piece,20,yes,5,0904\n`, dryRun: false });
    expect(importDown.ok ? null : importDown.error.message).toBe(CATALOGUE_LINK_NEEDED);
    expect((await pc1.call('catalogue-barcode', { barcode: '8901234567890' })).item?.priceMinor).toBe(150_00);
    expect(await pc1.call('catalogue-search', { query: 'PEPPER-1' })).toEqual([]);

    // The link back: PC 2's sale reaches the store with its tax summary, and PC 1's store CSV has its tax columns (its bill stays on PC 2).
    await store.cluster.resume();
    await eventually(async () => {
      const status = await pc2.call('store-status', {});
      return status.link === 'up' && status.pendingChanges === 0 ? true : undefined;
    }, 15_000, 'PC 2’s sale shipped');
    await eventually(async () => ((await pc1.call('store-status', {})).link === 'up' ? true : undefined), 10_000, 'PC 1’s link up');
    const read = readCsv((await pc1.call('log-export-csv', { date: localDate(Date.now()) })).csv);
    if (!read.ok) throw new Error(read.message);
    const [header, ...rows] = read.records.map((record) => record.cells);
    const column = (name: string) => header?.indexOf(name) ?? -1;
    const row = rows.find((cells) => cells[column('invoice')] === sale.invoice.number);
    const { totals } = sale.bill;
    expect([row?.[column('pc')], row?.[column('taxable_value')], row?.[column('tax')], row?.[column('tax_by_rate')]]).toEqual([
      'Till 2',
      formatMinor(totals.taxableValue),
      formatMinor(totals.tax),
      `5%: taxable ${formatMinor(totals.taxableValue)}, tax ${formatMinor(totals.tax)}`,
    ]);
  });

  it('the tax settings are the store’s: a joining PC adopts them, PC 1’s change reaches PC 2’s next invoice (its tax split and GSTIN on the receipt), and none changes with the link down', async () => {
    const pc1 = await pc('Till 1', async (rig) => {
      await rig.call('tax-settings-update', { managerToken: rig.managerToken, gstin: '27AAPFU0939F1ZV' });
      await rig.call('item-create', { managerToken: rig.managerToken, ...teaItemFields({ priceMinor: 140_50 }) });
    });
    // PC 2's own, different settings give way to the store's (those PC 1 brought when it made the store).
    const pc2 = await pc('Till 2', (rig) => rig.call('tax-settings-update', { managerToken: rig.managerToken, gstin: '29AACCR7832C1ZD', roundOff: false, usSalesTaxBasisPoints: 700 }), pc1);
    const settingsOn = (rig: Rig, wanted: (tax: { gstin: string | null; roundOff: boolean }) => boolean, what: string) =>
      eventually(async () => {
        const tax = await rig.call('tax-settings-get', {});
        return wanted(tax) ? tax : undefined;
      }, 10_000, what);
    expect(await settingsOn(pc2, (tax) => tax.gstin === '27AAPFU0939F1ZV', 'the store’s GSTIN on PC 2')).toMatchObject({ stateCode: '27', roundOff: true, usSalesTaxBasisPoints: 0 });

    // A store made before they were the store's has none: one field changed on PC 1 brings PC 1's others, not the store's defaults.
    await store.client.query("UPDATE stores SET tax_gstin = '', tax_set_at = NULL");
    await pc1.call('tax-settings-update', { managerToken: pc1.managerToken, usSalesTaxBasisPoints: 0 });
    expect((await store.client.query('SELECT tax_gstin FROM stores')).rows).toEqual([{ tax_gstin: '27AAPFU0939F1ZV' }]);

    // Set on PC 1 (through the store, with the manager PIN): PC 2 bills with them.
    await pc1.call('tax-settings-update', { managerToken: pc1.managerToken, gstin: '29AACCR7832C1ZD', roundOff: false });
    expect(await settingsOn(pc2, (tax) => tax.gstin === '29AACCR7832C1ZD', 'PC 1’s GSTIN on PC 2')).toMatchObject({ stateCode: '29', stateName: 'Karnataka', roundOff: false });
    const counterId = pc2.counters[0]?.id ?? '';
    await pc2.call('counter-claim', { counterId });
    const { item: tea } = await pc2.call('catalogue-barcode', { barcode: '8901234567890' });
    const sale = await pc2.call('invoice-checkout', { counterId, lines: [{ itemId: tea?.id ?? '', quantityThousandths: 1_000 }] });
    // Karnataka's own sale: CGST and SGST, and no round-off (₹140.50 stays).
    expect(sale.bill).toMatchObject({ storeGstin: '29AACCR7832C1ZD', placeOfSupply: { code: '29', name: 'Karnataka' } });
    expect(sale.bill.totals).toMatchObject({ supply: 'intra_state', roundOff: 0, total: 140_50, igst: 0 });
    expect(sale.bill.totals.cgst + sale.bill.totals.sgst).toBe(sale.bill.totals.tax);
    await pc2.call('cash-settle', { invoiceId: sale.invoice.id, counterId, tenderedMinor: 140_50 });
    expect((await pc2.call('receipt-get', { invoiceId: sale.invoice.id })).bill?.storeGstin).toBe('29AACCR7832C1ZD');
    expect((await store.client.query('SELECT tax_gstin, tax_round_off FROM stores')).rows).toEqual([{ tax_gstin: '29AACCR7832C1ZD', tax_round_off: false }]);

    // The link down: PC 1's change is refused and changes nothing; PC 2 bills on with its copy.
    await store.cluster.pause();
    await eventually(async () => ((await pc1.call('store-status', {})).link === 'down' ? true : undefined), 10_000, 'PC 1’s link down');
    const refused = await pc1.raw('tax-settings-update', { managerToken: pc1.managerToken, roundOff: true });
    expect(refused.ok ? null : { code: refused.error.code, message: refused.error.message }).toEqual({ code: 'conflict', message: TAX_LINK_NEEDED });
    expect(await pc1.call('tax-settings-get', {})).toMatchObject({ gstin: '29AACCR7832C1ZD', roundOff: false });
    const next = await pc2.call('invoice-checkout', { counterId, lines: [{ itemId: tea?.id ?? '', quantityThousandths: 1_000 }] });
    expect(next.bill).toMatchObject({ storeGstin: '29AACCR7832C1ZD', totals: { roundOff: 0, total: 140_50 } });
  });

  it('a PC’s copy across joins: a bill kept before names the store’s item that replaced its own; a previous store’s items are neither brought to the next store nor sold there', async () => {
    const tuning = { ...TEST_TUNING, store: FAST_LINK };
    const join = (rig: Rig, storeName: string, stationName: string) =>
      rig.call('store-join', { managerToken: rig.managerToken, url: store.url, storeName, stationName, pin: '2468' });
    const started = async (first?: Rig) => {
      const rig = await Rig.start(first ? { sharedSimulator: first.sim, tuning } : { tuning });
      rigs.push(rig);
      return rig;
    };
    const pc1 = await started();
    await pc1.call('item-create', { managerToken: pc1.managerToken, ...teaItemFields() });
    await pc1.call('item-create', { managerToken: pc1.managerToken, ...teaItemFields({ name: 'Marie biscuits', sku: 'BISC-1', barcodes: ['8900000000042'], priceMinor: 30_00 }) });
    await join(pc1, 'Main Street', 'Till 1');
    // PC 2 on its own: its tea (the same SKU) on the bill being built at its counter.
    const pc2 = await started(pc1);
    const ownTea = await pc2.call('item-create', { managerToken: pc2.managerToken, ...teaItemFields({ priceMinor: 99_00, barcodes: [] }) });
    const counterId = pc2.counters[0]?.id ?? '';
    const bill: KeptBill = {
      mode: 'items',
      lines: [],
      amount: '',
      amountDescription: 'Sale',
      cart: { lines: [{ itemId: ownTea.id, quantity: '2', discount: '' }], billDiscount: '', placeOfSupply: '', customerGstin: '', customerName: '' },
    };
    await pc2.call('bill-keep', { counterId, bill });
    await join(pc2, 'Main Street', 'Till 2');
    const mainTea = (await scanned(pc2, '8901234567890', (item) => item?.priceMinor === 140_00, 'Main Street’s tea on PC 2')).item;
    // The kept bill comes back with the store's tea, which took the place of PC 2's own.
    const kept = await pc2.call('bill-kept-get', { counterId });
    expect([kept.bill?.cart.lines[0]?.itemId, kept.items.map((item) => [item.id, item.priceMinor])]).toEqual([mainTea?.id, [[mainTea?.id, 140_00]]]);

    // PC 2 moves to another store, whose tea has the same SKU: Main Street's biscuits go neither there nor on PC 2's counter.
    const pc3 = await started(pc1);
    await pc3.call('item-create', { managerToken: pc3.managerToken, ...teaItemFields({ priceMinor: 150_00, barcodes: ['8901234567890'] }) });
    await join(pc3, 'Station Road', 'Till 3');
    await join(pc2, 'Station Road', 'Till 2');
    const roadTea = (await scanned(pc2, '8901234567890', (item) => item?.priceMinor === 150_00, 'Station Road’s tea on PC 2')).item;
    await scanned(pc2, '8900000000042', (item) => item === null, 'Main Street’s biscuits off PC 2');
    expect(await pc2.call('catalogue-search', { query: 'marie' })).toEqual([]);
    expect((await pc2.call('catalogue-search', { query: 'marie', includeInactive: true })).map((item) => item.active)).toEqual([false]);
    const roadSkus = await store.client.query<{ sku: string }>("SELECT i.sku FROM catalogue_items i JOIN stores s ON s.id = i.store_id WHERE s.name = 'Station Road' ORDER BY i.sku");
    expect(roadSkus.rows.map((row) => row.sku)).toEqual(['TEA-250']);
    expect((await pc2.call('bill-kept-get', { counterId })).items.map((item) => item.id)).toEqual([roadTea?.id]);
  });
});
