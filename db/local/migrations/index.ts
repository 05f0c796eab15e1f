import { initial } from './001_initial';
import { dayLogIndexes } from './002_day_log_indexes';
import { attemptTallies } from './003_attempt_tallies';
import { attemptReviews } from './004_attempt_reviews';
import { attemptHolds } from './005_attempt_holds';
import { accessEvents } from './006_access_events';
import { refunds } from './007_refunds';
import { tenders } from './008_tenders';
import { dayCloses } from './009_day_closes';
import { storeOutbox } from './010_store_outbox';
import { storeOutboxAfterSale } from './011_store_outbox_after_sale';
import { storeClaims } from './012_store_claims';
import { catalogue } from './013_catalogue';
import { integrationApi } from './014_integration_api';
import { integrationRefundRequests } from './015_integration_refund_requests';
import { restoreRelearn } from './016_restore_relearn';
import { refundCorrections } from './017_refund_corrections';
import { catalogueSearchIndex } from './018_catalogue_search_index';
import { shifts } from './019_shifts';
import { cashiers } from './020_cashiers';
import { keptBills } from './021_kept_bills';
import { splitTender } from './022_split_tender';
import { cashRefunds } from './023_cash_refunds';
import { linkSetAside } from './024_link_set_aside';
import { storeLease } from './025_store_lease';
import { invoiceTaxSummary } from './026_invoice_tax_summary';
import { remoteRefunds } from './027_remote_refunds';
import { closedDayEdges } from './028_closed_day_edges';
import { refundCashiers } from './029_refund_cashiers';
import { cashParts } from './030_cash_parts';
import { catalogueCopyOwner } from './031_catalogue_copy_owner';
import { namedCashierIndex } from './032_named_cashier_index';

/** A step of the schema. Never edit one that has shipped: add the next number instead. */
export interface Migration {
  version: number;
  name: string;
  sql: string;
}

export const MIGRATIONS: readonly Migration[] = [
  initial,
  dayLogIndexes,
  attemptTallies,
  attemptReviews,
  attemptHolds,
  accessEvents,
  refunds,
  tenders,
  dayCloses,
  storeOutbox,
  storeOutboxAfterSale,
  storeClaims,
  catalogue,
  integrationApi,
  integrationRefundRequests,
  restoreRelearn,
  refundCorrections,
  catalogueSearchIndex,
  shifts,
  cashiers,
  keptBills,
  splitTender,
  cashRefunds,
  linkSetAside,
  storeLease,
  invoiceTaxSummary,
  remoteRefunds,
  closedDayEdges,
  refundCashiers,
  cashParts,
  catalogueCopyOwner,
  namedCashierIndex,
];
