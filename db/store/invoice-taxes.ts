// Each invoice's tax summary as its PC shipped it (SQLite migration 026, store migration 017): the
// store's day CSV has the tax columns for every PC's sale, though each bill stays on its own PC.
import type { TaxSummary } from '../../contract/billing/invoice';
import type { Queryable } from './migrate';

/** The tax summaries of these invoices (each by its PC and id, the invoices' key), by invoice id; an invoice without one is left out. */
export async function storeInvoiceTaxes(
  client: Queryable,
  storeId: string,
  invoices: readonly { stationId: string; invoiceId: string }[],
): Promise<Map<string, TaxSummary>> {
  if (invoices.length === 0) return new Map();
  const rows = await client.query<{ id: string; taxable_minor: number; tax_minor: number; tax_by_rate: string }>(
    `SELECT i.id, i.taxable_minor, i.tax_minor, i.tax_by_rate
     FROM unnest($2::text[], $3::text[]) AS k (station_id, id)
     JOIN invoices AS i ON i.store_id = $1 AND i.station_id = k.station_id AND i.id = k.id
     WHERE i.taxable_minor IS NOT NULL`,
    [storeId, invoices.map((invoice) => invoice.stationId), invoices.map((invoice) => invoice.invoiceId)],
  );
  return new Map(
    rows.rows.map((row) => [row.id, { taxableValue: row.taxable_minor, tax: row.tax_minor, taxByRate: JSON.parse(row.tax_by_rate) as TaxSummary['taxByRate'] }]),
  );
}
