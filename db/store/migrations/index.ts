import { storeConfig } from './001_store_config';
import { storeLedger } from './002_ledger';
import { sharedZohoUse } from './003_shared_zoho_use';
import { storeAttemptHolds } from './004_attempt_holds';
import { storeAfterSale } from './005_after_sale';
import { storePcRoles } from './006_pc_roles';
import { storeInvoicePrograms } from './007_invoice_programs';
import { storeOtherPcsSales } from './008_other_pcs_sales';
import { storeAttemptReviews } from './009_attempt_reviews';
import { storeReceiptDetailsPin } from './010_receipt_details_pin';
import { storeInvoiceCashiers } from './011_invoice_cashiers';
import { storeCashRefunds } from './012_cash_refunds';
import { storeCashiers } from './013_store_cashiers';
import { storeStationBacklog } from './014_station_backlog';
import { storeClaimReleases } from './015_claim_releases';
import { storeCatalogue } from './016_catalogue';
import { storeInvoiceTaxSummary } from './017_invoice_tax_summary';
import { storeRefundReservations } from './018_refund_reservations';
import { storeCorrectionsClosedDay } from './019_corrections_closed_day';
import { storeRefundCashiers } from './020_refund_cashiers';
import { storeTaxSettings } from './021_tax_settings';

/** A step of the store's PostgreSQL schema. Never edit one that has shipped: add the next number. */
export interface StoreMigration {
  version: number;
  name: string;
  sql: string;
}

export const STORE_MIGRATIONS: readonly StoreMigration[] = [storeConfig, storeLedger, sharedZohoUse, storeAttemptHolds, storeAfterSale, storePcRoles, storeInvoicePrograms, storeOtherPcsSales, storeAttemptReviews, storeReceiptDetailsPin, storeInvoiceCashiers, storeCashRefunds, storeCashiers, storeStationBacklog, storeClaimReleases, storeCatalogue, storeInvoiceTaxSummary, storeRefundReservations, storeCorrectionsClosedDay, storeRefundCashiers, storeTaxSettings];
