import { storeConfig } from './001_store_config';
import { storeLedger } from './002_ledger';
import { sharedZohoUse } from './003_shared_zoho_use';
import { storeAttemptHolds } from './004_attempt_holds';
import { storeAfterSale } from './005_after_sale';
import { storePcRoles } from './006_pc_roles';
import { storeInvoicePrograms } from './007_invoice_programs';
import { storeCashRefunds } from './012_cash_refunds';

/** A step of the store's PostgreSQL schema. Never edit one that has shipped: add the next number. */
export interface StoreMigration {
  version: number;
  name: string;
  sql: string;
}

export const STORE_MIGRATIONS: readonly StoreMigration[] = [storeConfig, storeLedger, sharedZohoUse, storeAttemptHolds, storeAfterSale, storePcRoles, storeInvoicePrograms, storeCashRefunds];
