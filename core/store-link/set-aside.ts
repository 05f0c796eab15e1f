// One row of the store that this PC cannot apply never stops the link (issue 21): it is set aside,
// kept in this PC's SQLite (migration 024) and shown on the Manager screen with what to do, from the
// store status. Rows set aside: a review made on another PC that this PC's ledger cannot record
// (reviews.ts), a row a restored ledger refuses while re-learning (relearn.ts), a change of this PC
// the store refuses while shipping (shipper.ts). A manager may dismiss an entry: it leaves the alert,
// and who dismissed it and when stay recorded with it.
import type { SetAsideView } from '../../contract/answers';
import { getAttempt } from '../../db/local/attempt-queries';
import { getInvoice } from '../../db/local/invoices';
import type { Db } from '../../db/local/database';
import { DayClosedError, InvalidStateError, NotFoundError } from '../../db/local/errors';
import { dismissSetAside, getSetAside, listSetAside, recordSetAside, type SetAsideKind } from '../../db/local/set-aside';
import { formatDateTime } from '../../contract/calendar';
import { HandlerFailure } from '../failure';

/** How long a set-aside row stays on the Manager screen. */
export const SET_ASIDE_SHOWN_MS = 7 * 86_400_000;
const SHOWN_AT_MOST = 20;

const ADVICE: Record<SetAsideKind, string> = {
  review:
    'Open the payment in the payment log on this PC: if it still needs a manager’s check, check it here. If it no longer does, nothing more is needed.',
  relearn:
    'This PC kept its own copy of that row. Open the sale in the payment log here and on another PC; if they differ, do not refund it until your IT support has compared them.',
  ship: 'This PC keeps the change; the store and the other PCs do not have it. Open the sale in the payment log on this PC, and ask your IT support to look at the store’s database before the day is closed.',
};

/** A change of this PC that the store refused while shipping: it stays here, the changes after it went on. */
export function setAsideRefused(db: Db, at: number, refused: { table: string; row: Record<string, unknown>; reason: string }): void {
  const { row } = refused;
  const id = String(row.id);
  const invoiceNumber = typeof row.number === 'string' ? row.number : typeof row.invoice_id === 'string' ? getInvoice(db, row.invoice_id)?.number : undefined;
  const of = invoiceNumber ? ` of invoice ${invoiceNumber}` : '';
  recordSetAside(db, {
    at,
    kind: 'ship',
    recordId: `${refused.table}:${id}`,
    detail: `The store refused this PC’s change to ${refused.table.replace(/_/g, ' ')} row ${id}${of}: ${refused.reason}.`,
  });
}

/** A review made on another PC of this PC's payment that its ledger refused: the payment stays as it is. */
export function setAsideReview(db: Db, at: number, review: { attemptId: string; reviewedByName: string }, error: unknown): void {
  const payment = getAttempt(db, review.attemptId);
  const which = payment ? `of invoice ${payment.invoiceNumber}` : `${review.attemptId}, which this PC does not have`;
  recordSetAside(db, {
    at,
    kind: 'review',
    recordId: review.attemptId,
    detail: `A manager’s check made on PC “${review.reviewedByName}” of the payment ${which} could not be recorded here: ${whyRefused(error)}.`,
  });
}

/** A row of the store that the restored ledger refused while re-learning: this PC's own copy stays. */
export function setAsideRelearnt(db: Db, at: number, row: { table: string; id: string }): void {
  recordSetAside(db, {
    at,
    kind: 'relearn',
    recordId: row.id,
    detail: `After the restore, the store’s copy of ${row.table.replace(/_/g, ' ')} row ${row.id} did not fit this PC’s ledger and was not taken.`,
  });
}

/** The rows set aside on this PC lately that no manager dismissed, for the store status. */
export function setAsideViews(db: Db, now: number): SetAsideView[] {
  return listSetAside(db, now - SET_ASIDE_SHOWN_MS, SHOWN_AT_MOST).map((row) => ({ id: row.id, at: row.at, what: row.detail, advice: ADVICE[row.kind] }));
}

/** A manager takes the entry off the alert: who and when are recorded with it, and it stays in this PC's records. */
export function dismissEntry(db: Db, dismissal: { entryId: number; by: string; at: number }): void {
  const entry = getSetAside(db, dismissal.entryId);
  if (!entry) throw new HandlerFailure('not_found', 'That entry is not on this PC’s set-aside list.', 'entryId');
  if (entry.dismissedAt !== null || !dismissSetAside(db, { id: entry.id, by: dismissal.by.trim(), at: dismissal.at })) {
    const when = entry.dismissedAt === null ? '' : ` on ${formatDateTime(entry.dismissedAt)}`;
    throw new HandlerFailure('conflict', `That entry was already dismissed${entry.dismissedBy ? ` by ${entry.dismissedBy}` : ''}${when}.`, 'entryId');
  }
}

function whyRefused(error: unknown): string {
  if (error instanceof NotFoundError) return 'this PC has no such payment';
  if (error instanceof InvalidStateError) return 'the payment no longer waits for a check here';
  if (error instanceof DayClosedError) return 'its day is closed on this PC';
  return error instanceof Error ? error.message : String(error);
}
